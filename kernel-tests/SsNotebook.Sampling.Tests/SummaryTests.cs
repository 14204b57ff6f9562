using Microsoft.Data.Analysis;

namespace SsNotebook.Sampling.Tests;

/// <summary><see cref="SampleSet.Summary"/>: exact values on a hand-built run and on a recorded one.</summary>
public sealed class SummaryTests
{
    private static object? Cell(DataFrame frame, int row, string column) => frame.Columns[column][row];

    private static DataFrameRow RowOf(DataFrame frame, ulong cookie)
    {
        var cookies = (PrimitiveDataFrameColumn<ulong>)frame.Columns["Cookie"];
        for (var row = 0; row < frame.Rows.Count; row++)
        {
            if (cookies[row] == cookie)
            {
                return frame.Rows[row];
            }
        }
        throw new InvalidOperationException($"no row for cookie {cookie:x}");
    }

    [Fact]
    public void OneRowPerSocketInOrderOfAppearanceWithTheseColumns()
    {
        var summary = ConstructedRun.Build().Summary;

        Assert.Equal(
            ["Cookie", "Socket", "Process", "congestion", "State", "Samples", "first_seen_s", "last_seen_s", "FirstSeen", "LastSeen",
             "rtt_median_ms", "rtt_p95_ms", "rtt_max_ms", "min_rtt_ms", "cwnd_min", "cwnd_max", "bytes_acked", "bytes_received",
             "retrans", "throughput_bps", "app_limited_share", "rwnd_limited_share", "sndbuf_limited_share", "network_limited_share", "limited_by"],
            summary.Columns.Select(c => c.Name));
        Assert.Equal(
            [ConstructedRun.SenderCookie, ConstructedRun.ReceiverCookie, ConstructedRun.IdleCookie, ConstructedRun.BbrCookie],
            ((PrimitiveDataFrameColumn<ulong>)summary.Columns["Cookie"]).Select(c => c!.Value));
        Assert.Equal(typeof(double), summary.Columns["rtt_median_ms"].DataType);
        Assert.Equal(typeof(DateTime), summary.Columns["FirstSeen"].DataType);
    }

    [Fact]
    public void AReceiveWindowLimitedSender()
    {
        var row = RowOf(ConstructedRun.Build().Summary, ConstructedRun.SenderCookie);

        Assert.Equal(ConstructedRun.SenderLabel, row[1]);
        Assert.Equal("iperf3", row[2]);
        Assert.Equal("cubic", row[3]);
        Assert.Equal("ESTAB", row[4]);
        Assert.Equal(4, row[5]);
        Assert.Equal(0.0, row[6]);
        Assert.Equal(0.75, row[7]);
        Assert.Equal(new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc), row[8]);
        Assert.Equal(new DateTime(2026, 12, 4, 10, 0, 0, 750, DateTimeKind.Utc), row[9]);
        Assert.Equal(25.0, row[10]);          // rtt 10, 20, 30, 40 ms: median between 20 and 30
        Assert.Equal(38.5, (double)row[11]!, 9); // p95: 30 + 0.85 × 10
        Assert.Equal(40.0, row[12]);
        Assert.Equal(9.0, row[13]);
        Assert.Equal(10u, row[14]);
        Assert.Equal(40u, row[15]);
        Assert.Equal(3_000_000UL, row[16]);
        Assert.Equal(0UL, row[17]);
        Assert.Equal(5u, row[18]);
        Assert.Equal(32_000_000.0, (double)row[19]!, 6); // 3 MB in 0.75 s
        Assert.Equal(0.2, (double)row[20]!, 9);
        Assert.Equal(0.5, (double)row[21]!, 9);
        Assert.Equal(0.1, (double)row[22]!, 9);
        Assert.Equal(0.2, (double)row[23]!, 9);
        Assert.Equal("rwnd", row[24]);
    }

    [Fact]
    public void ReceiversIdleSocketsAndNetworkLimitedSenders()
    {
        var summary = ConstructedRun.Build().Summary;

        var receiver = RowOf(summary, ConstructedRun.ReceiverCookie);
        Assert.Equal(3_000_000UL, receiver["bytes_received"]);
        Assert.Equal(32_000_000.0, (double)receiver["throughput_bps"]!, 6);
        Assert.Equal("receiver", receiver["limited_by"]);

        var idle = RowOf(summary, ConstructedRun.IdleCookie);
        Assert.Equal(0.0, idle["throughput_bps"]);
        Assert.Equal("idle", idle["limited_by"]);
        Assert.Equal(1.0, idle["app_limited_share"]);

        var bbr = RowOf(summary, ConstructedRun.BbrCookie);
        Assert.Equal(ConstructedRun.BbrLabel, bbr["Socket"]);
        Assert.Equal(2, bbr["Samples"]);
        Assert.Equal(0.25, bbr["first_seen_s"]);
        Assert.Equal(0.5, bbr["last_seen_s"]);
        Assert.Equal(2.0, bbr["rtt_median_ms"]);
        Assert.Equal(2.0, bbr["rtt_p95_ms"]);
        Assert.Null(bbr["min_rtt_ms"]);
        Assert.Equal(64_000_000.0, (double)bbr["throughput_bps"]!, 6);
        Assert.Equal(0.0, bbr["app_limited_share"]);
        Assert.Equal(1.0, bbr["network_limited_share"]);
        Assert.Equal("network", bbr["limited_by"]);
    }

    [Fact]
    public void WithoutTcpInfoOnlyIdentityAndTimesAreFilled()
    {
        var summary = ConstructedRun.Build(withTcpInfo: false).Summary;

        var row = RowOf(summary, ConstructedRun.SenderCookie);
        Assert.Equal("iperf3 10.0.0.1:40000→10.0.0.2:5201", row["Socket"]);
        Assert.Equal(4, row["Samples"]);
        Assert.Null(row["rtt_median_ms"]);
        Assert.Null(row["throughput_bps"]);
        Assert.Null(row["limited_by"]);
        Assert.Equal(25, summary.Columns.Count);
    }

    [Fact]
    public void AnEmptyRunKeepsTheColumns()
    {
        var set = new SampleSet(["-ti"], ConstructedRun.Build().Query, [], null);

        Assert.Equal(0, set.Summary.Rows.Count);
        Assert.Equal(25, set.Summary.Columns.Count);
    }

    [Fact]
    public void TheRecordedCubicAndBbrTransfersSayWhyEachWasSlow()
    {
        var set = SampleSet.Replay(Path.Combine(RecordingTests.RepositoryRoot(), "samples", "tbf-cubic-vs-bbr.ssrec"));

        var summary = set.Summary;

        Assert.Equal(2, summary.Rows.Count);
        Assert.Equal(["cubic", "bbr"], summary.Columns["congestion"].Cast<string>());
        Assert.Equal(set.Samples.Rows.Count, summary.Columns["Samples"].Cast<int>().Sum());
        Assert.Equal(["network", "network"], summary.Columns["limited_by"].Cast<string>());
        // Both through the 20 Mbit/s bottleneck; cubic with a deep queue (median rtt 58 ms), bbr at 18 ms after a
        // startup that cost it 223 retransmissions.
        Assert.Equal([18_611_393.26, 18_854_698.43], summary.Columns["throughput_bps"].Cast<double>().Select(v => Math.Round(v, 2)));
        Assert.Equal([57.929, 18.307], summary.Columns["rtt_median_ms"].Cast<double>());
        Assert.Equal([7u, 223u], summary.Columns["retrans"].Cast<uint>());
        Assert.Equal([33u, 28u], summary.Columns["cwnd_min"].Cast<uint>());
        Assert.Equal([133u, 170u], summary.Columns["cwnd_max"].Cast<uint>());
    }

    [Fact]
    public void TheRecordedBulkTransferToASlowReaderIsReceiveWindowLimited()
    {
        var set = SampleSet.Replay(Path.Combine(RecordingTests.RepositoryRoot(), "samples", "bulk-transfer.ssrec"));

        var summary = set.Summary;

        Assert.Equal(["receiver", "rwnd"], summary.Columns["limited_by"].Cast<string>());
        var sender = summary.Rows[1];
        Assert.Equal("cubic 127.0.0.1:47962→127.0.0.1:5201", sender["Socket"]);
        Assert.Equal(0.951891, Math.Round((double)sender["rwnd_limited_share"]!, 6));
        Assert.Equal(0.040745, Math.Round((double)sender["app_limited_share"]!, 6));
        Assert.Equal(17_808_384UL, sender["bytes_acked"]);
        Assert.Equal(18_379_776UL, summary.Rows[0]["bytes_received"]);
    }

    [Fact]
    public void QuantilesInterpolateBetweenTheNearestValues()
    {
        Assert.Null(SampleSummaryBuilder.Quantile([], 0.5));
        Assert.Equal(7.0, SampleSummaryBuilder.Quantile([7], 0.95));
        Assert.Equal(2.5, SampleSummaryBuilder.Quantile([1, 2, 3, 4], 0.5));
        Assert.Equal(3.85, SampleSummaryBuilder.Quantile([1, 2, 3, 4], 0.95)!.Value, 9);
    }
}
