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
    public void Record_then_replay_gives_identical_frames_and_text()
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
        var header = Recording.Recording.Open(path).Header;
        Assert.Equal(HostInfo.KernelRelease, header.KernelRelease);
        Assert.Equal(HostInfo.HostName, header.Host);
    }

    [Fact]
    public void Processes_and_proc_sockets_survive_a_round_trip()
    {
        var header = new RecordingHeader("host", "6.18.0", ["-wnp"], DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var raw = new SocketRecord
        {
            Table = SocketTable.Raw,
            Family = InetAddress.AfInet,
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
        new Recording.Recording(header, [sample]).Write(stream);

        var read = Recording.Recording.Read(new MemoryStream(stream.ToArray()));
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
    public void Namespace_options_are_dropped_for_replay()
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
    public void Not_a_recording_and_newer_versions_are_rejected_with_clear_messages()
    {
        var error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream("hello world"u8.ToArray())));
        Assert.Equal("Not an ss recording: the file does not start with SSNREC", error.Message);
        error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream([])));
        Assert.Equal("Not an ss recording: the file does not start with SSNREC", error.Message);
        error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream("SSNREC\x09\0"u8.ToArray())));
        Assert.Equal("Unsupported recording format version 9 (this version reads up to 2)", error.Message);
        error = Assert.Throws<RecordingException>(() => Recording.Recording.Open(Path.Combine(_directory, "missing.ssrec")));
        Assert.StartsWith("Cannot read recording ", error.Message);
    }

    [Fact]
    public void Every_truncation_and_corruption_is_a_recording_error_never_a_crash()
    {
        var live = SampleConnection("-tin");
        var stream = new MemoryStream();
        live.Recording!.Write(stream);
        var bytes = stream.ToArray();

        var truncated = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(bytes[..^8])));
        Assert.Contains("recording", truncated.Message, StringComparison.OrdinalIgnoreCase);
        for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
        {
            Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(bytes[..length])).Replay());
        }
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[16 + random.Next(damaged.Length - 16)] ^= (byte)(1 << random.Next(8));
            try
            {
                Recording.Recording.Read(new MemoryStream(damaged)).Replay();
            }
            catch (RecordingException)
            {
            }
            catch (Query.SsException)
            {
                // A damaged reply can still be a well-formed netlink message with a malformed inet_diag payload.
            }
        }
    }

    [Fact]
    public void Inflated_body_corruption_is_caught_by_structure_checks()
    {
        var header = new RecordingHeader("h", "k", ["-tn"], DateTimeOffset.UnixEpoch);
        var stream = new MemoryStream();
        new Recording.Recording(header, []).Write(stream);
        var body = Inflate(stream.ToArray());
        // Claim two samples in the End marker while there are none.
        body[^4] = 2;
        var error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(Deflate(body))));
        Assert.Equal("Corrupt recording: the end marker counts 2 samples but 0 were read", error.Message);
        error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(Deflate(body[..^9]))));
        Assert.Equal("Truncated recording: it ends after 0 complete samples without its end marker", error.Message);
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
    private static string ReplayedText(Recording.Recording recording, SsEnvironment machine)
    {
        var set = SampleSet.Replay(recording, machine);
        if (set.Count == 1)
        {
            Assert.Equal(set.ResultAt(0).Text, set.Text);
        }
        return set.ResultAt(0).Text;
    }

    /// <summary>The same recording as a version 1 file would give it: no naming tables.</summary>
    private static Recording.Recording WithoutNaming(Recording.Recording recording) =>
        new(recording.Header, recording.Samples, naming: null);

    private Recording.Recording SaveAndOpen(SampleSet live, string name)
    {
        var path = Path.Combine(_directory, name);
        live.Record(path);
        return Recording.Recording.Open(path);
    }

    [Fact]
    public void Service_names_come_from_the_recording_not_the_replaying_machine()
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
    public void The_ephemeral_range_comes_from_the_recording()
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
    public void Filters_with_service_names_and_autobound_replay_with_the_recorded_tables()
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
        var error = Assert.Throws<SsException>(() => WithoutNaming(byNameRecording).Replay(elsewhere));
        Assert.Equal("Error: \"postgresql\" does not look like a port.\nCannot parse dst/src address.", error.Message);
        Assert.Equal("State Recv-Q Send-Q Local Address:Port Peer Address:Port\n",
            ReplayedText(WithoutNaming(autoboundRecording), elsewhere));
    }

    [Fact]
    public void Version_1_recordings_still_replay_with_the_replaying_machine_names()
    {
        var sample = Path.Combine(RepositoryRoot(), "samples", "bulk-transfer.ssrec");
        Assert.Equal(1, BitConverter.ToUInt16(File.ReadAllBytes(sample).AsSpan(6, 2)));
        var recording = Recording.Recording.Open(sample);
        Assert.Null(recording.Naming);
        var replayed = recording.Replay();
        Assert.Null(replayed.Environment.Naming);
        var set = SampleSet.Replay(sample);
        Assert.Equal(recording.Samples.Count, set.Count);
        Assert.True(set.Count > 1);
        Assert.Equal(["-tinm", "-N", "ssn-demo-26879", "state", "established"], recording.Header.Arguments);
        Assert.StartsWith("Recv-Q Send-Q  Local Address:Port  Peer Address:Port", set.Text);

        // A version 1 body (no Naming chunk) in a version 1 file reads, with no naming tables.
        var header = new RecordingHeader("h", "k", ["-tln"], DateTimeOffset.UnixEpoch);
        var stream = new MemoryStream();
        new Recording.Recording(header, [], naming: null).Write(stream);
        var v1 = Recording.Recording.Read(new MemoryStream(Deflate(Inflate(stream.ToArray()), version: 1)));
        Assert.Null(v1.Naming);
        Assert.Equal(["-tln"], v1.Header.Arguments);
    }

    [Fact]
    public void Naming_tables_round_trip_and_their_corruption_is_a_recording_error()
    {
        var header = new RecordingHeader("h", "k", ["-tl"], DateTimeOffset.UnixEpoch);
        var naming = new NamingContext { Services = "web 8080/tcp\n", Protocols = null, PortRange = "9000 9100\n", Interfaces = "1 lo\n" };
        var stream = new MemoryStream();
        new Recording.Recording(header, [], naming).Write(stream);
        var file = stream.ToArray();
        Assert.Equal(2, BitConverter.ToUInt16(file.AsSpan(6, 2)));
        Assert.Equal(naming, Recording.Recording.Read(new MemoryStream(file)).Naming);

        var body = Inflate(file);
        var headerLength = 5 + BitConverter.ToInt32(body.AsSpan(1, 4));
        Assert.Equal(8, body[headerLength]);
        var namingLength = 5 + BitConverter.ToInt32(body.AsSpan(headerLength + 1, 4));
        var namingChunk = body.AsSpan(headerLength, namingLength).ToArray();

        var damaged = (byte[])body.Clone();
        damaged[headerLength + 5] = 2;
        var error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(Deflate(damaged))));
        Assert.Equal($"Corrupt recording: services table flag 2 at offset {headerLength + 5} is not 0 or 1", error.Message);

        error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(Deflate(body, version: 1))));
        Assert.Equal($"Corrupt recording: unexpected Naming chunk at offset {headerLength}", error.Message);

        byte[] twice = [.. body.AsSpan(0, headerLength + namingLength), .. namingChunk, .. body.AsSpan(headerLength + namingLength)];
        error = Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(Deflate(twice))));
        Assert.Equal($"Corrupt recording: unexpected Naming chunk at offset {headerLength + namingLength}", error.Message);

        // Shorten the chunk's declared length so a string runs past its end.
        var cut = (byte[])body.Clone();
        BitConverter.TryWriteBytes(cut.AsSpan(headerLength + 1, 4), namingLength - 5 - 3);
        Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(Deflate(cut))));
        for (var length = 0; length < body.Length; length++)
        {
            Assert.Throws<RecordingException>(() => Recording.Recording.Read(new MemoryStream(Deflate(body[..length]))));
        }
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

    private static byte[] Inflate(byte[] file)
    {
        using var deflate = new System.IO.Compression.DeflateStream(new MemoryStream(file[16..]), System.IO.Compression.CompressionMode.Decompress);
        var output = new MemoryStream();
        deflate.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] body, byte version = 2)
    {
        var output = new MemoryStream();
        output.Write("SSNREC"u8);
        output.Write([version, 0]);
        var compressed = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(body);
        }
        output.Write(BitConverter.GetBytes(compressed.Length));
        output.Write(compressed.ToArray());
        return output.ToArray();
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
