using System.Net;
using SsNotebook.Filter;
using SsNotebook.Naming;
using SsNotebook.Query;
using SsNotebook.Recording;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Query;

/// <summary>
/// A recorded <see cref="NamingContext"/> replaces the machine's /etc/services, /etc/protocols and
/// ip_local_port_range for the text and the filter; without one the files are read as before.
/// </summary>
public sealed class NamingContextTests : IDisposable
{
    private const string Services = "web\t8080/tcp\twww-alt # comment\nudpweb 8080/udp\nhigh 9050/tcp\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("ssn-naming-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>An environment whose /etc and /proc are missing: only <paramref name="naming"/> can name anything.</summary>
    private SsEnvironment Elsewhere(NamingContext? naming) => new()
    {
        EtcDirectory = Path.Combine(_directory, "no-etc"),
        ProcRoot = Path.Combine(_directory, "no-proc"),
        Naming = naming,
    };

    private static readonly NamingContext Recorded = new()
    {
        Services = Services,
        Protocols = "icmp\t1\tICMP\nmyproto 253 X\n",
        PortRange = "9000\t9100\n",
    };

    private static SocketRecord Listener(SocketTable table, ushort port, SocketState state = SocketState.Listen) => new()
    {
        Table = table,
        Family = AddressFamilies.Inet,
        State = state,
        LocalAddress = InetAddress.FromIPAddress(IPAddress.Loopback),
        LocalPort = port,
        PeerAddress = InetAddress.FromIPAddress(IPAddress.Any),
        Present = SocketAttributes.FromProc,
    };

    private static string Render(SsEnvironment environment, SsQuery query, params SocketRecord[] sockets)
    {
        using var stream = new MemoryStream();
        new SsTextWriter(environment).Write(query, sockets, null, stream, TextLayout.Compact);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static SsQuery Query(SsEnvironment environment, params string[] arguments) =>
        SsNotebook.CommandLine.SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;

    [Fact]
    public void TextNamesPortsAndProtocolsFromTheRecordedTablesOnly()
    {
        var environment = Elsewhere(Recorded);
        var text = Render(environment, Query(environment, "-tl"),
            Listener(SocketTable.Tcp, 8080), Listener(SocketTable.Tcp, 9050), Listener(SocketTable.Tcp, 22));
        Assert.Equal(
            "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            "LISTEN 0      0          127.0.0.1:web       0.0.0.0:*   \n" +
            "LISTEN 0      0          127.0.0.1:9050      0.0.0.0:*   \n" +
            "LISTEN 0      0          127.0.0.1:22        0.0.0.0:*   \n",
            text);
        var raw = Render(environment, Query(environment, "-wa"),
            Listener(SocketTable.Raw, 253, SocketState.Close), Listener(SocketTable.Raw, 6, SocketState.Close));
        Assert.Equal(
            "State  Recv-Q Send-Q Local Address:Port      Peer Address:Port\n" +
            "UNCONN 0      0          127.0.0.1:myproto        0.0.0.0:*   \n" +
            "UNCONN 0      0          127.0.0.1:ipproto-6      0.0.0.0:*   \n",
            raw);
    }

    [Fact]
    public void WithoutARecordedContextTheFilesOfTheEnvironmentAreRead()
    {
        var etc = Path.Combine(_directory, "etc");
        Directory.CreateDirectory(Path.Combine(etc, "netns", "ns1"));
        File.WriteAllText(Path.Combine(etc, "services"), "global 8080/tcp\n");
        File.WriteAllText(Path.Combine(etc, "protocols"), "globalproto 253\n");
        File.WriteAllText(Path.Combine(etc, "netns", "ns1", "services"), "local 8080/tcp\n");
        var range = Path.Combine(_directory, "range");
        File.WriteAllText(range, "1000 2000\n");
        var environment = new SsEnvironment { EtcDirectory = etc, IpLocalPortRangeFile = range };

        Assert.Equal("global 8080/tcp\n", environment.ReadServices(null));
        Assert.Equal("local 8080/tcp\n", environment.ReadServices("ns1"));
        Assert.Equal("global 8080/tcp\n", environment.ReadServices("ns2"));
        // The namespace directory has no protocols file: the global one is used, as netns_switch leaves it.
        Assert.Equal("globalproto 253\n", environment.ReadProtocols("ns1"));
        Assert.Equal("1000 2000\n", environment.ReadPortRange());

        var captured = NamingContext.Capture(environment, "ns1");
        Assert.Equal(new NamingContext { Services = "local 8080/tcp\n", Protocols = "globalproto 253\n", PortRange = "1000 2000\n" }, captured);
        Assert.Same(Recorded, NamingContext.Capture(Elsewhere(Recorded), "ns1"));
        var bare = NamingContext.Capture(Elsewhere(null), null);
        Assert.Equal(new NamingContext(), bare with { Interfaces = null });
        Assert.StartsWith("1 lo\n", bare.Interfaces);
        Assert.Equal("lo"u8.ToArray(), InterfaceNames.Recorded(bare.Interfaces).NameOf(1));

        var text = Render(environment, Query(environment, "-tl"), Listener(SocketTable.Tcp, 8080), Listener(SocketTable.Tcp, 1500));
        Assert.Contains("127.0.0.1:global ", text);
        Assert.Contains("127.0.0.1:1500 ", text);
    }

    [Fact]
    public void FilterServiceNamesAndAutoboundUseTheRecordedTables()
    {
        var environment = Elsewhere(Recorded);
        var byName = FilterParser.Parse(["sport = :www-alt"], new FilterParseContext(environment) { Tables = TableSet.Of(SocketTable.Tcp) })!;
        Assert.True(byName.Matches(Listener(SocketTable.Tcp, 8080)));
        Assert.False(byName.Matches(Listener(SocketTable.Tcp, 8081)));

        var autobound = Assert.IsType<AutoboundFilter>(FilterParser.Parse(["autobound"], new FilterParseContext(environment)));
        Assert.Equal((9000, 9100), autobound.EphemeralRange);

        var error = Assert.Throws<SsException>(() =>
            FilterParser.Parse(["sport = :web"], new FilterParseContext(Elsewhere(null)) { Tables = TableSet.Of(SocketTable.Tcp) }));
        Assert.Equal("Error: \"web\" does not look like a port.\nCannot parse dst/src address.", error.Message);
        Assert.Equal((1024, 4999),
            Assert.IsType<AutoboundFilter>(FilterParser.Parse(["autobound"], new FilterParseContext(Elsewhere(null)))).EphemeralRange);
    }

    [Fact]
    public void CapturedTablesDropOnlyWhatTheirReadersSkip()
    {
        Assert.Equal("web 8080/tcp www-alt\nudpweb 8080/udp\nhigh 9050/tcp\n", NamingContext.CompactTable(Services));
        Assert.Equal("a 1/tcp\nb 2/udp x\n", NamingContext.CompactTable("# head\r\n\n  a\t 1/tcp  #c\r\n\t\nb 2/udp\tx"));
        Assert.Equal("", NamingContext.CompactTable("# nothing\n"));
        Assert.Null(NamingContext.CompactTable(null));

        var etc = Path.Combine(_directory, "etc");
        Directory.CreateDirectory(etc);
        File.WriteAllText(Path.Combine(etc, "services"), "# services\nweb\t\t8080/tcp\t\twww-alt\t# web\n");
        var captured = NamingContext.Capture(new SsEnvironment { EtcDirectory = etc, ProcRoot = Path.Combine(_directory, "no-proc") }, null);
        Assert.Equal(new NamingContext { Services = "web 8080/tcp www-alt\n" }, captured with { Interfaces = null });
        var environment = Elsewhere(captured);
        Assert.Contains("127.0.0.1:web ", Render(environment, Query(environment, "-tl"), Listener(SocketTable.Tcp, 8080)));
    }

    [Fact]
    public void InterfaceNamesComeFromTheRecordedListOnly()
    {
        var environment = Elsewhere(Recorded with { Interfaces = "1 lo\n7 wg0\n" });
        var bound = Listener(SocketTable.Tcp, 8080);
        bound.InterfaceIndex = 7;
        var unknown = Listener(SocketTable.Tcp, 8081);
        unknown.InterfaceIndex = 9;
        var text = Render(environment, Query(environment, "-tl"), bound, unknown);
        Assert.Equal(
            "State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            "LISTEN 0      0      127.0.0.1%wg0:web       0.0.0.0:*   \n" +
            "LISTEN 0      0      127.0.0.1%if9:8081      0.0.0.0:*   \n",
            text);

        var device = FilterParser.Parse(["dev", "wg0"], new FilterParseContext(environment))!;
        Assert.True(device.Matches(bound));
        Assert.False(device.Matches(unknown));
        Assert.Equal(0u, InterfaceNames.Recorded("1 lo\n").IndexOf("wg0"));
        Assert.Equal("if1"u8.ToArray(), InterfaceNames.Recorded(Recorded.Interfaces).NameOf(1));
    }

    [Fact]
    public void UnreadableTablesRecordedAsNullMeanNoNamesAndTheDefaultRange()
    {
        var environment = Elsewhere(new NamingContext());
        var text = Render(environment, Query(environment, "-tl"), Listener(SocketTable.Tcp, 22), Listener(SocketTable.Tcp, 4000));
        Assert.Contains("127.0.0.1:22 ", text);
        Assert.Contains("127.0.0.1:4000 ", text);
        Assert.Null(environment.ReadServices(null));
    }

    [Fact]
    public void ARecordingMadeHereReplaysInTheGivenEnvironmentAndSavesThisMachineTables()
    {
        var header = new RecordingHeader("h", "k", ["-tl", "autobound"], DateTimeOffset.UnixEpoch);
        var given = Elsewhere(null) with { IpLocalPortRangeFile = Path.Combine(_directory, "range") };
        File.WriteAllText(given.IpLocalPortRangeFile!, "7000 7100\n");
        var replayed = new SsNotebook.Recording.SsRecording(header, []).Replay(given);
        Assert.Same(given, replayed.Environment);
        Assert.Equal((7000, 7100), Assert.IsType<AutoboundFilter>(replayed.Query.Filter).EphemeralRange);

        var stream = new MemoryStream();
        new SsNotebook.Recording.SsRecording(header, []).Write(stream);
        var read = SsNotebook.Recording.SsRecording.Read(new MemoryStream(stream.ToArray()));
        Assert.Equal(NamingContext.Capture(SsEnvironment.FromProcess(), null), read.Naming);
        var elsewhere = read.Replay(given);
        Assert.Same(read.Naming, elsewhere.Environment.Naming);
        Assert.Equal(EphemeralPortsOf(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")),
            Assert.IsType<AutoboundFilter>(elsewhere.Query.Filter).EphemeralRange);
    }

    private static (int, int) EphemeralPortsOf(string text)
    {
        var fields = text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TheNamespaceOfRecordedArgumentsIsFound()
    {
        Assert.Equal("ns1", NamespaceArguments.Find(["-tin", "-N", "ns1", "state", "established"]));
        Assert.Equal("ns1", NamespaceArguments.Find(["-tiNns1"]));
        Assert.Equal("ns1", NamespaceArguments.Find(["-tN", "ns1"]));
        Assert.Equal("ns1", NamespaceArguments.Find(["--net=ns1", "-t"]));
        Assert.Equal("ns2", NamespaceArguments.Find(["--net", "ns1", "-N", "ns2", "-t"]));
        Assert.Null(NamespaceArguments.Find(["-fNinet"]));
        Assert.Null(NamespaceArguments.Find(["-t", "--", "-N", "ns1"]));
        Assert.Null(NamespaceArguments.Find(["-tN"]));
    }
}
