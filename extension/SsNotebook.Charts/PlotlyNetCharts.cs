using System.Text.Json;
using System.Text.Json.Nodes;
using DynamicObj;
using Plotly.NET;
using SsNotebook.Sampling;

namespace SsNotebook.Charts;

/// <summary>
/// The built-in charts as Plotly.NET charts: <c>set.RttChart()</c>, <c>set.CwndChart(sockets: "dport = :5201")</c>,
/// <c>set.RatesChart(log: true)</c>, … (see <see cref="ChartKind"/> and <see cref="ChartOptions"/>), drawn from the
/// same figure as every other renderer (<see cref="PlotlyFigure"/>). Everything touching Plotly.NET (and so
/// FSharp.Core) lives in this assembly, which is loaded only when a chart is first asked for, so a host can install
/// its assembly-resolving handler first.
/// </summary>
public static class PlotlyNetCharts
{
    public static GenericChart RttChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Rtt, Options(sockets, top, log, range, time, idle));

    public static GenericChart CwndChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Cwnd, Options(sockets, top, log, range, time, idle));

    public static GenericChart QueuesChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Queues, Options(sockets, top, log, range, time, idle));

    public static GenericChart RetransChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Retrans, Options(sockets, top, log, range, time, idle));

    public static GenericChart RatesChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Rates, Options(sockets, top, log, range, time, idle));

    public static GenericChart WindowsChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Windows, Options(sockets, top, log, range, time, idle));

    public static GenericChart Chart(this SampleSet set, ChartKind kind, ChartOptions? options = null) =>
        ToPlotlyNet(ChartSpecs.Build(set, kind, options));

    /// <summary>The charts named by a <c>--chart</c> list ("rtt,cwnd").</summary>
    public static IReadOnlyList<GenericChart> Charts(this SampleSet set, string list, ChartOptions? options = null) =>
        ChartSpecs.Build(set, ChartKinds.Parse(list), options).Select(ToPlotlyNet).ToArray();

    internal static ChartOptions Options(string? sockets, int top, bool log, ChartRange? range, ChartRange? time, bool idle) =>
        new() { Sockets = sockets, Top = top, LogScale = log, Range = range, Time = time, IncludeIdle = idle };

    public static GenericChart ToPlotlyNet(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var traces = PlotlyFigure.Data(spec).Select(trace => ToTrace((JsonObject)trace!)).ToList();
        // Without Plotly.NET's defaults (useDefaults: false): its 600 px width would make the chart ignore the page's
        // width, and its template would make it look unlike the same chart drawn by a cell.
        var chart = traces.Count == 0
            ? GenericChart.ofTraceObject(false, new Trace2D("scatter"))
            : GenericChart.ofTraceObjects(false, traces);
        var layout = new Layout();
        Fill(layout, PlotlyFigure.Layout(spec));
        chart = GenericChart.addLayout(layout, chart);
        var config = new Config();
        Fill(config, PlotlyFigure.Config());
        chart = GenericChart.addConfig(config, chart);
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

    private static Trace ToTrace(JsonObject json)
    {
        var trace = new Trace2D((string)json["type"]!);
        foreach (var (name, value) in json)
        {
            if (name != "type")
            {
                trace.SetProperty(name, ToValue(value));
            }
        }
        return trace;
    }

    private static void Fill(DynamicObj.DynamicObj target, JsonObject json)
    {
        foreach (var (name, value) in json)
        {
            target.SetProperty(name, ToValue(value));
        }
    }

    /// <summary>A JSON value as Plotly.NET serializes it back: objects as DynamicObj, arrays as arrays.</summary>
    private static object? ToValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject json => ToDynamic(json),
        JsonArray array => array.Select(ToValue).ToArray(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => PlotlyFigure.Number(value),
        },
        _ => null,
    };

    private static DynamicObj.DynamicObj ToDynamic(JsonObject json)
    {
        var dynamic = new DynamicObj.DynamicObj();
        Fill(dynamic, json);
        return dynamic;
    }
}
