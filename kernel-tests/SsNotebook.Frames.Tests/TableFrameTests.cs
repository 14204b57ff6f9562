using Microsoft.Data.Analysis;
using SsNotebook.Frames;
using SsNotebook.Naming;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Frames.Tests;

public sealed class TableFrameTests
{
    private static readonly SocketRecord[] Sockets = [SampleSockets.Listener(), SampleSockets.Connection(), SampleSockets.OldKernelUdp()];

    [Fact]
    public void TableLeadsWithTheKeyFiguresThenEveryOtherColumnOnce()
    {
        var table = TableFrameBuilder.Build(Sockets, processes: null);

        var names = table.Columns.Select(c => c.Name).ToArray();
        Assert.Equal(
            ["Netid", "State", "LocalAddress", "LocalPort", "PeerAddress", "PeerPort", "rtt", "rttvar", "min_rtt", "snd_cwnd",
             "snd_ssthresh", "bytes_acked", "bytes_received", "delivery_rate", "pacing_rate", "total_retrans", "RecvQ", "SendQ",
             "notsent_bytes", "congestion", "Interface", "Uid", "Inode", "Cookie", "Timer", "ExpiresMs", "Retransmits",
             .. MemoryFrameBuilder.FieldNames],
            names[..(27 + MemoryFrameBuilder.FieldNames.Count)]);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.DoesNotContain(names, name => name.EndsWith("_left", StringComparison.Ordinal) || name.EndsWith("_right", StringComparison.Ordinal));
        var tcpInfoFields = TcpInfoField.All.Select(f => f.Name).ToArray();
        Assert.All(tcpInfoFields, field => Assert.Contains(field, names));
        Assert.Equal(["bbr_bw", "bbr_min_rtt", "bbr_pacing_gain", "bbr_cwnd_gain"], names[^4..]);
        Assert.Equal(27 + MemoryFrameBuilder.FieldNames.Count + tcpInfoFields.Length - 11 + 4, names.Length);
    }

    [Fact]
    public void TableColumnsAreTypedAndHoldOneRowPerSocket()
    {
        var table = TableFrameBuilder.Build(Sockets, processes: null);

        Assert.Equal(3, table.Rows.Count);
        Assert.IsType<StringDataFrameColumn>(table["State"]);
        Assert.IsType<Int32DataFrameColumn>(table["LocalPort"]);
        Assert.IsType<Int32DataFrameColumn>(table["PeerPort"]);
        Assert.IsType<UInt32DataFrameColumn>(table["rtt"]);
        Assert.IsType<UInt64DataFrameColumn>(table["bytes_acked"]);
        Assert.IsType<UInt64DataFrameColumn>(table["Cookie"]);
        Assert.IsType<UInt32DataFrameColumn>(table["rcvbuf"]);
        Assert.Equal(["LISTEN", "ESTAB", "UNCONN"], table["State"].Cast<string>());
        Assert.Equal([8080, 22, 53], table["LocalPort"].Cast<int?>());
        Assert.Equal([null, 1234u, null], table["rtt"].Cast<uint?>());
        Assert.Equal([null, 5_000_000_000UL, null], table["bytes_acked"].Cast<ulong?>());
        Assert.Equal([null, "bbr", null], table["congestion"].Cast<string?>());
        Assert.Equal([null, "on", null], table["Timer"].Cast<string?>());
        Assert.Equal([null, 131072u, 20u], table["rcvbuf"].Cast<uint?>());
        Assert.Equal([0x1234UL, 0xdeadbeefcafeUL, 3UL], table["Cookie"].Cast<ulong?>());
    }

    [Fact]
    public void AnEmptyResultKeepsEveryColumnOfEveryFrame()
    {
        var none = new SsResult(["-tin"], new SsQuery(), [], null, "", DateTimeOffset.UnixEpoch);

        Assert.Equal(0, none.TcpInfo["rtt"].Length);
        Assert.IsType<UInt32DataFrameColumn>(none.TcpInfo["rtt"]);
        Assert.IsType<UInt32DataFrameColumn>(none.Table["rtt"]);
        Assert.IsType<UInt32DataFrameColumn>(none.Table["rcvbuf"]);
        Assert.Equal(0, none.Table.Rows.Count);
        Assert.Equal(["Cookie", "Timer", "ExpiresMs", "Retransmits"], none.Timers.Columns.Select(c => c.Name));
        Assert.Equal("Netid", none.Sockets.Columns[0].Name);
    }

    [Fact]
    public void AResultWithoutTcpInfoHasNoEmptyTcpInfoColumnsInItsTable()
    {
        var table = TableFrameBuilder.Build([SampleSockets.Listener()], processes: null);

        Assert.DoesNotContain("rtt", table.Columns.Select(c => c.Name));
        Assert.DoesNotContain("rcvbuf", table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void InterfacesAreNamedAsSsTextNamesThem()
    {
        var bound = SampleSockets.Listener();
        bound.InterfaceIndex = 2;
        var frame = SocketFrameBuilder.Build([bound, SampleSockets.Connection()], processes: null, InterfaceNames.Recorded("1 lo\n2 eth0\n"));

        Assert.Equal(["%eth0", null], frame["Interface"].Cast<string?>());
    }
}
