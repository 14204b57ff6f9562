using Microsoft.Data.Analysis;
using SsNotebook.Frames;
using SsNotebook.Sockets;

namespace SsNotebook.Frames.Tests;

public sealed class FrameQueriesTests
{
    private static DataFrame Table() =>
        TableFrameBuilder.Build([SampleSockets.Listener(), SampleSockets.Connection(), SampleSockets.OldKernelUdp(), Peer(50000), Peer(50001)], processes: null);

    private static SocketRecord Peer(int port)
    {
        var socket = SampleSockets.Connection();
        socket.PeerPort = (ushort)port;
        socket.Cookie = (ulong)port;
        return socket;
    }

    [Fact]
    public void ColumnOfTheStoredTypeIsTheColumnItselfAndOtherNumbersConvert()
    {
        var table = Table();

        Assert.Same(table["PeerPort"], table.Column<int>("PeerPort"));
        var rtt = table.Column<long>("rtt");
        Assert.Equal([null, 1234L, null, 1234L, 1234L], rtt.Cast<long?>());
        Assert.Equal(50001 + 1, table.Column<int>("PeerPort")[4] + 1);
    }

    [Fact]
    public void ColumnErrorsNameTheProblem()
    {
        var table = Table();

        var missing = Assert.Throws<ArgumentException>(() => table.Column<int>("peerport"));
        Assert.StartsWith("no column 'peerport'; did you mean 'PeerPort'? (columns: Netid, State,", missing.Message, StringComparison.Ordinal);
        var wrongType = Assert.Throws<InvalidCastException>(() => table.Column<int>("State"));
        Assert.Equal("column 'State' holds String values, not Int32", wrongType.Message);
    }

    [Fact]
    public void RowValuesAreReadTyped()
    {
        var row = Table().Rows[1];

        Assert.Equal(50000, row.Get<int>("PeerPort"));
        Assert.Equal(1234L, row.Get<long>("rtt"));
        Assert.Null(Table().Rows[0].Get<uint>("rtt"));
        Assert.Equal(50000, (int)row["PeerPort"]);
    }

    [Fact]
    public void TakeNeverThrowsWhereHeadDoes()
    {
        var one = TableFrameBuilder.Build([SampleSockets.Listener()], processes: null);

        Assert.ThrowsAny<Exception>(() => one.Head(5));
        Assert.Equal(1, one.Take(5).Rows.Count);
        Assert.Equal(1, one.TakeLast(5).Rows.Count);
        Assert.Equal(0, one.Take(0).Rows.Count);
        Assert.Equal(2, Table().Take(2).Rows.Count);
        Assert.Equal([50001], Table().TakeLast(1)["PeerPort"].Cast<int?>());
    }

    [Fact]
    public void TopAndBottomSortAndCut()
    {
        var table = Table();

        Assert.Equal([50001, 50000], table.Top(2, "PeerPort")["PeerPort"].Cast<int?>());
        Assert.Equal([0, 0, 50000], table.Bottom(3, "PeerPort")["PeerPort"].Cast<int?>());
        Assert.Equal(5, table.Top(50, "rtt").Rows.Count);
    }

    [Theory]
    [InlineData("ESTAB", 3)]
    [InlineData("estab", 3)]
    [InlineData("ESTABLISHED", 3)]
    [InlineData("established", 3)]
    [InlineData("LISTEN", 1)]
    [InlineData("listening", 1)]
    [InlineData("unconn", 1)]
    [InlineData("closed", 1)]
    [InlineData("connected", 3)]
    [InlineData("all", 5)]
    public void StatesMatchBySsNamesAndFilterWordsInAnyCase(string state, int rows)
    {
        Assert.Equal(rows, Table().Where("State", state).Rows.Count);
    }

    [Fact]
    public void StatesMatchARecordStateToo()
    {
        Assert.Equal(3, Table().Where("State", SocketState.Established).Rows.Count);
        Assert.Equal(1, Table().Where("State", SocketState.Close).Rows.Count);
    }

    [Fact]
    public void AnUnknownStateIsAnErrorNotAnEmptyFrame()
    {
        var error = Assert.Throws<ArgumentException>(() => Table().Where("State", "ESTABLISH"));

        Assert.StartsWith("no socket state 'ESTABLISH': use ss's names (", error.Message, StringComparison.Ordinal);
        Assert.Contains("ESTAB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereComparesNumbersByValueTextWithoutCaseAndCookiesInHex()
    {
        var table = Table();

        Assert.Equal([50001], table.Where("PeerPort", 50001)["PeerPort"].Cast<int?>());
        Assert.Equal([50001], table.Where("PeerPort", (ushort)50001)["PeerPort"].Cast<int?>());
        Assert.Equal(3, table.Where("Netid", "TCP").Where("LocalPort", 22L).Rows.Count);
        Assert.Equal([0xdeadbeefcafeUL], table.Where("Cookie", "sk:deadbeefcafe")["Cookie"].Cast<ulong?>());
        Assert.Equal(2, table.Where("rtt", null).Rows.Count);
        Assert.Equal([50000, 50000, 50001], table.Where<int>("PeerPort", port => port >= 50000)["PeerPort"].Cast<int?>());
    }

    [Fact]
    public void SelectCopiesTheNamedColumnsInOrder()
    {
        var table = Table();

        var picked = table.Select("PeerPort", "State");

        Assert.Equal(["PeerPort", "State"], picked.Columns.Select(c => c.Name));
        picked["PeerPort"][0] = 1;
        Assert.Equal(0, table["PeerPort"][0]);
    }

    [Fact]
    public void CountByCountsRowsPerValueMostFrequentFirst()
    {
        var counts = Table().CountBy("LocalPort");

        Assert.Equal(["LocalPort", "Count"], counts.Columns.Select(c => c.Name));
        Assert.IsType<Int32DataFrameColumn>(counts["LocalPort"]);
        Assert.Equal([22, 8080, 53], counts["LocalPort"].Cast<int?>());
        Assert.Equal([3L, 1L, 1L], counts["Count"].Cast<long?>());
        Assert.Equal([null], Table().Where("Netid", "udp").CountBy("rtt")["rtt"].Cast<uint?>());
    }

    [Fact]
    public void CellsReadAsIsoTimesHexCookiesAndInvariantNumbers()
    {
        var time = new DateTime(2026, 12, 3, 23, 50, 47, 250, DateTimeKind.Utc);

        Assert.Equal("2026-12-03T23:50:47.250Z", CellText.Of(time));
        Assert.Equal("2026-12-03T23:50:47.250Z", CellText.Of(new DateTimeOffset(time).ToOffset(TimeSpan.FromHours(2))));
        Assert.Equal("sk:31dcc", CellText.Of(new UInt64DataFrameColumn("Cookie", [0x31dccUL]), 0));
        Assert.Equal("203212", CellText.Of(new UInt64DataFrameColumn("bytes_acked", [203212UL]), 0));
        Assert.Equal("1234.5", CellText.Of(1234.5));
        Assert.Equal("", CellText.Of(null));
        Assert.Equal("rtt (µs)", ColumnUnits.Header("rtt"));
        Assert.Equal("delivery_rate (B/s)", ColumnUnits.Header("delivery_rate"));
        Assert.Equal("snd_cwnd (segments)", ColumnUnits.Header("snd_cwnd"));
        Assert.Equal("Timestamp (UTC)", ColumnUnits.Header("Timestamp"));
        Assert.Equal("State", ColumnUnits.Header("State"));
    }

    [Fact]
    public void OffLinuxLiveCollectionFailsWithOneClearLine()
    {
        var error = Assert.Throws<LiveCollectionNotSupportedException>(() => LiveCollection.EnsureSupported(isLinux: false));

        Assert.Equal("live collection needs Linux; --replay (SampleSet.Replay) works everywhere", error.Message);
        Assert.IsAssignableFrom<PlatformNotSupportedException>(error);
        LiveCollection.EnsureSupported(isLinux: true);
    }
}
