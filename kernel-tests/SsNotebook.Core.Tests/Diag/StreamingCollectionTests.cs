using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>The streaming path (one reused record, IPv4 parsed straight from the receive buffer) must see exactly
/// what the list path sees, in the same order.</summary>
public class StreamingCollectionTests(LoopbackPopulation population) : IClassFixture<LoopbackPopulation>
{
    [Theory]
    [InlineData(SocketTable.Tcp, false)]
    [InlineData(SocketTable.Tcp, true)]
    [InlineData(SocketTable.Udp, false)]
    [InlineData(SocketTable.Raw, false)]
    public void StreamedSocketsEqualListedOnes(SocketTable table, bool tcpInfo)
    {
        var query = new SsQuery
        {
            Tables = TableSet.Of(table),
            States = new StateSet(0x1ffe),
            Families = (1UL << AddressFamilies.Inet) | (1UL << AddressFamilies.Inet6),
            Show = new ShowOptions { TcpInfo = tcpInfo },
            NetworkNamespace = population.Namespace.Name,
        };
        var collector = new SocketCollector(new SsEnvironment());
        var listed = collector.Collect(query).Sockets.Select(Describe).ToList();
        var streamed = new DescribingSink();

        var diagnostics = collector.Collect(query, streamed);

        Assert.Empty(diagnostics);
        Assert.NotEmpty(listed);
        Assert.Equal(listed, streamed.Lines);
        Assert.True(streamed.SameInstanceEveryTime);
    }

    private static string Describe(SocketRecord s) =>
        $"{s.Table} {s.Family} {s.State} {s.LocalAddress}:{s.LocalPort} {s.PeerAddress}:{s.PeerPort} q={s.RecvQ}/{s.SendQ} " +
        $"ino={s.Inode} sk={s.Cookie:x} present={s.Present} cwnd={s.TcpInfo.SndCwnd} cc={s.Congestion}";

    private sealed class DescribingSink : ISocketSink
    {
        private SocketRecord? _first;

        public List<string> Lines { get; } = [];

        public bool SameInstanceEveryTime { get; private set; } = true;

        public bool ReusesRecords => true;

        public void Add(SocketRecord socket)
        {
            _first ??= socket;
            SameInstanceEveryTime &= ReferenceEquals(_first, socket);
            Lines.Add(Describe(socket));
        }
    }
}
