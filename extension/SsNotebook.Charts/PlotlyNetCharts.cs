using DynamicObj;
using Microsoft.FSharp.Core;
using Plotly.NET;
using SsNotebook.Sampling;

namespace SsNotebook.Charts;

/// <summary>
/// The built-in charts as Plotly.NET charts: <c>set.RttChart()</c>, <c>set.CwndChart()</c>, … (see
/// <see cref="ChartKind"/> and the top-N rule of <see cref="ChartSpecs"/>). Everything touching Plotly.NET (and so
/// FSharp.Core) lives in this assembly, which is loaded only when a chart is first asked for, so a host can
/// install its assembly-resolving handler first.
/// </summary>
public static class PlotlyNetCharts
{
    public static GenericChart RttChart(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.Chart(ChartKind.Rtt, top);

    public static GenericChart CwndChart(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.Chart(ChartKind.Cwnd, top);

    public static GenericChart QueuesChart(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.Chart(ChartKind.Queues, top);

    public static GenericChart RetransChart(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.Chart(ChartKind.Retrans, top);

    public static GenericChart RatesChart(this SampleSet set, int top = SocketSeriesExtractor.DefaultTop) => set.Chart(ChartKind.Rates, top);

    public static GenericChart Chart(this SampleSet set, ChartKind kind, int top = SocketSeriesExtractor.DefaultTop) =>
        ToPlotlyNet(ChartSpecs.Build(set, kind, top));

    /// <summary>The charts named by a <c>--chart</c> list ("rtt,cwnd").</summary>
    public static IReadOnlyList<GenericChart> Charts(this SampleSet set, string list, int top = SocketSeriesExtractor.DefaultTop) =>
        ChartKinds.Parse(list).Select(kind => set.Chart(kind, top)).ToArray();

    public static GenericChart ToPlotlyNet(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var traces = spec.Traces.Select(ToTrace).ToList();
        var chart = traces.Count == 0
            ? GenericChart.ofTraceObject(true, new Trace2D("scatter"))
            : GenericChart.ofTraceObjects(true, traces);
        var layout = new Layout();
        layout.SetProperty("title", Titled(spec.Title));
        layout.SetProperty("xaxis", Axis("time (UTC)"));
        layout.SetProperty("yaxis", Axis(spec.YTitle));
        layout.SetProperty("hovermode", "x unified");
        // local→peer labels are long: a legend at the side would leave the plot a sliver of the cell's width.
        layout.SetProperty("legend", BelowThePlot());
        chart = GenericChart.addLayout(layout, chart);
        var display = new DisplayOptions();
        display.SetProperty("PlotlyJSReference", PlotlyJSReference.NoReference);
        return GenericChart.addDisplayOptions(display, chart);
    }

    /// <summary>Self-contained HTML for the chart: the embedded plotly.js (unless <paramref name="includePlotlyJs"/>
    /// is false, e.g. when the page already has it) followed by the chart's div and script. No CDN.</summary>
    public static string ToHtml(this GenericChart chart, bool includePlotlyJs = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = ScriptBlock.Protect(GenericChart.toChartHTML(chart));
        return includePlotlyJs ? PlotlyJs.ScriptTag + "\n" + html : html;
    }

    /// <summary>The traces of a chart that show in the legend, by name: one per socket drawn.</summary>
    public static IReadOnlyList<string> LegendNames(this GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.getTraces(chart)
            .Where(trace => trace.TryGetPropertyValue("showlegend") is not { } shown || shown.Value is not false)
            .Select(trace => trace.TryGetPropertyValue("name") is { } name ? name.Value?.ToString() ?? "" : "")
            .ToArray();
    }

    private static Trace ToTrace(TraceSpec spec)
    {
        var trace = new Trace2D("scatter");
        trace.SetProperty("x", spec.X.ToArray());
        trace.SetProperty("y", spec.Y.ToArray());
        trace.SetProperty("name", spec.Name);
        trace.SetProperty("legendgroup", spec.LegendGroup);
        trace.SetProperty("showlegend", spec.ShowLegend);
        trace.SetProperty("mode", "lines");
        var color = ChartSpecs.Palette[spec.ColorIndex % ChartSpecs.Palette.Count];
        var line = new DynamicObj.DynamicObj();
        line.SetProperty("color", color);
        switch (spec.Style)
        {
            case TraceStyle.Dashed:
                line.SetProperty("dash", "dash");
                break;
            case TraceStyle.Dotted:
                line.SetProperty("dash", "dot");
                break;
            case TraceStyle.BandEdge:
                line.SetProperty("width", 0);
                break;
            case TraceStyle.BandFill:
                line.SetProperty("width", 0);
                trace.SetProperty("fill", "tonexty");
                trace.SetProperty("opacity", 0.2);
                break;
            default:
                break;
        }
        trace.SetProperty("line", line);
        return trace;
    }

    private static DynamicObj.DynamicObj Titled(string text)
    {
        var title = new DynamicObj.DynamicObj();
        title.SetProperty("text", text);
        return title;
    }

    private static DynamicObj.DynamicObj BelowThePlot()
    {
        var legend = new DynamicObj.DynamicObj();
        legend.SetProperty("orientation", "h");
        legend.SetProperty("x", 0);
        legend.SetProperty("xanchor", "left");
        legend.SetProperty("y", -0.2);
        legend.SetProperty("yanchor", "top");
        return legend;
    }

    private static DynamicObj.DynamicObj Axis(string title)
    {
        var axis = new DynamicObj.DynamicObj();
        axis.SetProperty("title", Titled(title));
        return axis;
    }
}
