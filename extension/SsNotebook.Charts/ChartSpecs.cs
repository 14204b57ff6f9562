using SsNotebook.Sockets;

namespace SsNotebook.Charts;

/// <summary>
/// Builds the library-neutral chart of a sample set. The sockets drawn: those <see cref="ChartOptions.Sockets"/>
/// selects (all by default) that have the charted values (tcp_info for every chart but queues), without the idle
/// ones (that moved and queued nothing during the run) unless asked, the <see cref="ChartOptions.Top"/> busiest by
/// bytes
/// moved. The chart's notes say what was left out; when nothing can be drawn, <see cref="ChartSpec.Missing"/> says
/// why. Time is in seconds since the run's first sample, over the whole run, for every chart of the run.
/// </summary>
public static class ChartSpecs
{
    /// <summary>The colour palette (plotly's default), indexed by <see cref="TraceSpec.ColorIndex"/>.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private const uint InfiniteSsthresh = 0x7fffffff;

    private const string RttWithoutInfo = "RTT needs tcp_info: add -i to the ss arguments";
    private const string CwndWithoutInfo = "cwnd needs tcp_info: add -i to the ss arguments";
    private const string RetransWithoutInfo = "Retransmissions need tcp_info: add -i to the ss arguments";
    private const string RatesWithoutInfo = "Rates need tcp_info: add -i to the ss arguments";

    /// <summary>tcp_info must reach rcv_wnd (ending at byte 236) for the windows chart's dashed line, snd_wnd (232)
    /// for its solid one.</summary>
    private const int SndWndEnd = 232;
    private const int RcvWndEnd = 236;

    /// <summary>One built-in chart of a run, library-neutral: render it with <see cref="PlotlyFigure.ToHtml"/>,
    /// <see cref="PlotlyNetCharts.ToPlotlyNet"/> or <see cref="XPlotCharts.ToXPlot"/>.</summary>
    /// <param name="set">The sampled run.</param>
    /// <param name="kind">Which built-in chart.</param>
    /// <param name="options">Sockets, top N, axes; null for <see cref="ChartOptions.Default"/>.</param>
    public static ChartSpec Build(SampleSet set, ChartKind kind, ChartOptions? options = null) => Build(set, [kind], options)[0];

    /// <summary>Several charts of one run, looking at its sockets once for all of them.</summary>
    /// <param name="set">The sampled run.</param>
    /// <param name="kinds">The charts, in the order returned.</param>
    /// <param name="options">Sockets, top N, axes; null for <see cref="ChartOptions.Default"/>.</param>
    public static IReadOnlyList<ChartSpec> Build(SampleSet set, IReadOnlyList<ChartKind> kinds, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(kinds);
        options ??= ChartOptions.Default;
        if (options.LogScale && options.Range is { Min: <= 0 })
        {
            throw new Query.SsException("#!ss: a log scale needs a range above 0");
        }
        var selector = options.Selector ?? (options.Sockets is { } text ? SocketSelector.Parse(text, set) : null);
        var selected = SocketActivity.Track(set, selector);
        return kinds.Select(kind => Build(set, kind, options, selector, selected)).ToArray();
    }

    private static ChartSpec Build(SampleSet set, ChartKind kind, ChartOptions options, SocketSelector? selector,
        IReadOnlyList<SocketActivity> selected)
    {
        var view = View(kind);
        var start = set.Count == 0 ? default : set.Snapshots[0].Timestamp;
        var spec = new ChartSpec(kind, view.Title, view.YTitle, [])
        {
            Subtitle = view.Subtitle,
            XTitle = "s since " + start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            XRange = options.Time ?? (set.Count > 1 ? new ChartRange(0, Seconds(set.Duration)) : null),
            YRange = options.Range,
            LogScale = options.LogScale,
        };

        if (selected.Count == 0)
        {
            return spec with { Missing = selector is null ? "no sockets in the samples" : $"no socket matches \"{selector.Text}\"" };
        }
        var eligible = view.WithoutTcpInfo is not null ? selected.Where(socket => socket.HasTcpInfo).ToArray() : selected;
        if (eligible.Count == 0)
        {
            return spec with { Missing = view.WithoutTcpInfo };
        }
        // A single sample shows no movement: idleness needs two.
        var keepIdle = options.IncludeIdle || set.Count < 2;
        var idle = keepIdle ? 0 : eligible.Count(socket => socket.IsIdle);
        var active = keepIdle ? eligible : eligible.Where(socket => !socket.IsIdle).ToArray();
        if (active.Count == 0)
        {
            return spec with
            {
                SocketsEligible = eligible.Count,
                SocketsIdle = idle,
                Missing = $"no socket moved bytes during the run: {Sockets(idle)} idle not drawn (idle: true or --chart-idle draws them)",
            };
        }
        var drawn = SocketActivity.Busiest(active).Take(Math.Max(0, options.Top)).ToArray();
        var traces = Traces(set, drawn, view.Lines, start);
        if (traces.Count == 0)
        {
            return spec with { SocketsEligible = eligible.Count, SocketsIdle = idle, Missing = view.MissingValues };
        }
        var notes = new List<string>();
        if (selector is not null)
        {
            notes.Add($"sockets: {selector.Text}");
        }
        var shown = traces.Count(trace => trace.ShowLegend);
        if (shown < active.Count)
        {
            notes.Add($"top {shown} of {active.Count} sockets by bytes moved");
        }
        if (idle > 0)
        {
            notes.Add($"{Sockets(idle)} idle not drawn (no bytes moved)");
        }
        return spec with
        {
            Traces = traces,
            Notes = notes,
            SocketsDrawn = shown,
            SocketsEligible = eligible.Count,
            SocketsIdle = idle,
        };
    }

    private static string Sockets(int count) => count == 1 ? "1 socket" : $"{count} sockets";

    private static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 3);

    /// <summary>The traces of the sockets drawn, in one pass over the samples: each socket's lines, its first one
    /// in the legend. A socket none of whose samples has the first line's value is left out.</summary>
    private static List<TraceSpec> Traces(SampleSet set, IReadOnlyList<SocketActivity> drawn, Line[] lines, DateTimeOffset start)
    {
        var slots = new Dictionary<ulong, int>(drawn.Count);
        var series = new Series[drawn.Count];
        for (var i = 0; i < drawn.Count; i++)
        {
            slots.Add(drawn[i].Cookie, i);
            series[i] = new Series(lines.Length);
        }
        foreach (var sample in set.Snapshots)
        {
            var seconds = Seconds(sample.Timestamp - start);
            foreach (var socket in sample.Sockets)
            {
                if (slots.TryGetValue(socket.Cookie, out var slot))
                {
                    series[slot].Add(seconds, socket, lines);
                }
            }
        }
        var traces = new List<TraceSpec>();
        var color = 0;
        for (var i = 0; i < drawn.Count; i++)
        {
            var values = series[i].Values;
            if (!values[0].Any(value => value is not null))
            {
                continue;
            }
            var label = drawn[i].Label;
            var group = drawn[i].Cookie.ToString("x", CultureInfo.InvariantCulture);
            traces.Add(new TraceSpec(label, group, true, lines[0].Style, color, series[i].X, values[0]));
            for (var line = 1; line < lines.Length; line++)
            {
                if (values[line].Any(value => value is not null))
                {
                    traces.Add(new TraceSpec($"{label} {lines[line].Name}", group, false, lines[line].Style, color, series[i].X, values[line]));
                }
            }
            color++;
        }
        return traces;
    }

    /// <summary>One socket's points while they are gathered.</summary>
    private sealed class Series(int lines)
    {
        private SocketRecord? _previous;

        public List<double> X { get; } = [];

        public List<double?>[] Values { get; } = Enumerable.Range(0, lines).Select(_ => new List<double?>()).ToArray();

        public void Add(double seconds, SocketRecord socket, Line[] lines)
        {
            X.Add(seconds);
            for (var i = 0; i < lines.Length; i++)
            {
                Values[i].Add(lines[i].Value(socket, _previous));
            }
            _previous = socket;
        }
    }

    /// <summary>One line of each socket: its name after the socket's label, its style, and its value at a sample
    /// (given the socket's record in the previous sample it was in, or null).</summary>
    private sealed record Line(string Name, TraceStyle Style, Func<SocketRecord, SocketRecord?, double?> Value);

    /// <param name="Title">The chart's title.</param>
    /// <param name="Subtitle">What the dashed and dotted lines are.</param>
    /// <param name="YTitle">The value axis title: the unit.</param>
    /// <param name="WithoutTcpInfo">What to say when no socket has tcp_info, or null when the chart needs none.</param>
    /// <param name="MissingValues">What to say when sockets have tcp_info but none has the values.</param>
    /// <param name="Lines">Each socket's lines, the first one in the legend.</param>
    private sealed record ChartView(string Title, string Subtitle, string YTitle, string? WithoutTcpInfo, string MissingValues, Line[] Lines);

    private static ChartView View(ChartKind kind) => kind switch
    {
        ChartKind.Rtt => new("RTT", "band: rtt ± rttvar · dotted: min_rtt", "ms", RttWithoutInfo, RttWithoutInfo,
        [
            new("rtt", TraceStyle.Solid, (s, _) => Info(s) is { } i ? i.Rtt / 1000.0 : null),
            new("rtt+rttvar", TraceStyle.BandEdge, (s, _) => Info(s) is { } i ? (i.Rtt + (double)i.Rttvar) / 1000.0 : null),
            new("rtt-rttvar", TraceStyle.BandFill, (s, _) => Info(s) is { } i ? Math.Max(0, (double)i.Rtt - i.Rttvar) / 1000.0 : null),
            new("min_rtt", TraceStyle.Dotted, (s, _) => Info(s) is { MinRtt: > 0 } i ? i.MinRtt / 1000.0 : null),
        ]),
        ChartKind.Cwnd => new("Congestion window", "dashed: ssthresh · dotted: packets in flight (unacked − sacked − lost + retrans)",
            "segments", CwndWithoutInfo, CwndWithoutInfo,
        [
            new("cwnd", TraceStyle.Solid, (s, _) => Info(s)?.SndCwnd),
            new("ssthresh", TraceStyle.Dashed, (s, _) => Info(s) is { SndSsthresh: < InfiniteSsthresh } i ? i.SndSsthresh : null),
            new("in flight", TraceStyle.Dotted, (s, _) => Info(s) is { } i ? Math.Max(0, (double)i.Unacked - i.Sacked - i.Lost + i.Retrans) : null),
        ]),
        ChartKind.Queues => new("Socket queues", "solid: Send-Q · dashed: Recv-Q · dotted: notsent", "bytes", null, "no sockets in the samples",
        [
            new("Send-Q", TraceStyle.Solid, (s, _) => s.SendQ),
            new("Recv-Q", TraceStyle.Dashed, (s, _) => s.RecvQ),
            new("notsent", TraceStyle.Dotted, (s, _) => Info(s)?.NotsentBytes),
        ]),
        ChartKind.Retrans => new("Retransmissions", "total_retrans · ×: a sample where it grew", "segments", RetransWithoutInfo, RetransWithoutInfo,
        [
            new("total_retrans", TraceStyle.Solid, (s, _) => Info(s)?.TotalRetrans),
            new("retransmitted", TraceStyle.Markers,
                (s, p) => Info(s) is { } i && (p is null ? null : Info(p)) is { } before && i.TotalRetrans > before.TotalRetrans ? i.TotalRetrans : null),
        ]),
        ChartKind.Rates => new("Delivery rate", "dashed: pacing rate", "Mbit/s", RatesWithoutInfo, RatesWithoutInfo,
        [
            new("delivery_rate", TraceStyle.Solid, (s, _) => Info(s) is { } i ? i.DeliveryRate * 8 / 1e6 : null),
            new("pacing_rate", TraceStyle.Dashed, (s, _) => Info(s) is { PacingRate: < ulong.MaxValue } i ? i.PacingRate * 8 / 1e6 : null),
        ]),
        _ => new("Send and receive windows", "solid: snd_wnd (the peer's advertised window) · dashed: rcv_wnd", "bytes",
            "Windows need tcp_info: add -i to the ss arguments", "this kernel's tcp_info has no snd_wnd or rcv_wnd (newer kernels report them)",
        [
            new("snd_wnd", TraceStyle.Solid, (s, _) => Info(s) is { Length: >= SndWndEnd } i ? i.SndWnd : null),
            new("rcv_wnd", TraceStyle.Dashed, (s, _) => Info(s) is { Length: >= RcvWndEnd } i ? i.RcvWnd : null),
        ]),
    };

    /// <summary>The socket's tcp_info, or null without one.</summary>
    private static TcpInfo? Info(SocketRecord socket) => socket.Has(SocketAttributes.TcpInfo) ? socket.TcpInfo : null;
}
