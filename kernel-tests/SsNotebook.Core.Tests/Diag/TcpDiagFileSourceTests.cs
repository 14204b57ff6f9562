using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

public class TcpDiagFileSourceTests
{
    private static readonly string Tcp4Dump = ReplayDumps.Path("tcp4.dump");

    private static SsQuery Query(StateSet states, ulong families, SocketFilter? filter = null) =>
        new() { Tables = TableSet.Of(SocketTable.Tcp), States = states, Families = families, Filter = filter };

    [Fact]
    public void ReplaysTheDumpInItsOrder()
    {
        var collector = new SocketCollector(new SsEnvironment { TcpDiagFile = Tcp4Dump });
        // The state and family masks are ignored, as ss does: -tn (no LISTEN) with -6 still shows them all.
        var snapshot = collector.Collect(Query(StateSet.Of(SocketState.Established), 1UL << 10));
        var sockets = snapshot.Sockets;
        Assert.Empty(snapshot.Diagnostics);
        Assert.Equal(15, sockets.Count);
        Assert.All(sockets, s => Assert.Equal(2, s.Family));
        Assert.All(sockets, s => Assert.Equal(SocketTable.Tcp, s.Table));
        Assert.Equal(
            [.. Enumerable.Repeat(SocketState.Listen, 4), .. Enumerable.Repeat(SocketState.Established, 6), SocketState.TimeWait,
             .. Enumerable.Repeat(SocketState.Established, 4)],
            sockets.Select(s => s.State));
        Assert.Equal(
            [44573u, 44574u, 44575u, 44578u, 44583u, 44579u, 44581u, 44580u, 44587u, 44582u, 0u, 44584u, 44588u, 44585u, 44586u],
            sockets.Select(s => s.Inode));
        Assert.Equal(Enumerable.Range(0x10bf, 15).Select(c => (ulong)c), sockets.Select(s => s.Cookie));
        Assert.All(sockets, s => Assert.Equal(0u, s.Uid));
        Assert.Equal(["0.0.0.0:22", "192.0.2.1:80", "192.0.2.1:443", "192.0.2.1:2222", "192.0.2.10:50443"],
            sockets.Take(5).Select(s => $"{s.LocalAddress}:{s.LocalPort}"));
        Assert.Equal(["0.0.0.0:0", "0.0.0.0:0", "0.0.0.0:0", "0.0.0.0:0", "192.0.2.1:443"],
            sockets.Take(5).Select(s => $"{s.PeerAddress}:{s.PeerPort}"));
        Assert.Equal([128u, 64u, 64u, 16u], sockets.Take(4).Select(s => s.SendQ));
        Assert.Equal([0u, 100u, 200u, 400u, 0u, 300u], sockets.Where(s => s.LocalAddress.ToString() == "192.0.2.1" && s.State == SocketState.Established).Select(s => s.RecvQ));
    }

    [Fact]
    public void UserFilterApplies()
    {
        var collector = new SocketCollector(new SsEnvironment { TcpDiagFile = Tcp4Dump });
        var filter = new LambdaFilter(s => s.PeerPort == 2222);
        var sockets = collector.Collect(Query(new StateSet(0x3ffe), 1UL << 2, filter)).Sockets;
        Assert.Equal([44587u, 44585u], sockets.Select(s => s.Inode));
    }

    [Fact]
    public void ErrorMessageStopsWithTcpdiagAnswered()
    {
        var message = NetlinkBytes.Message(20, 2, 1, 1, NetlinkBytes.InetDiagMsg(2, 10, 22, 0, new byte[16], new byte[16], inode: 9));
        var error = NetlinkBytes.Message(2, 0, 1, 1, NetlinkBytes.I32(-1), new byte[16]);
        var sockets = new List<SocketRecord>();
        var diagnostics = new List<string>();
        TcpDiagFileSource.Replay(NetlinkBytes.Concat(message, error, message), null, sockets, diagnostics);
        Assert.Equal([9u], sockets.Select(s => s.Inode));
        Assert.Equal(["TCPDIAG answered: Operation not permitted"], diagnostics);
    }

    [Fact]
    public void FileWithoutDoneReportsUnexpectedEof()
    {
        var message = NetlinkBytes.Message(20, 2, 1, 1, NetlinkBytes.InetDiagMsg(2, 10, 22, 0, new byte[16], new byte[16], inode: 9));
        var sockets = new List<SocketRecord>();
        var diagnostics = new List<string>();
        TcpDiagFileSource.Replay(NetlinkBytes.Concat(message, message[..40]), null, sockets, diagnostics);
        Assert.Single(sockets);
        Assert.Equal(["Unexpected EOF reading $TCPDIAG_FILE"], diagnostics);
    }

    [Fact]
    public void MissingFileIsADiagnostic()
    {
        var collector = new SocketCollector(new SsEnvironment { TcpDiagFile = "/nonexistent/ssn.dump" });
        var snapshot = collector.Collect(Query(new StateSet(0x3ffe), 1UL << 2));
        Assert.Empty(snapshot.Sockets);
        Assert.Equal(["fopen($TCPDIAG_FILE): No such file or directory"], snapshot.Diagnostics);
    }
}
