using SsNotebook.Sampling;
using SsNotebook.Sockets;

namespace SsNotebook.Charts;

/// <summary>
/// Builds the library-neutral chart of a sample set. Sockets drawn follow the top-N rule of
/// <see cref="SocketSeriesExtractor"/> (the <c>top</c> busiest by bytes moved; default 8); the title says
/// "top N of M" when sockets were left out. Only sockets with tcp_info are charted, except for queues.
/// </summary>
public static class ChartSpecs
{
    /// <summary>The colour palette (plotly's default), indexed by <see cref="TraceSpec.ColorIndex"/>.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private const uint InfiniteSsthresh = 0x7fffffff;

    public static ChartSpec Build(SampleSet set, ChartKind kind, int top = SocketSeriesExtractor.DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(set);
        Func<SocketRecord, bool> eligible = kind == ChartKind.Queues
            ? _ => true
            : socket => socket.Has(SocketAttributes.TcpInfo);
        var all = SocketSeriesExtractor.TopSockets(set, int.MaxValue, eligible);
        var cookies = all.Take(Math.Max(0, top)).ToArray();
        var (title, yTitle, lines) = Lines(kind);
        var traces = new List<TraceSpec>();
        var main = SocketSeriesExtractor.Extract(set, cookies, lines[0].Value);
        for (var i = 0; i < main.Count; i++)
        {
            var series = main[i];
            var group = series.Label;
            traces.Add(new TraceSpec(series.Label, group, true, lines[0].Style, i, series.Timestamps, series.Values));
            foreach (var (suffix, style, value) in lines.Skip(1))
            {
                var extra = SocketSeriesExtractor.Extract(set, [series.Cookie], value);
                if (extra.Count == 1)
                {
                    traces.Add(new TraceSpec($"{series.Label} {suffix}", group, false, style, i, extra[0].Timestamps, extra[0].Values));
                }
            }
        }
        if (main.Count < all.Count)
        {
            title += $" (top {main.Count} of {all.Count} sockets by bytes moved)";
        }
        return new ChartSpec(kind, title, yTitle, traces) { SocketsDrawn = main.Count, SocketsEligible = all.Count };
    }

    private static (string Title, string YTitle, (string Suffix, TraceStyle Style, Func<SocketRecord, SocketRecord?, double, double?> Value)[] Lines) Lines(ChartKind kind) => kind switch
    {
        ChartKind.Rtt => ("RTT (band: ± rttvar, dotted: min_rtt)", "ms",
        [
            ("rtt", TraceStyle.Solid, (s, _, _) => Ms(s, "rtt")),
            ("rtt+rttvar", TraceStyle.BandEdge, (s, _, _) => Ms(s, "rtt") + Ms(s, "rttvar")),
            ("rtt-rttvar", TraceStyle.BandFill, (s, _, _) => Math.Max(0, (Ms(s, "rtt") - Ms(s, "rttvar")) ?? 0)),
            ("min_rtt", TraceStyle.Dotted, (s, _, _) => Ms(s, "min_rtt")),
        ]),
        ChartKind.Cwnd => ("Congestion window (dashed: ssthresh)", "segments",
        [
            ("cwnd", TraceStyle.Solid, (s, _, _) => Tcp(s, "snd_cwnd")),
            ("ssthresh", TraceStyle.Dashed, (s, _, _) => Tcp(s, "snd_ssthresh") is { } v && v < InfiniteSsthresh ? v : null),
        ]),
        ChartKind.Queues => ("Send-Q (dashed: Recv-Q, dotted: notsent)", "bytes",
        [
            ("Send-Q", TraceStyle.Solid, (s, _, _) => s.SendQ),
            ("Recv-Q", TraceStyle.Dashed, (s, _, _) => s.RecvQ),
            ("notsent", TraceStyle.Dotted, (s, _, _) => Tcp(s, "notsent_bytes")),
        ]),
        ChartKind.Retrans => ("Retransmitted segments (total_retrans)", "segments",
        [
            ("total_retrans", TraceStyle.Solid, (s, _, _) => Tcp(s, "total_retrans")),
        ]),
        _ => ("Delivery rate (dashed: pacing rate)", "Mbit/s",
        [
            ("delivery_rate", TraceStyle.Solid, (s, _, _) => Tcp(s, "delivery_rate") * 8 / 1e6),
            ("pacing_rate", TraceStyle.Dashed, (s, _, _) => Tcp(s, "pacing_rate") is { } v && v < ulong.MaxValue ? v * 8 / 1e6 : null),
        ]),
    };

    private static double? Tcp(SocketRecord socket, string field) => SocketSeriesExtractor.TcpValue(socket, field);

    private static double? Ms(SocketRecord socket, string field) => Tcp(socket, field) / 1000.0;
}
