using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Analysis;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Recording;
using SsNotebook.Sockets;

namespace SsNotebook.Sampling.Tests;

public sealed class RecordingTests : IDisposable
{
    private readonly TestNamespace _ns = new("ssn-rec");
    private readonly string _directory = Directory.CreateTempSubdirectory("ssn-rec-").FullName;

    public void Dispose()
    {
        _ns.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private SampleSet SampleConnection(string arguments)
    {
        var connection = new LoopbackConnection(_ns);
        var options = new SamplingOptions { Samples = 3, Interval = TimeSpan.FromMilliseconds(50) };
        return Sampler.Run($"{arguments} -N {_ns.Name}", options, progress: new InlineProgress(_ => connection.Transfer(5000)));
    }

    [Fact]
    public void RecordThenReplayGivesIdenticalFramesAndText()
    {
        var live = SampleConnection("-tinmeo");
        var path = Path.Combine(_directory, "run.ssrec");
        live.Record(path);
        _ns.Dispose();

        // The namespace is gone: replay must not need it.
        var replayed = SampleSet.Replay(path);
        Assert.Equal(live.Count, replayed.Count);
        Assert.Equal(live.Arguments, replayed.Arguments);
        AssertSameFrame(live.Samples, replayed.Samples);
        AssertSameFrame(live.Appeared, replayed.Appeared);
        for (var i = 0; i < live.Count; i++)
        {
            var before = live.ResultAt(i);
            var after = replayed.ResultAt(i);
            Assert.Equal(before.Text, after.Text);
            Assert.Contains("cwnd:", after.Text);
            AssertSameFrame(before.Sockets, after.Sockets);
            AssertSameFrame(before.TcpInfo, after.TcpInfo);
            AssertSameFrame(before.Memory, after.Memory);
        }
        var header = Recording.SsRecording.Open(path).Header;
        Assert.Equal(HostInfo.KernelRelease, header.KernelRelease);
        Assert.Equal(HostInfo.HostName, header.Host);
    }

    /// <summary>
    /// A recording whose text names cgroups (-e) keeps the recording machine's hierarchy: a replay prints what ss
    /// printed there — under -N, where ss's fresh /sys hid this machine's cgroup2 mount, unreachable:ID — and the
    /// Inet frame still names the cgroup; on a machine where ss found the mount, the paths recorded there.
    /// </summary>
    [Fact]
    public void ARecordingOfCgroupsReplaysThemAsTheRecordingMachineNamedThem()
    {
        var live = SampleConnection("-tne");
        var path = Path.Combine(_directory, "cgroups.ssrec");
        live.Record(path);
        var recording = Recording.SsRecording.Open(path);
        var cgroups = recording.Naming!.Cgroups!;
        var id = live.Snapshots[0].Sockets[0].CgroupId;
        Assert.False(cgroups.MountFound, "this machine's cgroup2 mount is below /sys, which ss -N remounts");
        Assert.Contains(id, cgroups.Paths.Keys);

        var replayed = SampleSet.Replay(path).ResultAt(0);
        Assert.Equal(live.ResultAt(0).Text, replayed.Text);
        Assert.Contains($" cgroup:unreachable:{id:x} ", replayed.Text);
        Assert.Equal(cgroups.Paths[id], replayed.Inet["cgroup"][0]);

        var elsewhere = new Recording.SsRecording(recording.Header, recording.Samples, recording.Naming with
        {
            Cgroups = new Naming.CgroupSnapshot(true, new Dictionary<ulong, string> { [id] = "/elsewhere.slice" }),
        });
        var moved = Path.Combine(_directory, "elsewhere.ssrec");
        using (var file = File.Create(moved))
        {
            elsewhere.Write(file);
        }
        var text = SampleSet.Replay(moved).ResultAt(0).Text;
        Assert.Contains(" cgroup:/elsewhere.slice ", text);
        Assert.DoesNotContain("unreachable", text);
    }

    [Fact]
    public void ProcessesAndProcSocketsSurviveARoundTrip()
    {
        var header = new RecordingHeader("host", "6.18.0", ["-wnp"], DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var raw = new SocketRecord
        {
            Table = SocketTable.Raw,
            Family = AddressFamilies.Inet,
            State = SocketState.Close,
            Inode = 77,
            Cookie = 0xffff0000deadbeef,
            LocalAddress = InetAddress.FromIPAddress(System.Net.IPAddress.Loopback),
            LocalPort = 1,
            RecvQ = 3,
            SendQ = 4,
            Uid = 1000,
            Present = SocketAttributes.FromProc,
            Proc = new ProcSocketDetails { RefCount = 2, Options = "x y" },
        };
        var holders = new[] { new RecordedHolder(77, new SocketUser("ping", 42, 3)), new RecordedHolder(77, new SocketUser("sh", 7, 9)) };
        var sample = new RecordedSample(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(7), [], [raw], holders, ["note"]);
        var stream = new MemoryStream();
        new Recording.SsRecording(header, [sample]).Write(stream);

        var read = Recording.SsRecording.Read(new MemoryStream(stream.ToArray()));
        Assert.Equal(header.Arguments, read.Header.Arguments);
        Assert.Equal(header.Created, read.Header.Created);
        var replayed = read.Replay().Samples.Single();
        Assert.Equal(sample.Timestamp, replayed.Snapshot.Timestamp);
        Assert.Equal(["note"], replayed.Snapshot.Diagnostics);
        var socket = Assert.Single(replayed.Snapshot.Sockets);
        Assert.Equal((raw.Table, raw.Family, raw.Inode, raw.Cookie, raw.LocalAddress, raw.LocalPort, raw.RecvQ, raw.SendQ, raw.Uid, raw.Present, raw.Proc),
            (socket.Table, socket.Family, socket.Inode, socket.Cookie, socket.LocalAddress, socket.LocalPort, socket.RecvQ, socket.SendQ, socket.Uid, socket.Present, socket.Proc));
        Assert.Equal([new SocketUser("ping", 42, 3), new SocketUser("sh", 7, 9)], replayed.Processes!.UsersOf(77).ToArray());
    }

    [Fact]
    public void NamespaceOptionsAreDroppedForReplay()
    {
        Assert.Equal(["-tin", "state", "established"], NamespaceArguments.Strip(["-tin", "-N", "ns1", "state", "established"]));
        Assert.Equal(["-ti"], NamespaceArguments.Strip(["-tiNns1"]));
        Assert.Equal(["-t"], NamespaceArguments.Strip(["-tN", "ns1"]));
        Assert.Equal(["-t"], NamespaceArguments.Strip(["--net=ns1", "-t"]));
        Assert.Equal(["-t"], NamespaceArguments.Strip(["--net", "ns1", "-t"]));
        Assert.Equal(["-F", "-N", "-t"], NamespaceArguments.Strip(["-F", "-N", "-t"]).Take(1).Concat(["-N", "-t"]));
        Assert.Equal(["-fNinet"], NamespaceArguments.Strip(["-fNinet"]));
    }

    [Fact]
    public void EveryTruncationAndCorruptionIsARecordingErrorNeverACrash()
    {
        var live = SampleConnection("-tin");
        var stream = new MemoryStream();
        live.Recording!.Write(stream);
        var bytes = stream.ToArray();

        var truncated = Assert.Throws<RecordingException>(() => Recording.SsRecording.Read(new MemoryStream(bytes[..^8])));
        Assert.Contains("recording", truncated.Message, StringComparison.OrdinalIgnoreCase);
        for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
        {
            Assert.Throws<RecordingException>(() => Recording.SsRecording.Read(new MemoryStream(bytes[..length])).Replay());
        }
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[16 + random.Next(damaged.Length - 16)] ^= (byte)(1 << random.Next(8));
            try
            {
                Recording.SsRecording.Read(new MemoryStream(damaged)).Replay();
            }
            catch (RecordingException)
            {
                // A damaged reply can still be a well-formed netlink message with a malformed inet_diag payload:
                // that too is a corrupt recording.
            }
        }
    }

    /// <summary>A listener on 127.0.0.1:<paramref name="port"/> inside the test namespace.</summary>
    private Socket Listen(int port)
    {
        var listener = _ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen();
        return listener;
    }

    private SampleSet SampleOnce(string arguments) =>
        Sampler.Run($"{arguments} -N {_ns.Name}", new SamplingOptions { Samples = 1, Interval = TimeSpan.FromMilliseconds(50) });

    /// <summary>"Another machine": its own /etc (with <paramref name="services"/>, or none) and ephemeral range
    /// (<paramref name="portRange"/>, or unreadable), no /proc.</summary>
    private SsEnvironment OtherMachine(string name, string? services, string? portRange)
    {
        var root = Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;
        var etc = Directory.CreateDirectory(Path.Combine(root, "etc")).FullName;
        if (services is not null)
        {
            File.WriteAllText(Path.Combine(etc, "services"), services);
        }
        var range = Path.Combine(root, "ip_local_port_range");
        if (portRange is not null)
        {
            File.WriteAllText(range, portRange);
        }
        return new SsEnvironment { EtcDirectory = etc, ProcRoot = Path.Combine(root, "proc"), IpLocalPortRangeFile = range };
    }

    /// <summary>Sample 0 of <paramref name="recording"/> replayed in <paramref name="machine"/>, as text (the
    /// replayed set renders with the recording's naming tables on its own; the last sample's Text too).</summary>
    private static string ReplayedText(Recording.SsRecording recording, SsEnvironment machine)
    {
        var set = SampleSet.Replay(recording, machine);
        if (set.Count == 1)
        {
            Assert.Equal(set.ResultAt(0).Text, set.Text);
        }
        return set.ResultAt(0).Text;
    }

    /// <summary>The same recording as a version 1 file would give it: no naming tables.</summary>
    private static Recording.SsRecording WithoutNaming(Recording.SsRecording recording) =>
        new(recording.Header, recording.Samples, naming: null);

    private Recording.SsRecording SaveAndOpen(SampleSet live, string name)
    {
        var path = Path.Combine(_directory, name);
        live.Record(path);
        return Recording.SsRecording.Open(path);
    }

    [Fact]
    public void ServiceNamesComeFromTheRecordingNotTheReplayingMachine()
    {
        Listen(5432);
        var live = SampleOnce("-tl");
        var expected =
            "State  Recv-Q Send-Q Local Address:Port       Peer Address:Port\n" +
            "LISTEN 0      4096       127.0.0.1:postgresql      0.0.0.0:*   \n";
        Assert.Equal(expected, live.ResultAt(0).Text);
        var recording = SaveAndOpen(live, "names.ssrec");
        Assert.Equal(NamingContext.CompactTable(File.ReadAllText("/etc/services")), recording.Naming!.Services);
        Assert.Equal(NamingContext.CompactTable(File.ReadAllText("/etc/protocols")), recording.Naming.Protocols);
        Assert.Contains("\npostgresql 5432/tcp postgres\n", recording.Naming.Services);
        Assert.Equal(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range"), recording.Naming.PortRange);
        // The interfaces are the -N namespace's, as ss sees them there: only its loopback.
        Assert.Equal("1 lo\n", recording.Naming.Interfaces);
        _ns.Dispose();

        var bare = OtherMachine("bare", services: null, portRange: null);
        Assert.Equal(expected, ReplayedText(recording, bare));
        var renamed = OtherMachine("renamed", services: "pg 5432/tcp\n", portRange: "1 65535\n");
        Assert.Equal(expected, ReplayedText(recording, renamed));

        // Without recorded tables (version 1) the replaying machine names the ports, as before.
        Assert.Equal(
            "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            "LISTEN 0      4096       127.0.0.1:5432      0.0.0.0:*   \n",
            ReplayedText(WithoutNaming(recording), bare));
        Assert.Equal(
            "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            "LISTEN 0      4096       127.0.0.1:pg        0.0.0.0:*   \n",
            ReplayedText(WithoutNaming(recording), OtherMachine("pg", "pg 5432/tcp\n", "1 2\n")));
    }

    [Fact]
    public void TheEphemeralRangeComesFromTheRecording()
    {
        // dircproxy is 57000/tcp in /etc/services, but 57000 is inside this machine's 32768–60999: never named.
        Listen(57000);
        var live = SampleOnce("-tl");
        var expected =
            "State  Recv-Q Send-Q Local Address:Port  Peer Address:Port\n" +
            "LISTEN 0      4096       127.0.0.1:57000      0.0.0.0:*   \n";
        Assert.Equal(expected, live.ResultAt(0).Text);
        var recording = SaveAndOpen(live, "ephemeral.ssrec");
        _ns.Dispose();

        var narrow = OtherMachine("narrow", services: "dircproxy 57000/tcp\n", portRange: "1024\t4999\n");
        Assert.Equal(expected, ReplayedText(recording, narrow));
        Assert.Contains("127.0.0.1:dircproxy ", ReplayedText(WithoutNaming(recording), narrow));
    }

    [Fact]
    public void FiltersWithServiceNamesAndAutoboundReplayWithTheRecordedTables()
    {
        var listener = Listen(5432);
        var client = _ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        _ns.Own(listener.Accept());
        var clientPort = ((IPEndPoint)client.LocalEndPoint!).Port;

        var byName = SampleOnce("-tn sport = :postgresql");
        var autobound = SampleOnce("-tn autobound");
        Assert.Equal(
            "State Recv-Q Send-Q Local Address:Port Peer Address:Port \n" +
            $"ESTAB 0      0          127.0.0.1:5432    127.0.0.1:{clientPort}\n",
            byName.ResultAt(0).Text);
        Assert.Equal(
            "State Recv-Q Send-Q Local Address:Port  Peer Address:Port\n" +
            $"ESTAB 0      0          127.0.0.1:{clientPort}    127.0.0.1:5432\n",
            autobound.ResultAt(0).Text);
        var byNameRecording = SaveAndOpen(byName, "by-name.ssrec");
        var autoboundRecording = SaveAndOpen(autobound, "autobound.ssrec");
        _ns.Dispose();

        var elsewhere = OtherMachine("elsewhere", services: null, portRange: "1024 4999\n");
        Assert.Equal(byName.ResultAt(0).Text, ReplayedText(byNameRecording, elsewhere));
        Assert.Equal(autobound.ResultAt(0).Text, ReplayedText(autoboundRecording, elsewhere));

        // With this machine's tables the same filters mean something else, or nothing.
        var error = Assert.Throws<RecordingException>(() => WithoutNaming(byNameRecording).Replay(elsewhere));
        Assert.Equal("Cannot replay ss -tn sport = :postgresql: Error: \"postgresql\" does not look like a port.\nCannot parse dst/src address.", error.Message);
        Assert.Equal("State Recv-Q Send-Q Local Address:Port Peer Address:Port\n",
            ReplayedText(WithoutNaming(autoboundRecording), elsewhere));
    }

    [Fact]
    public void Version1RecordingsStillReplayWithTheReplayingMachineNames()
    {
        var sample = Path.Combine(RepositoryRoot(), "samples", "bulk-transfer.ssrec");
        Assert.Equal(1, BitConverter.ToUInt16(File.ReadAllBytes(sample).AsSpan(6, 2)));
        var recording = Recording.SsRecording.Open(sample);
        Assert.Null(recording.Naming);
        var replayed = recording.Replay();
        Assert.Null(replayed.Environment.Naming);
        var set = SampleSet.Replay(sample);
        Assert.Equal(recording.Samples.Count, set.Count);
        Assert.True(set.Count > 1);
        Assert.Equal(["-tinm", "-N", "ssn-demo-26879", "state", "established"], recording.Header.Arguments);
        Assert.StartsWith("Recv-Q Send-Q  Local Address:Port  Peer Address:Port", set.Text);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SsNotebook.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SsNotebook.sln not found above " + AppContext.BaseDirectory);
    }

    internal static void AssertSameFrame(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Columns.Select(column => column.Name), actual.Columns.Select(column => column.Name));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (var column = 0; column < expected.Columns.Count; column++)
        {
            for (long row = 0; row < expected.Rows.Count; row++)
            {
                Assert.Equal(expected.Columns[column][row], actual.Columns[column][row]);
            }
        }
    }
}
