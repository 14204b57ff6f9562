using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

public class TcpDiagFileSourceTests
{
    private const string Ss1Dump = "/work/shared/conformance/iproute2-testsuite/ss1.dump";

    private static SsQuery Query(StateSet states, ulong families, SocketFilter? filter = null) =>
        new() { Tables = TableSet.Of(SocketTable.Tcp), States = states, Families = families, Filter = filter };

    [Fact]
    public void ReplaysTheIPv4HalfOfSs1Dump()
    {
        var collector = new SocketCollector(new SsEnvironment { TcpDiagFile = Ss1Dump });
        // The state and family masks are ignored, as ss does: -tn (no LISTEN) with -6 still shows all four.
        var snapshot = collector.Collect(Query(StateSet.Of(SocketState.Established), 1UL << 10));
        var sockets = snapshot.Sockets;
        Assert.Empty(snapshot.Diagnostics);
        Assert.Equal(4, sockets.Count);
        Assert.All(sockets, s => Assert.Equal(2, s.Family));
        Assert.All(sockets, s => Assert.Equal(SocketTable.Tcp, s.Table));
        Assert.Equal([SocketState.Listen, SocketState.Established, SocketState.Established, SocketState.Established], sockets.Select(s => s.State));
        Assert.Equal([411u, 15840u, 15057u, 15834u], sockets.Select(s => s.Inode));
        Assert.Equal([3ul, 6ul, 7ul, 5ul], sockets.Select(s => s.Cookie));
        Assert.Equal([0u, 0u, 1000u, 0u], sockets.Select(s => s.Uid));
        Assert.Equal(["0.0.0.0:22", "10.0.0.1:22", "10.0.0.1:36266", "10.0.0.1:22"], sockets.Select(s => $"{s.LocalAddress}:{s.LocalPort}"));
        Assert.Equal(["0.0.0.0:0", "10.0.0.1:36266", "10.0.0.1:22", "10.0.0.2:50312"], sockets.Select(s => $"{s.PeerAddress}:{s.PeerPort}"));
        Assert.Equal(128u, sockets[0].SendQ);
        Assert.Equal([0, 2, 2, 2], sockets.Select(s => (int)s.Timer));
        Assert.All(sockets, s => Assert.True(s.Has(SocketAttributes.Shutdown)));
    }

    [Fact]
    public void UserFilterApplies()
    {
        var collector = new SocketCollector(new SsEnvironment { TcpDiagFile = Ss1Dump });
        var filter = new LambdaFilter(s => s.PeerPort == 22);
        var sockets = collector.Collect(Query(new StateSet(0x3ffe), 1UL << 2, filter)).Sockets;
        Assert.Equal([15057u], sockets.Select(s => s.Inode));
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
