using SsNotebook.Sampling;
using XPlot.Plotly;

namespace SsNotebook.Charts;

/// <summary>The built-in charts as XPlot.Plotly charts, for notebooks already using XPlot: <c>set.RttXPlot()</c>, ….
/// Same traces, legend names and top-N rule as <see cref="PlotlyNetCharts"/>.</summary>
public static class XPlotCharts
{
    public static PlotlyChart RttXPlot(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.XPlot(ChartKind.Rtt, top);

    public static PlotlyChart CwndXPlot(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.XPlot(ChartKind.Cwnd, top);

    public static PlotlyChart QueuesXPlot(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.XPlot(ChartKind.Queues, top);

    public static PlotlyChart RetransXPlot(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.XPlot(ChartKind.Retrans, top);

    public static PlotlyChart RatesXPlot(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.XPlot(ChartKind.Rates, top);

    public static PlotlyChart XPlot(this SampleSet set, ChartKind kind, int top = SocketSeriesExtractor.DefaultTop) =>
        ToXPlot(ChartSpecs.Build(set, kind, top));

    public static PlotlyChart ToXPlot(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var traces = spec.Traces.Select(ToScatter).ToArray();
        var layout = new Layout.Layout
        {
            title = spec.Title,
            xaxis = new Xaxis { title = "time (UTC)" },
            yaxis = new Yaxis { title = spec.YTitle },
            // As in the Plotly.NET charts: long local→peer labels go below the plot, not beside it.
            legend = new Legend { orientation = "h", x = 0, xanchor = "left", y = -0.2, yanchor = "top" },
        };
        return Chart.Plot(traces, layout);
    }

    /// <summary>Self-contained HTML: the embedded plotly.js (optional) and the chart. No CDN.</summary>
    public static string ToHtml(this PlotlyChart chart, bool includePlotlyJs = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = ScriptBlock.Protect(chart.GetInlineHtml());
        return includePlotlyJs ? PlotlyJs.ScriptTag + "\n" + html : html;
    }

    private static Scatter ToScatter(TraceSpec spec)
    {
        var color = ChartSpecs.Palette[spec.ColorIndex % ChartSpecs.Palette.Count];
        var line = new Line { color = color };
        var scatter = new Scatter
        {
            x = spec.X.ToArray(),
            y = spec.Y.ToArray(),
            name = spec.Name,
            legendgroup = spec.LegendGroup,
            showlegend = spec.ShowLegend,
            mode = "lines",
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
                break;
            case TraceStyle.BandFill:
                line.width = 0;
                scatter.fill = "tonexty";
                scatter.opacity = 0.2;
                break;
            default:
                break;
        }
        scatter.line = line;
        return scatter;
    }
}
