using System.Net;
using System.Net.Sockets;
using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Fuzz.Targets;
using SsNotebook.Netlink;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Recording;
using SsNotebook.Sockets;

namespace SsNotebook.Fuzz;

/// <summary>
/// Writes the seed corpora: real kernel replies, /proc/net files, -D dumps and recordings captured from sockets this
/// process opens in its own network namespace (seeds.sh runs it under <c>unshare -n</c>), plus hand-written filters
/// and command lines. Every seed is small, so the corpus stays reviewable.
/// </summary>
internal static class SeedMaker
{
    private const int MaxSeedBytes = 16 * 1024;

    public static void Write(string root, TextWriter log)
    {
        var sockets = OpenPopulation();
        try
        {
            var corpus = new Corpus(root, log);
            WriteSockDiag(corpus);
            WriteProcNet(corpus);
            WriteTcpDiagFile(corpus);
            WriteBtf(corpus);
            WriteRecordings(corpus);
            WriteText(corpus, "filter", FilterSeeds);
            WriteText(corpus, "cmdline", CommandLineSeeds);
            corpus.Report();
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Sockets of every kind this namespace can have: TCP (listening, connected, v4 and v6, a mark), UDP,
    /// raw, unix of each type (path and abstract names), packet, an extra netlink socket; vsock and xdp if the
    /// kernel lets us.</summary>
    private static List<Socket> OpenPopulation()
    {
        var sockets = new List<Socket>();
        var directory = Directory.CreateTempSubdirectory("ssn-seeds-").FullName;
        Listen(sockets, AddressFamily.InterNetwork, IPAddress.Loopback, 22);
        Listen(sockets, AddressFamily.InterNetworkV6, IPAddress.IPv6Loopback, 443);
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 53));
        udp.Connect(new IPEndPoint(IPAddress.Loopback, 5353));
        sockets.Add(udp);
        sockets.Add(new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp));
        sockets.Add(new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp));
        sockets.Add(new Socket(AddressFamily.InterNetworkV6, SocketType.Raw, ProtocolType.IcmpV6));
        var unixListener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        unixListener.Bind(new UnixDomainSocketEndPoint(Path.Combine(directory, "listener.sock")));
        unixListener.Listen(4);
        sockets.Add(unixListener);
        var unixClient = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        unixClient.Connect(new UnixDomainSocketEndPoint(Path.Combine(directory, "listener.sock")));
        unixClient.Send("queued"u8);
        sockets.Add(unixClient);
        var abstractDgram = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        abstractDgram.Bind(new UnixDomainSocketEndPoint("\0ssn-fuzz-abstract"));
        sockets.Add(abstractDgram);
        var seqpacket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        seqpacket.Bind(new UnixDomainSocketEndPoint(Path.Combine(directory, "seq.sock")));
        seqpacket.Listen(1);
        sockets.Add(seqpacket);
        sockets.Add(new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)0x0300));
        sockets.Add(new Socket(AddressFamily.Packet, SocketType.Dgram, (ProtocolType)0x0008));
        TryAdd(sockets, () => new Socket((AddressFamily)16, SocketType.Raw, (ProtocolType)0));
        TryAdd(sockets, () => new Socket((AddressFamily)40, SocketType.Stream, ProtocolType.Unspecified));
        TryAdd(sockets, () => new Socket((AddressFamily)44, SocketType.Raw, ProtocolType.Unspecified));
        return sockets;
    }

    private static void Listen(List<Socket> sockets, AddressFamily family, IPAddress address, int port)
    {
        var listener = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, port));
        listener.Listen(8);
        sockets.Add(listener);
        var client = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        client.SetRawSocketOption(1, 36, BitConverter.GetBytes(0x15));
        client.Connect(new IPEndPoint(address, port));
        client.Send(new byte[100]);
        sockets.Add(client);
        sockets.Add(listener.Accept());
    }

    private static void TryAdd(List<Socket> sockets, Func<Socket> open)
    {
        try
        {
            sockets.Add(open());
        }
        catch (SocketException)
        {
            // Not on this kernel or runtime (vsock, xdp; .NET refuses AF_NETLINK): the dump sockets and hand-built seeds stand in.
        }
    }

    private static void WriteSockDiag(Corpus corpus)
    {
        var show = SsCommandLine.Parse(["-tiem", "--tos", "--cgroup", "--inet-sockopt"], new SsEnvironment()).Query;
        var extensions = InetDiagRequest.Extensions(show.Show);
        var all = new StateSet(0xfff);
        (SocketTable Table, int Protocol)[] tables =
            [(SocketTable.Tcp, InetDiag.ProtocolTcp), (SocketTable.Udp, InetDiag.ProtocolUdp), (SocketTable.Raw, InetDiag.ProtocolRaw)];
        foreach (var (table, protocol) in tables)
        {
            foreach (var family in (byte[])[AddressFamilies.Inet, AddressFamilies.Inet6])
            {
                var request = InetDiagRequest.Build(family, protocol, table == SocketTable.Tcp ? extensions : (byte)0, all, bytecode: null);
                var index = (byte)Array.IndexOf([SocketTable.Tcp, SocketTable.Udp, SocketTable.Raw], table);
                corpus.AddBuffers("inet", (byte)(index | 0x38), Dump(request));
                corpus.AddBuffers("inet", (byte)(index | 0x80), Dump(request));
            }
        }
        corpus.AddBuffers("unix", 0x38, Dump(LocalDiagRequest.Unix(all, SsCommandLine.Parse(["-xem"], new SsEnvironment()).Query.Show)));
        corpus.AddBuffers("packet", 0x38, Dump(LocalDiagRequest.Packet()));
        corpus.AddBuffers("netlink", 0x38, Dump(LocalDiagRequest.Netlink()));
        corpus.AddBuffers("vsock", 0x38, Dump(LocalDiagRequest.Vsock(all)));
        corpus.AddBuffers("xdp", 0x38, Dump(LocalDiagRequest.Xdp()));
        corpus.AddBuffers("tipc", 0x38, Dump(LocalDiagRequest.Tipc(all)));
        // Hand-built replies where this kernel has no such socket (or no diag module): one message each, every
        // attribute the parser knows.
        corpus.Add("vsock", "handmade-stream", [0x38, .. Message(20, Vsock(1, 1, 3, 1024, uint.MaxValue, uint.MaxValue))]);
        corpus.Add("vsock", "handmade-dgram", [0x08, .. Message(20, Vsock(2, 7, 2, 5000, 3, 4000))]);
        corpus.Add("xdp", "handmade", [0x38, .. Message(20, Xdp())]);
        corpus.Add("tipc", "handmade-listening", [0x38, .. Message(20, Tipc(type: 1, state: 10, connection: null))]);
        corpus.Add("tipc", "handmade-connected", [0x50, .. Message(20, Tipc(type: 5, state: 1, connection: (16777218, 4711, true))),
            .. Message(20, Tipc(type: 4, state: 7, connection: (16777219, 4712, false)))]);
    }

    private static List<byte[]> Dump(byte[] request)
    {
        var capture = new BufferCapture();
        try
        {
            using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
            NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, capture);
        }
        catch (NetlinkException)
        {
            // No diag module for this family on this kernel: the hand-built seeds stand in.
        }
        return capture.Buffers;
    }

    private static byte[] Message(ushort type, byte[] payload)
    {
        var message = new byte[16 + payload.Length];
        BitConverter.TryWriteBytes(message.AsSpan(0), message.Length);
        BitConverter.TryWriteBytes(message.AsSpan(4), type);
        BitConverter.TryWriteBytes(message.AsSpan(6), (ushort)2);
        BitConverter.TryWriteBytes(message.AsSpan(8), NetlinkDump.MagicSequence);
        payload.CopyTo(message, 16);
        return message;
    }

    private static byte[] Vsock(byte type, byte state, uint localCid, uint localPort, uint peerCid, uint peerPort)
    {
        var payload = new byte[VsockDiagParser.MessageLength];
        payload[0] = 40;
        payload[1] = type;
        payload[2] = state;
        BitConverter.TryWriteBytes(payload.AsSpan(4), localCid);
        BitConverter.TryWriteBytes(payload.AsSpan(8), localPort);
        BitConverter.TryWriteBytes(payload.AsSpan(12), peerCid);
        BitConverter.TryWriteBytes(payload.AsSpan(16), peerPort);
        BitConverter.TryWriteBytes(payload.AsSpan(20), 4711u);
        BitConverter.TryWriteBytes(payload.AsSpan(24), 99u);
        return payload;
    }

    private static byte[] Xdp()
    {
        var payload = new List<byte> { 44, 3, 0, 0 };
        payload.AddRange(BitConverter.GetBytes(12345u));
        payload.AddRange(BitConverter.GetBytes(0x01020304u));
        payload.AddRange(BitConverter.GetBytes(0u));
        // info, uid, rx ring, tx ring, umem, fill ring, completion ring, meminfo, stats
        (ushort Type, int Length)[] attributes = [(1, 8), (2, 4), (3, 4), (4, 4), (5, 40), (6, 4), (7, 4), (8, 36), (9, 48)];
        foreach (var (type, length) in attributes)
        {
            payload.AddRange(BitConverter.GetBytes((ushort)(4 + length)));
            payload.AddRange(BitConverter.GetBytes(type));
            for (var i = 0; i < length; i++)
            {
                payload.Add((byte)(i % 4 == 0 ? type + i : 0));
            }
        }
        return [.. payload];
    }

    /// <summary>A TIPC reply: the TIPC_NLA_SOCK nest with every attribute the kernel sends, its STAT nest (numbered from
    /// 0) and, for a connected socket, its CON nest.</summary>
    private static byte[] Tipc(uint type, uint state, (uint Node, uint Reference, bool Named)? connection)
    {
        static byte[] Attribute(ushort type, params byte[][] parts)
        {
            var payload = parts.SelectMany(part => part).ToArray();
            var length = 4 + payload.Length;
            return [.. BitConverter.GetBytes((ushort)length), .. BitConverter.GetBytes(type), .. payload, .. new byte[(4 - (length % 4)) % 4]];
        }
        static byte[] U32(uint value) => BitConverter.GetBytes(value);
        var stat = Attribute(5, Attribute(0, U32(3)), Attribute(1, U32(2)), Attribute(4, U32(1)), Attribute(2), Attribute(3));
        var peer = connection is { } c
            ? Attribute(3, Attribute(2, U32(c.Node)), Attribute(3, U32(c.Reference)),
                c.Named ? [.. Attribute(1), .. Attribute(4, U32(18888)), .. Attribute(5, U32(17))] : [])
            : Attribute(4);
        return Attribute(2, Attribute(2, U32(4711)), Attribute(1, U32(16777217)), peer, Attribute(6, U32(type)), Attribute(9, U32(state)),
            Attribute(7, U32(12345)), Attribute(8, U32(1000)), Attribute(11), Attribute(10, BitConverter.GetBytes(0x0102030405060708UL)), stat);
    }

    private static void WriteProcNet(Corpus corpus)
    {
        string[] files = ["tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "packet", "netlink"];
        for (var i = 0; i < files.Length; i++)
        {
            var text = File.ReadAllBytes($"/proc/net/{files[i]}");
            corpus.Add("procnet", files[i], [(byte)i, .. text.AsSpan(0, Math.Min(text.Length, MaxSeedBytes))]);
        }
        // An old kernel's short TCP line (no rto/ato/cwnd columns) and a line cut in the middle.
        corpus.Add("procnet", "tcp-short-line", [0, .. Encoding.ASCII.GetBytes(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1 0000000000000000\n" +
            "   1: 0100007F:0016 0100007F:9C40 01 00000000:0000")]);
    }

    /// <summary>The hand-built BTF of the unit tests (every shape ss prints) with their values, in both layouts.</summary>
    private static void WriteBtf(Corpus corpus)
    {
        var (rich, richValue) = Core.Tests.Bpf.RichStruct.Build();
        corpus.Add("btf", "rich-multiline", BtfTarget.Input(false, 0, Core.Tests.Bpf.RichStruct.ValueType, richValue, rich));
        var (shapes, shapesValue) = Core.Tests.Bpf.ShapesStruct.Build();
        corpus.Add("btf", "shapes-oneline", BtfTarget.Input(true, 0, Core.Tests.Bpf.ShapesStruct.ValueType, shapesValue, shapes));
        corpus.Add("btf", "shapes-unaligned", BtfTarget.Input(true, 4, Core.Tests.Bpf.ShapesStruct.ValueType, shapesValue, shapes));
    }

    private static void WriteTcpDiagFile(Corpus corpus)
    {
        foreach (var arguments in (string[][])[["-t"], ["-tie"], ["-tm", "state", "listening"]])
        {
            var query = SsCommandLine.Parse(arguments, new SsEnvironment()).Query;
            var dump = new MemoryStream();
            new SocketCollector(new SsEnvironment()).WriteTcpDump(query, dump);
            corpus.Add("tcpdiag-file", string.Join("", arguments).Replace(" ", "", StringComparison.Ordinal), [0x10, .. dump.ToArray()]);
        }
    }

    private static void WriteRecordings(Corpus corpus)
    {
        var samples = Path.Combine(Directory.GetCurrentDirectory(), "samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*.ssrec"))
        {
            corpus.AddRecording(Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(file));
        }
        string[][] argumentSets = [["-tni"], ["-tan", "sport", "=", ":22", "or", "dst", "[::1]"], ["-uan"], ["-wa"], ["-tanp"]];
        for (var i = 0; i < argumentSets.Length; i++)
        {
            var query = SsCommandLine.Parse(argumentSets[i], new SsEnvironment()).Query;
            var recorded = new List<RecordedSample>();
            for (var sample = 0; sample < 2; sample++)
            {
                var observer = new ReplyObserver();
                var collector = new SocketCollector(new SsEnvironment()) { Observer = observer };
                var snapshot = collector.Collect(query);
                IReadOnlyList<RecordedHolder>? holders = query.Show.Processes
                    ? [.. snapshot.Sockets.Take(2).Select(s => new RecordedHolder(s.Inode, new SocketUser("ssn-fuzz", Environment.ProcessId, 3, Environment.ProcessId)))]
                    : null;
                recorded.Add(new RecordedSample(snapshot.Timestamp, observer.Replies, [], holders, snapshot.Diagnostics));
            }
            var header = new RecordingHeader("fuzz-seeds", "6.1.0-test", argumentSets[i], DateTimeOffset.UnixEpoch.AddDays(20000));
            var naming = i % 2 == 0 ? FuzzEnvironment.Neutral.Naming : null;
            var recording = new SsRecording(header, recorded, naming);
            var file = new MemoryStream();
            recording.Write(file);
            corpus.AddRecording($"captured-{i}", file.ToArray());
        }
    }

    private static void WriteText(Corpus corpus, string target, IReadOnlyList<string> seeds)
    {
        for (var i = 0; i < seeds.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(seeds[i]);
            corpus.Add(target, $"seed-{i:000}", target == "filter" ? [(byte)(i % 8), .. bytes] : bytes);
        }
    }

    /// <summary>Filters written for the corpus: every construct of the language once or twice.</summary>
    private static readonly string[] FilterSeeds =
    [
        "sport = :22", "dport != 443", "src 127.0.0.1", "dst [::1]:443", "( sport = :ssh or dport = :https ) and not dst 10.0.0.0/8",
        "src inet:127.0.0.1/8", "src inet6:[::ffff:127.0.0.1]", "sport >= 1024\nand\ndport <= 65535", "sport gt 1 && dport lt 2 || sport eq 3",
        "dev lo", "dev != eth0", "fwmark 0x15/0xff", "fwmark = 7", "autobound", "not autobound", "src unix:/run/*.sock",
        "dst unix:@*", "src link:3:*", "src netlink:0:-1", "src vsock:3:1024", "src *:*", "dst localhost", "src multi.test:22",
        "! ( src 127.0.0.1 ) | sport = 5", "src 0.0.0.0/0 and dst [::/0]", "cgroup /sys/fs/cgroup", "sport = :\\ 22",
        "# a comment\nsport = :22\n", "((((sport = :1))))", "not not not sport = :1",
    ];

    /// <summary>Command lines (NUL between words) written for the corpus.</summary>
    private static readonly string[] CommandLineSeeds =
    [
        "-tan", "-tuln\0state\0listening", "-xa", "-0n", "-A\0inet,unix", "-f\0inet6\0-n", "-tanpie", "-s",
        "--query=tcp,udp\0-o", "-t\0sport\0=\0:22", "-tn\0( dport = :ssh or sport = :443 )", "-F\0-\0-t", "-N\0nonexistent\0-t",
        "-D\0/tmp/ssn-fuzz-dump", "--help", "-V", "-tanH\0exclude\0time-wait", "--family=netlink", "-K\0dst\0127.0.0.9",
        "--bpf-map-id=5", "-4\0-6\0-t", "--tcp\0--udp\0--all\0--numeric", "-t\0state\0bogus", "-A\0bogus", "--unknown",
    ];

    /// <summary>Writes seeds under ROOT/corpus/TARGET, named after their origin.</summary>
    private sealed class Corpus(string root, TextWriter log)
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public void Add(string target, string name, byte[] bytes)
        {
            var directory = Path.Combine(root, "corpus", target);
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
            _counts[target] = _counts.GetValueOrDefault(target) + 1;
        }

        public void AddBuffers(string target, byte flags, List<byte[]> buffers)
        {
            foreach (var buffer in buffers.Where(b => b.Length <= MaxSeedBytes))
            {
                Add(target, $"captured-{_counts.GetValueOrDefault(target):000}", [flags, .. buffer]);
            }
        }

        public void AddRecording(string name, byte[] file)
        {
            Add("recording", name, file);
            var body = RecordingBodyTarget.Unwrap(file)!;
            Add("recording-body", name, [(byte)(file[6] - 1), .. body]);
            Add("recording-frames", name, [(byte)(file[6] - 1), .. body]);
        }

        public void Report()
        {
            foreach (var (target, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                log.WriteLine($"{target}: {count} seeds");
            }
        }
    }

    private sealed class BufferCapture : INetlinkDumpHandler
    {
        public List<byte[]> Buffers { get; } = [];

        public void OnMessage(in NetlinkMessage message)
        {
        }

        public void OnRestart() => Buffers.Clear();

        public void OnBuffer(ReadOnlySpan<byte> buffer) => Buffers.Add(buffer.ToArray());
    }

    private sealed class ReplyObserver : IDumpObserver
    {
        public List<RecordedReply> Replies { get; } = [];

        public void OnReply(SocketTable table, byte family, ReadOnlySpan<byte> buffer) =>
            Replies.Add(new RecordedReply(table, family, buffer.ToArray()));
    }
}
