using System.Net;
using System.Net.Sockets;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Core.Tests.Bpf;

/// <summary>
/// --bpf-maps and --bpf-map-id against the kernel: sk_storage maps made here with hand-built BTF, values stored for
/// sockets of a private namespace, the text checked exactly — and, when ss 6.10 is at hand, byte for byte against it.
/// </summary>
public sealed class BpfStorageLiveTests : IDisposable
{
    private readonly TestNamespace _namespace = new("ssn-bpf");
    private readonly BpfTestMaps _maps = new();

    public void Dispose()
    {
        _namespace.Dispose();
        _maps.Dispose();
    }

    private Socket Listener(int port)
    {
        var socket = _namespace.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        socket.Listen();
        return socket;
    }

    private static (int Exit, string Output, string Error) Ssn(params string[] arguments) => InProcessSs.Run(arguments);

    private static void AssertSameAsOracle((int Exit, string Output, string Error) ours, string[] arguments)
    {
        if (SsOracle.FindSupporting("--bpf-maps") is not { } oracle)
        {
            return;
        }
        var theirs = SsOracle.Run(oracle, arguments);
        Assert.Equal(theirs, new SsOracle.Outcome(ours.Exit, ours.Output, ours.Error));
    }

    private void Check(string expectedOutput, params string[] arguments)
    {
        var ours = Ssn(arguments);
        AssertSameAsOracle(ours, arguments);
        Assert.Equal("", ours.Error);
        Assert.Equal(0, ours.Exit);
        Assert.Equal(expectedOutput, ours.Output);
    }

    [Fact]
    public void RichStructMultiLineAndOneLine()
    {
        var (btf, value) = RichStruct.Build();
        var btfFd = _maps.LoadBtf(btf);
        var mapFd = _maps.CreateSkStorage(btfFd, RichStruct.KeyType, RichStruct.ValueType, RichStruct.Size);
        var socket = Listener(7001);
        BpfTestMaps.Store(mapFd, socket, value);
        var id = BpfTestMaps.IdOf(mapFd);

        // The char array's NUL ends every later 1-byte integer and array for the rest of the dump (libbpf's
        // is_array_terminated is never reset): ".tag = (char)" prints its indent and nothing else, "arr" and
        // "bytes" print empty.
        var header = "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n";
        var line = "LISTEN 0      4096       127.0.0.1:7001      0.0.0.0:*   ";
        Check(header + line + $"\n\tmap_id:{id} [\n" +
            "\t\t(struct value){\n" +
            "\t\t\t.a = (int)-5,\n" +
            "\t\t\t.b = (unsigned int)0x5,\n" +
            "\t\t\t.c = (unsigned int)0x11,\n" +
            "\t\t\t.name = (char[8])[\n" +
            "\t\t\t\t'h',\n" +
            "\t\t\t\t'i',\n" +
            "\t\t\t\t\t\t\t],\n" +
            "\t\t\t.counter = (u64)1234567890123,\n" +
            "\t\t\t.in = (struct inner){\n" +
            "\t\t\t\t.x = (int)7,\n" +
            "\t\t\t\t.tag = (char)\t\t\t},\n" +
            "\t\t\t(union){\n" +
            "\t\t\t\t.i = (int)1078530011,\n" +
            "\t\t\t\t.f = (float)3.141593,\n" +
            "\t\t\t},\n" +
            "\t\t\t.col = (enum color)BLUE,\n" +
            "\t\t\t.ptr = (void *)(nil),\n" +
            "\t\t\t.arr = (short[3])[\n" +
            "\t\t\t],\n" +
            "\t\t\t.bytes = (unsigned char[4])[\n" +
            "\t\t\t],\n" +
            "\t\t}\n" +
            "\t]\n",
            "-N", _namespace.Name, "-tln", $"--bpf-map-id={id}");
        Check(header + line + $" map_id:{id}(struct value){{.a = (int)-5,.b = (unsigned int)0x5,.c = (unsigned int)0x11," +
            ".name = (char[8])['h','i',],.counter = (u64)1234567890123,.in = (struct inner){.x = (int)7,.tag = (char)}," +
            "(union){.i = (int)1078530011,.f = (float)3.141593,},.col = (enum color)BLUE,.ptr = (void *)(nil)," +
            ".arr = (short[3])[],.bytes = (unsigned char[4])[],}\n",
            "-N", _namespace.Name, "-tlnO", "--bpf-maps");
    }

    /// <summary>ss loads each map as it reads the option, so a missing map is reported before later options' errors.</summary>
    [Theory]
    [InlineData("--bpf-map-id=4294967294")]
    [InlineData("--bpf-map-id=4294967294", "--bpf-maps")]
    [InlineData("--bpf-map-id=4294967294", "--bpf-map-id=bad")]
    [InlineData("--bpf-map-id=4294967294", "-h")]
    public void MissingMapIdIsSsError(params string[] options)
    {
        string[] arguments = ["-N", _namespace.Name, "-tln", .. options];
        var ours = Ssn(arguments);
        AssertSameAsOracle(ours, arguments);
        Assert.Equal((1, "", "ss: cannot get fd for BPF map ID 4294967294\n"), ours);
    }

    [Fact]
    public void BpfMapsAfterALoadedMapIsTheMixedError()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var id = BpfTestMaps.IdOf(_maps.CreateSkStorage(_maps.LoadBtf(b.Build()), int32, int32, 4));
        string[] arguments = ["-N", _namespace.Name, "-tln", $"--bpf-map-id={id}", "--bpf-maps"];
        var ours = Ssn(arguments);
        AssertSameAsOracle(ours, arguments);
        Assert.Equal((255, "", "ss: --bpf-maps and --bpf-map-id cannot be used together\n"), ours);
    }

    [Fact]
    public void MapOfAnotherTypeIsSsErrorQuotingTheArgument()
    {
        var id = BpfTestMaps.IdOf(_maps.CreateArray(8));
        var text = $"0x{id:x}";
        var arguments = new[] { "-N", _namespace.Name, "-tln", "--bpf-map-id", text };
        var ours = Ssn(arguments);
        AssertSameAsOracle(ours, arguments);
        Assert.Equal((1, "", $"ss: BPF map with ID {text} has type ID 2, expecting 24 ('sk_storage')\n"), ours);
    }

    [Fact]
    public void OnlyTheMapsAskedForAndEveryMapWithBpfMaps()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var uint32 = b.AddInt("unsigned int", 4);
        var counters = b.AddStruct("counters", 8, ("hits", uint32, 0, 0), ("misses", uint32, 32, 0));
        var btfFd = _maps.LoadBtf(b.Build());
        var first = _maps.CreateSkStorage(btfFd, int32, counters, 8, "first");
        var second = _maps.CreateSkStorage(btfFd, int32, int32, 4, "second");
        var one = Listener(7002);
        var two = Listener(7003);
        Listener(7004);
        BpfTestMaps.Store(first, one, [1, 0, 0, 0, 2, 0, 0, 0]);
        BpfTestMaps.Store(second, one, [0xff, 0xff, 0xff, 0xff]);
        BpfTestMaps.Store(second, two, [42, 0, 0, 0]);
        var firstId = BpfTestMaps.IdOf(first);
        var secondId = BpfTestMaps.IdOf(second);

        var ours = Ssn("-N", _namespace.Name, "-tlnHO", $"--bpf-map-id={secondId}");
        AssertSameAsOracle(ours, ["-N", _namespace.Name, "-tlnHO", $"--bpf-map-id={secondId}"]);
        // The kernel's hash order decides the line order; the lines themselves are exact (ss pads the line without
        // a value to the widest value, as its last column).
        Assert.Equal(
            [
                $"LISTEN 0      4096   127.0.0.1:7002 0.0.0.0:* map_id:{secondId}(int)-1",
                $"LISTEN 0      4096   127.0.0.1:7003 0.0.0.0:* map_id:{secondId}(int)42",
                "LISTEN 0      4096   127.0.0.1:7004 0.0.0.0:*" + new string(' ', $" map_id:{secondId}(int)42".Length),
            ],
            ours.Output.TrimEnd('\n').Split('\n').Order(StringComparer.Ordinal));

        ours = Ssn("-N", _namespace.Name, "-tlnHO", "--bpf-maps");
        AssertSameAsOracle(ours, ["-N", _namespace.Name, "-tlnHO", "--bpf-maps"]);
        var both = ours.Output.Split('\n').Single(line => line.Contains(":7002 ", StringComparison.Ordinal));
        Assert.Contains($" map_id:{firstId}(struct counters){{.hits = (unsigned int)1,.misses = (unsigned int)2,}}", both, StringComparison.Ordinal);
        Assert.Contains($" map_id:{secondId}(int)-1", both, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOtherShape()
    {
        var (btf, value) = ShapesStruct.Build();
        var mapFd = _maps.CreateSkStorage(_maps.LoadBtf(btf), ShapesStruct.KeyType, ShapesStruct.ValueType, ShapesStruct.Size);
        var socket = Listener(7005);
        BpfTestMaps.Store(mapFd, socket, value);
        var id = BpfTestMaps.IdOf(mapFd);
        var multi = Ssn("-N", _namespace.Name, "-tlnH", "--bpf-maps");
        var single = Ssn("-N", _namespace.Name, "-tlnHO", $"--bpf-map-id={id}");
        Assert.Equal(("", ""), (multi.Error, single.Error));
        Assert.Equal("LISTEN 0      4096   127.0.0.1:7005 0.0.0.0:*\n" + $"\tmap_id:{id} [\n" + ShapesStruct.MultiLine + "\n\t]\n", multi.Output);
        Assert.Equal($"LISTEN 0      4096   127.0.0.1:7005 0.0.0.0:* map_id:{id}" + ShapesStruct.OneLine + "\n", single.Output);
        AssertSameAsOracle(multi, ["-N", _namespace.Name, "-tlnH", "--bpf-maps"]);
        AssertSameAsOracle(single, ["-N", _namespace.Name, "-tlnHO", $"--bpf-map-id={id}"]);
    }

    [Fact]
    public void ThirtyThirdMapIsRefusedAndSsCarriesOn()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var btfFd = _maps.LoadBtf(b.Build());
        var socket = Listener(7006);
        var ids = new List<uint>();
        for (var i = 0; i < 33; i++)
        {
            var map = _maps.CreateSkStorage(btfFd, int32, int32, 4, $"m{i}");
            BpfTestMaps.Store(map, socket, BitConverter.GetBytes(i));
            ids.Add(BpfTestMaps.IdOf(map));
        }

        string[] byId = ["-N", _namespace.Name, "-tlnHO", .. ids.Select(id => $"--bpf-map-id={id}")];
        var ours = Ssn(byId);
        AssertSameAsOracle(ours, byId);
        Assert.Equal((0, $"ss: too many (> 32) BPF socket-local storage maps found, skipping map ID {ids[32]}\n"), (ours.Exit, ours.Error));
        // Only the 32 maps loaded are asked for, so only their values come back.
        Assert.Equal(32, ours.Output.Split(" map_id:").Length - 1);
        Assert.DoesNotContain($" map_id:{ids[32]}(", ours.Output, StringComparison.Ordinal);

        string[] all = ["-N", _namespace.Name, "-tlnHO", "--bpf-maps"];
        ours = Ssn(all);
        AssertSameAsOracle(ours, all);
        // Every value comes back; the one of the map ss cannot load any more is shown under the last map loaded.
        Assert.Equal((0, 33), (ours.Exit, ours.Output.Split(" map_id:").Length - 1));
        Assert.Equal(1, ours.Error.Split('\n').Count(line => line.StartsWith("ss: too many (> 32) BPF socket-local storage maps found, skipping map ID ", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A NULL pointer prints "(nil)" when it is 8-aligned in ss's receive buffer and "0x0" otherwise; where the value
    /// lands depends on the attributes before it (-m, -i, -e add some) and on the messages before it in the datagram.
    /// </summary>
    [Theory]
    [InlineData("-tlnO")]
    [InlineData("-tlnmO")]
    [InlineData("-tlniO")]
    [InlineData("-tlnmiO")]
    [InlineData("-tanmO")]
    [InlineData("-tlneO")]
    public void NullPointerFollowsTheValuesAlignmentInTheDatagram(string options)
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var holder = b.AddStruct("holder", 8, ("p", b.AddPointer(0), 0, 0));
        var map = _maps.CreateSkStorage(_maps.LoadBtf(b.Build()), int32, holder, 8);
        for (var port = 7010; port < 7013; port++)
        {
            BpfTestMaps.Store(map, Listener(port), new byte[8]);
        }
        string[] arguments = ["-N", _namespace.Name, "-H", options, "--bpf-maps"];
        var ours = Ssn(arguments);
        AssertSameAsOracle(ours, arguments);
        var values = ours.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[line.IndexOf(" map_id:", StringComparison.Ordinal)..].TrimEnd(' ')).ToArray();
        Assert.Equal(3, values.Length);
        Assert.All(values, value => Assert.Matches(@"^ map_id:\d+\(struct holder\)\{\.p = \(void \*\)(\(nil\)|0x0),\}$", value));
    }
}
