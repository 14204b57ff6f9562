using System.Text.Json;
using DynamicObj;
using Plotly.NET;

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
    /// <summary>The rtt chart as a Plotly.NET chart: rtt per socket with its rttvar band and min_rtt dotted, in ms
    /// (<see cref="ChartKind.Rtt"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static GenericChart RttChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Rtt, Options(sockets, top, log, range, time, idle));

    /// <summary>The cwnd chart as a Plotly.NET chart: snd_cwnd per socket with snd_ssthresh dashed and packets in
    /// flight dotted, in segments (<see cref="ChartKind.Cwnd"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static GenericChart CwndChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Cwnd, Options(sockets, top, log, range, time, idle));

    /// <summary>The queues chart as a Plotly.NET chart: Send-Q per socket with Recv-Q dashed and notsent_bytes dotted,
    /// in bytes (<see cref="ChartKind.Queues"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static GenericChart QueuesChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Queues, Options(sockets, top, log, range, time, idle));

    /// <summary>The retrans chart as a Plotly.NET chart: total_retrans per socket (cumulative retransmitted segments),
    /// marked where it grew (<see cref="ChartKind.Retrans"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static GenericChart RetransChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Retrans, Options(sockets, top, log, range, time, idle));

    /// <summary>The rates chart as a Plotly.NET chart: delivery_rate per socket with pacing_rate dashed, in Mbit/s
    /// (<see cref="ChartKind.Rates"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static GenericChart RatesChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Rates, Options(sockets, top, log, range, time, idle));

    /// <summary>The windows chart as a Plotly.NET chart: snd_wnd per socket with rcv_wnd dashed, in bytes
    /// (<see cref="ChartKind.Windows"/>).</summary>
    /// <param name="set">The sampled run (tcp_info needs -i in its ss arguments; queues do not).</param>
    /// <param name="sockets">The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</param>
    /// <param name="top">At most this many sockets, the busiest by bytes moved.</param>
    /// <param name="log">A logarithmic value axis.</param>
    /// <param name="range">The value axis range in the chart's unit; null to fit the data.</param>
    /// <param name="time">The time axis range in seconds since the run's first sample; null for the whole run.</param>
    /// <param name="idle">Also draw sockets that moved and queued nothing during the run.</param>
    public static GenericChart WindowsChart(this SampleSet set, string? sockets = null, int top = SocketSeriesExtractor.DefaultTop,
        bool log = false, ChartRange? range = null, ChartRange? time = null, bool idle = false) =>
        set.Chart(ChartKind.Windows, Options(sockets, top, log, range, time, idle));

    /// <summary>One built-in chart as a Plotly.NET chart, drawn as <paramref name="options"/> say.</summary>
    /// <param name="set">The sampled run.</param>
    /// <param name="kind">Which built-in chart.</param>
    /// <param name="options">Sockets, top N, axes; null for <see cref="ChartOptions.Default"/>.</param>
    public static GenericChart Chart(this SampleSet set, ChartKind kind, ChartOptions? options = null) =>
        ToPlotlyNet(ChartSpecs.Build(set, kind, options));

    /// <summary>The charts named by a <c>--chart</c> list ("rtt,cwnd"; "all" for every chart), in that order. An
    /// unknown name throws <see cref="SsNotebook.Query.SsException"/>.</summary>
    /// <param name="set">The sampled run.</param>
    /// <param name="list">Chart names separated by commas, as in <see cref="ChartKind"/>, any case.</param>
    /// <param name="options">Sockets, top N, axes; null for <see cref="ChartOptions.Default"/>.</param>
    public static IReadOnlyList<GenericChart> Charts(this SampleSet set, string list, ChartOptions? options = null) =>
        ChartSpecs.Build(set, ChartKinds.Parse(list), options).Select(ToPlotlyNet).ToArray();

    internal static ChartOptions Options(string? sockets, int top, bool log, ChartRange? range, ChartRange? time, bool idle) =>
        new() { Sockets = sockets, Top = top, LogScale = log, Range = range, Time = time, IncludeIdle = idle };

    /// <summary>Renders a library-neutral chart (from <see cref="ChartSpecs"/>) with Plotly.NET, sized to the page's
    /// width, without Plotly.NET's defaults or a plotly.js reference (<see cref="ToHtml(GenericChart, bool)"/> embeds
    /// it).</summary>
    /// <param name="spec">The chart to render.</param>
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
    /// <param name="chart">The chart.</param>
    /// <param name="includePlotlyJs">Whether to put plotly.js in front of the chart.</param>
    public static string ToHtml(this GenericChart chart, bool includePlotlyJs = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = ScriptBlock.Protect(GenericChart.toChartHTML(chart));
        return includePlotlyJs ? PlotlyJs.ScriptTag + "\n" + html : html;
    }

    /// <summary>The traces of a chart that show in the legend, by name: one per socket drawn.</summary>
    /// <param name="chart">A chart, e.g. from <see cref="Chart(SampleSet, ChartKind, ChartOptions?)"/>.</param>
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
