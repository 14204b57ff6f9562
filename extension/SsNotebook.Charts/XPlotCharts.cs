using System.Text.RegularExpressions;
using XPlot.Plotly;

namespace SsNotebook.Charts;

/// <summary>The built-in charts as XPlot.Plotly charts, for notebooks already using XPlot: <c>set.RttXPlot()</c>, ….
/// Same traces, legend names, sockets and layout as <see cref="PlotlyNetCharts"/> (see <see cref="PlotlyFigure"/>).</summary>
public static partial class XPlotCharts
{
    /// <summary>The rtt chart as an XPlot.Plotly chart: rtt per socket with its rttvar band and min_rtt dotted, in ms
    /// (<see cref="ChartKind.Rtt"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static PlotlyChart RttXPlot(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.XPlot(ChartKind.Rtt, PlotlyNetCharts.Options(sockets, top, log, range, time, idle));

    /// <summary>The cwnd chart as an XPlot.Plotly chart: snd_cwnd per socket with snd_ssthresh dashed and packets in
    /// flight dotted, in segments (<see cref="ChartKind.Cwnd"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static PlotlyChart CwndXPlot(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.XPlot(ChartKind.Cwnd, PlotlyNetCharts.Options(sockets, top, log, range, time, idle));

    /// <summary>The queues chart as an XPlot.Plotly chart: Send-Q per socket with Recv-Q dashed and notsent_bytes
    /// dotted, in bytes (<see cref="ChartKind.Queues"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static PlotlyChart QueuesXPlot(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.XPlot(ChartKind.Queues, PlotlyNetCharts.Options(sockets, top, log, range, time, idle));

    /// <summary>The retrans chart as an XPlot.Plotly chart: total_retrans per socket (cumulative retransmitted
    /// segments), marked where it grew (<see cref="ChartKind.Retrans"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static PlotlyChart RetransXPlot(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.XPlot(ChartKind.Retrans, PlotlyNetCharts.Options(sockets, top, log, range, time, idle));

    /// <summary>The rates chart as an XPlot.Plotly chart: delivery_rate per socket with pacing_rate dashed, in Mbit/s
    /// (<see cref="ChartKind.Rates"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static PlotlyChart RatesXPlot(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.XPlot(ChartKind.Rates, PlotlyNetCharts.Options(sockets, top, log, range, time, idle));

    /// <summary>The windows chart as an XPlot.Plotly chart: snd_wnd per socket with rcv_wnd dashed, in bytes
    /// (<see cref="ChartKind.Windows"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static PlotlyChart WindowsXPlot(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.XPlot(ChartKind.Windows, PlotlyNetCharts.Options(sockets, top, log, range, time, idle));

    /// <summary>One built-in chart as an XPlot.Plotly chart, drawn as <paramref name="options"/> say.</summary>
    /// <param name="set">The sampled run.</param>
    /// <param name="kind">Which built-in chart.</param>
    /// <param name="options">Sockets, top N, axes; null for <see cref="ChartOptions.Default"/>.</param>
    public static PlotlyChart XPlot(this SampleSet set, ChartKind kind, ChartOptions? options = null) =>
        ToXPlot(ChartSpecs.Build(set, kind, options));

    /// <summary>Renders a library-neutral chart (from <see cref="ChartSpecs"/>) with XPlot.Plotly.</summary>
    /// <param name="spec">The chart to render.</param>
    public static PlotlyChart ToXPlot(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var figure = PlotlyFigure.Layout(spec);
        var margin = figure["margin"]!;
        var xaxis = figure["xaxis"]!;
        var yaxis = figure["yaxis"]!;
        var layout = new Layout.Layout
        {
            title = (string)figure["title"]!["text"]!,
            autosize = true,
            height = (int)figure["height"]!,
            margin = new Margin { t = (int)margin["t"]!, b = (int)margin["b"]!, l = (int)margin["l"]!, r = (int)margin["r"]! },
            showlegend = true,
            hovermode = "x unified",
        };
        if (spec.Missing is null)
        {
            var legend = figure["legend"]!;
            layout.xaxis = new Xaxis { title = (string)xaxis["title"]!["text"]!, zeroline = false };
            if (xaxis["range"] is { } xRange)
            {
                layout.xaxis.range = xRange.AsArray().Select(v => PlotlyFigure.Number(v!)).ToArray();
            }
            layout.yaxis = new Yaxis { title = (string)yaxis["title"]!["text"]!, type = (string)yaxis["type"]!, exponentformat = "SI" };
            if (yaxis["range"] is { } yRange)
            {
                layout.yaxis.range = yRange.AsArray().Select(v => PlotlyFigure.Number(v!)).ToArray();
            }
            else if (yaxis["rangemode"] is { } rangemode)
            {
                layout.yaxis.rangemode = (string)rangemode!;
            }
            layout.legend = new Legend
            {
                orientation = "v",
                x = 0,
                xanchor = "left",
                y = PlotlyFigure.Number(legend["y"]!),
                yanchor = "top",
                tracegroupgap = 2,
            };
        }
        else
        {
            layout.xaxis = new Xaxis { showgrid = false, showticklabels = false, zeroline = false };
            layout.yaxis = new Yaxis { showgrid = false, showticklabels = false, zeroline = false };
        }
        if (figure["annotations"]?[0] is { } note)
        {
            layout.annotations = [new Annotation
            {
                text = (string)note["text"]!,
                xref = "paper",
                yref = "paper",
                x = PlotlyFigure.Number(note["x"]!),
                y = PlotlyFigure.Number(note["y"]!),
                xanchor = "left",
                yanchor = (string?)note["yanchor"] ?? "middle",
                align = "left",
                showarrow = false,
            }];
        }
        var chart = Chart.Plot(spec.Traces.Select(ToScatter).ToArray(), layout);
        chart.WithHeight((int)figure["height"]!);
        return chart;
    }

    /// <summary>Self-contained HTML: the embedded plotly.js (optional) and the chart, filling the output's width and
    /// following it (XPlot itself writes a fixed size and no config). No CDN.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="includePlotlyJs">Whether to put plotly.js in front of the chart.</param>
    public static string ToHtml(this PlotlyChart chart, bool includePlotlyJs = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = chart.GetInlineHtml();
        if (html.Contains("\"autosize\":true", StringComparison.Ordinal))
        {
            // Our charts (and any asking for autosize): the page's width, resized with it.
            html = FixedWidth().Replace(html, "style=\"width: 100%;", 1);
            html = NewPlotWithoutConfig().Replace(html, "$1, {\"responsive\": true, \"displaylogo\": false});", 1);
        }
        html = ScriptBlock.Protect(html);
        return includePlotlyJs ? PlotlyJs.ScriptTag + "\n" + html : html;
    }

    [GeneratedRegex("style=\"width: [0-9]+px;")]
    private static partial Regex FixedWidth();

    [GeneratedRegex(@"(Plotly\.newPlot\('[^']*', data, layout)\);")]
    private static partial Regex NewPlotWithoutConfig();

    private static Scatter ToScatter(TraceSpec spec)
    {
        var json = PlotlyFigure.Trace(spec);
        var color = ChartSpecs.Palette[spec.ColorIndex % ChartSpecs.Palette.Count];
        var line = new Line { color = color };
        var scatter = new Scatter
        {
            x = spec.X.ToArray(),
            y = spec.Y.ToArray(),
            name = (string)json["name"]!,
            legendgroup = spec.LegendGroup,
            showlegend = spec.ShowLegend,
            mode = (string)json["mode"]!,
        };
        switch (spec.Style)
        {
            case TraceStyle.Dashed:
                line.dash = "dash";
                break;
            case TraceStyle.Dotted:
                line.dash = "dot";
                break;
            case TraceStyle.BandEdge:
                line.width = 0;
                scatter.hoverinfo = "skip";
                break;
            case TraceStyle.BandFill:
                line.width = 0;
                scatter.fill = "tonexty";
                scatter.opacity = 0.2;
                scatter.hoverinfo = "skip";
                break;
            case TraceStyle.Markers:
                scatter.marker = new Marker { color = color, symbol = "x", size = 9 };
                break;
            default:
                break;
        }
        scatter.line = line;
        return scatter;
    }
}
