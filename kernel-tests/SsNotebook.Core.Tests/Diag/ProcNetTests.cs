using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

public sealed class ProcNetTests : IDisposable
{
    private const string TcpHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private const string Tcp6Header = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private const string UdpHeader = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n";

    private const string Tcp =
        TcpHeader
        + "   0: 0100007F:9EF3 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0        0 93791 1 00000000d7ccaa75 100 0 0 10 0\n"
        + "   1: 0100007F:9EF3 0200000A:D010 01 00000010:00000020 01:0000012C 00000003  1000        2 93848 1 000000002a7d10ff 20 4 30 13 -1\n";

    private const string Tcp6 =
        Tcp6Header
        + "   0: 0000000000000000FFFF00000100007F:9A0E 0000000000000000FFFF00000100007F:868B 06 00000000:00000000 03:0000049B 00000000     0        0 0 3 00000000f8f62596\n"
        + "   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 411 1 0000000011111111 100 0 0 10 0 extra words\n";

    private const string Udp =
        UdpHeader
        + "   0: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1234 2 0000000012345678 0\n"
        + "   1: 0100007F:0035 0100007F:C000 01 00000001:00000002 00:00000000 00000000   100        0 1235 2 0000000012345679 7\n";

    private const string Raw =
        UdpHeader
        + "   1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4321 2 00000000abcdef00 0\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("ssn-proc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static SsQuery Query(SocketTable table, StateSet states, ulong families = (1UL << 2) | (1UL << 10), SocketFilter? filter = null) =>
        new() { Tables = TableSet.Of(table), States = states, Families = families, Filter = filter };

    private static readonly StateSet All = new(0x3ffe);

    [Fact]
    public void ParsesTcpAndTcp6ThroughProcNetOverrides()
    {
        var environment = new SsEnvironment
        {
            ProcNetOverrides = new Dictionary<string, string> { ["TCP"] = Write("tcp", Tcp), ["TCP6"] = Write("tcp6", Tcp6) },
        };
        var sockets = new SocketCollector(environment).Collect(Query(SocketTable.Tcp, All)).Sockets;

        Assert.Equal(4, sockets.Count);
        var listen = sockets[0];
        Assert.Equal(SocketTable.Tcp, listen.Table);
        Assert.Equal(SocketState.Listen, listen.State);
        Assert.Equal("127.0.0.1", listen.LocalAddress.ToString());
        Assert.Equal((ushort)0x9ef3, listen.LocalPort);
        Assert.Equal("0.0.0.0", listen.PeerAddress.ToString());
        Assert.Equal(5u, listen.RecvQ);
        Assert.Equal(0u, listen.SendQ);
        Assert.Equal(93791u, listen.Inode);
        Assert.Equal(0xd7ccaa75ul, listen.Cookie);
        Assert.Equal(SocketAttributes.FromProc, listen.Present);
        Assert.Equal(new ProcSocketDetails { RefCount = 1, Rto = 100, Ato = 0, QuickAck = 0, Cwnd = 10, Ssthresh = 0, Probes = 0 }, listen.Proc);

        var established = sockets[1];
        Assert.Equal(SocketState.Established, established.State);
        Assert.Equal("10.0.0.2", established.PeerAddress.ToString());
        Assert.Equal((ushort)0xd010, established.PeerPort);
        Assert.Equal(0x10u, established.SendQ);
        Assert.Equal(0x20u, established.RecvQ);
        Assert.Equal(1, established.Timer);
        Assert.Equal(300u, established.Expires);
        Assert.Equal(3, established.Retransmits);
        Assert.Equal(1000u, established.Uid);
        Assert.Equal(new ProcSocketDetails { RefCount = 1, Rto = 20, Ato = 4, QuickAck = 30, Cwnd = 13, Ssthresh = -1, Probes = 2 }, established.Proc);

        var timeWait = sockets[2];
        Assert.Equal(10, timeWait.Family);
        Assert.Equal(SocketState.TimeWait, timeWait.State);
        Assert.Equal("::ffff:127.0.0.1", timeWait.LocalAddress.ToString());
        Assert.Equal(3, timeWait.Timer);
        Assert.Equal(0x49bu, timeWait.Expires);
        Assert.Equal(new ProcSocketDetails { RefCount = 3, Cwnd = 2, Ssthresh = -1 }, timeWait.Proc);

        var listen6 = sockets[3];
        Assert.Equal("::1", listen6.LocalAddress.ToString());
        Assert.Equal((ushort)22, listen6.LocalPort);
        Assert.Equal("extra words", listen6.Proc!.Options);
    }

    [Fact]
    public void StateMaskAndFamiliesApply()
    {
        var environment = new SsEnvironment
        {
            ProcNetOverrides = new Dictionary<string, string> { ["TCP"] = Write("tcp", Tcp), ["TCP6"] = Write("tcp6", Tcp6) },
        };
        var collector = new SocketCollector(environment);
        var listening = collector.Collect(Query(SocketTable.Tcp, StateSet.Of(SocketState.Listen))).Sockets;
        Assert.Equal([93791u, 411u], listening.Select(s => s.Inode));
        var v6Only = collector.Collect(Query(SocketTable.Tcp, All, families: 1UL << 10)).Sockets;
        Assert.Equal([0u, 411u], v6Only.Select(s => s.Inode));
    }

    [Fact]
    public void UserFilterApplies()
    {
        var environment = new SsEnvironment
        {
            ProcNetOverrides = new Dictionary<string, string> { ["TCP"] = Write("tcp", Tcp), ["TCP6"] = Write("tcp6", Tcp6) },
        };
        var filter = new LambdaFilter(s => s.LocalPort == 22);
        var sockets = new SocketCollector(environment).Collect(Query(SocketTable.Tcp, All, filter: filter)).Sockets;
        Assert.Equal([411u], sockets.Select(s => s.Inode));
        Assert.Equal(4, filter.Calls);
    }

    [Fact]
    public void ProcRootForcesUdpAndRawFiles()
    {
        Write("net/udp", Udp);
        Write("net/raw", Raw);
        var environment = new SsEnvironment { ProcRoot = _directory, ProcRootSet = true };
        var collector = new SocketCollector(environment);

        var udp = collector.Collect(Query(SocketTable.Udp, All)).Sockets;
        Assert.Equal(2, udp.Count);
        Assert.Equal(SocketTable.Udp, udp[0].Table);
        Assert.Equal(SocketState.Close, udp[0].State);
        Assert.Equal((ushort)0x44, udp[0].LocalPort);
        Assert.Equal(1234u, udp[0].Inode);
        Assert.Equal("0", udp[0].Proc!.Options);
        Assert.Equal(SocketState.Established, udp[1].State);
        Assert.Equal(1u, udp[1].SendQ);
        Assert.Equal(2u, udp[1].RecvQ);
        Assert.Equal(100u, udp[1].Uid);
        Assert.Equal(0x12345679ul, udp[1].Cookie);
        Assert.Equal("7", udp[1].Proc!.Options);

        var raw = collector.Collect(Query(SocketTable.Raw, All)).Sockets;
        var socket = Assert.Single(raw);
        Assert.Equal(SocketTable.Raw, socket.Table);
        Assert.Equal((ushort)1, socket.LocalPort);
        Assert.Equal(4321u, socket.Inode);

        var established = collector.Collect(Query(SocketTable.Udp, StateSet.Of(SocketState.Established))).Sockets;
        Assert.Equal([1235u], established.Select(s => s.Inode));
    }

    [Fact]
    public void MissingIPv4FileSkipsTheTable()
    {
        var environment = new SsEnvironment
        {
            ProcNetOverrides = new Dictionary<string, string>
            {
                ["TCP"] = Path.Combine(_directory, "missing"),
                ["TCP6"] = Write("tcp6", Tcp6),
            },
        };
        Assert.Empty(new SocketCollector(environment).Collect(Query(SocketTable.Tcp, All)).Sockets);
    }

    [Fact]
    public void MalformedLineStopsTheFile()
    {
        var environment = new SsEnvironment
        {
            ProcNetOverrides = new Dictionary<string, string>
            {
                ["TCP"] = Write("tcp", TcpHeader + "garbage\n" + Tcp[TcpHeader.Length..]),
                ["TCP6"] = Write("tcp6", Tcp6),
            },
        };
        var sockets = new SocketCollector(environment).Collect(Query(SocketTable.Tcp, All)).Sockets;
        Assert.Equal([0u, 411u], sockets.Select(s => s.Inode));
    }
}
