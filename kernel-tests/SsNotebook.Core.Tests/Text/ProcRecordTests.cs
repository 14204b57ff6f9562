using System.Net;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Text;

/// <summary>
/// Records as the collector makes them from /proc/net (Fixtures/proc), against what ss printed for those files:
/// raw protocol names, udp and tcp service names, the Netid column, and the /proc forms of timers and -i.
/// </summary>
public class ProcRecordTests
{
    private static SocketRecord Proc(SocketTable table, string local, ushort localPort, string peer, ushort peerPort, SocketState state, uint inode,
        uint recvQ = 0, uint sendQ = 0, uint uid = 0, ulong pointer = 0)
    {
        var localAddress = InetAddress.FromIPAddress(IPAddress.Parse(local));
        return new SocketRecord
        {
            Table = table,
            Family = localAddress.Family,
            State = state,
            LocalAddress = localAddress,
            LocalPort = localPort,
            PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse(peer)),
            PeerPort = peerPort,
            Inode = inode,
            RecvQ = recvQ,
            SendQ = sendQ,
            Uid = uid,
            Cookie = pointer,
            Present = SocketAttributes.FromProc,
        };
    }

    private static SocketRecord ProcTcp(SocketRecord r, byte timer, uint when, byte shownRetransmits, int rto, int ato, int quickAck, uint cwnd, int ssthresh)
    {
        r.Timer = timer;
        r.Expires = when;
        r.Retransmits = shownRetransmits;
        r.Proc = new ProcSocketDetails { Rto = rto, Ato = ato, QuickAck = quickAck, Cwnd = cwnd, Ssthresh = ssthresh };
        return r;
    }

    private static List<SocketRecord> Raw() =>
    [
        Proc(SocketTable.Raw, "0.0.0.0", 1, "0.0.0.0", 0, SocketState.Close, 4000000301, pointer: 0xffff888003f1c000),
        Proc(SocketTable.Raw, "0.0.0.0", 255, "0.0.0.0", 0, SocketState.Close, 4000000302, pointer: 0xffff888003f1d000),
        Proc(SocketTable.Raw, "::", 58, "::", 0, SocketState.Close, 4000000303, pointer: 0xffff888003f1e000),
    ];

    [Fact]
    public void DatagramOptionsAreNeverShownButTcpOptionsAre()
    {
        var udp = Udp()[0];
        udp.Proc = new ProcSocketDetails { Options = "0" };
        var tcp = Tcp()[0];
        tcp.Proc = tcp.Proc! with { Options = "extra words" };
        var query = Query([SocketTable.Udp, SocketTable.Tcp], "-Hnae");
        Assert.Equal(
            "udp UNCONN 0      0        0.0.0.0:53 0.0.0.0:*\n"
            + "tcp LISTEN 128    0      127.0.0.1:22 0.0.0.0:* ino:4000000101 sk:ffff8880054a0000 opt:\"extra words\"\n",
            TextTestSupport.Render(query, [udp, tcp]));
    }

    private static List<SocketRecord> Udp() =>
    [
        Proc(SocketTable.Udp, "0.0.0.0", 53, "0.0.0.0", 0, SocketState.Close, 4000000201),
        Proc(SocketTable.Udp, "127.0.0.1", 40960, "127.0.0.1", 53, SocketState.Established, 4000000202, recvQ: 8, sendQ: 4, uid: 101),
        Proc(SocketTable.Udp, "::1", 514, "::", 0, SocketState.Close, 4000000401),
    ];

    private static List<SocketRecord> Tcp() =>
    [
        ProcTcp(Proc(SocketTable.Tcp, "127.0.0.1", 22, "0.0.0.0", 0, SocketState.Listen, 4000000101, recvQ: 128, pointer: 0xffff8880054a0000),
            0, 0, 0, 100, 0, 0, 10, -1),
        ProcTcp(Proc(SocketTable.Tcp, "127.0.0.1", 80, "10.0.0.2", 50000, SocketState.Established, 4000000102, recvQ: 32, sendQ: 16, uid: 1000, pointer: 0xffff8880054a1111),
            2, 0x2ee, 0, 20, 4, 30, 7, 5),
        ProcTcp(Proc(SocketTable.Tcp, "127.0.0.1", 81, "10.0.0.2", 50001, SocketState.Established, 4000000103, pointer: 0xffff8880054a2222),
            1, 0x64, 2, 300, 40, 3, 10, -1),
    ];

    private static SsQuery Query(SocketTable[] tables, params string[] flags)
    {
        var query = TextTestSupport.TcpQuery(flags);
        return query with { Tables = TableSet.Of(tables) };
    }

    private static string Expected(string name) => File.ReadAllText(Path.Combine(TextTestSupport.FixtureDirectory(), name));

    [Theory]
    [InlineData("-tuwanp", "proc_tuwanp.txt")]
    [InlineData("-tuwap", "proc_tuwap.txt")]
    public void ThreeTablesWithNetid(string flags, string expected)
    {
        var sockets = Raw().Concat(Udp()).Concat(Tcp()).ToList();
        var actual = TextTestSupport.Render(Query([SocketTable.Tcp, SocketTable.Udp, SocketTable.Raw], flags), sockets);
        Assert.Equal(Expected(expected), actual);
    }

    [Fact]
    public void DatagramDetailsPrintNothing()
    {
        var sockets = Raw().Concat(Udp()).ToList();
        var actual = TextTestSupport.Render(Query([SocketTable.Udp, SocketTable.Raw], "-uwaep"), sockets);
        Assert.Equal(Expected("proc_uwaep.txt"), actual);
    }

    [Theory]
    [InlineData("-tanoe", "proc_tanoe.txt")]
    [InlineData("-tani", "proc_tani.txt")]
    public void TcpTimersAndInfoFromJiffies(string flags, string expected)
    {
        var actual = TextTestSupport.Render(Query([SocketTable.Tcp], flags), Tcp());
        Assert.Equal(Expected(expected), actual);
    }
}
