using Microsoft.Data.Analysis;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Processes;
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
        Assert.Equal("Unsupported recording format version 9 (this version reads up to 1)", error.Message);
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

    private static byte[] Inflate(byte[] file)
    {
        using var deflate = new System.IO.Compression.DeflateStream(new MemoryStream(file[16..]), System.IO.Compression.CompressionMode.Decompress);
        var output = new MemoryStream();
        deflate.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] body)
    {
        var output = new MemoryStream();
        output.Write("SSNREC\x01\0"u8);
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
