using System.Text.Json.Nodes;
using SsNotebook.Charts;
using SsNotebook.Query;

namespace SsNotebook.Sampling.Tests;

/// <summary>The charts' figures (data, layout, config) on a hand-built run: exact values.</summary>
public sealed class ChartLayoutTests
{
    private static readonly SampleSet Run = ConstructedRun.Build();

    private static string[] LegendNames(ChartSpec spec) => [.. spec.Traces.Where(t => t.ShowLegend).Select(t => t.Name)];

    [Fact]
    public void ChartsFillTheWidthAndFollowIt()
    {
        var spec = ChartSpecs.Build(Run, ChartKind.Rtt);
        var layout = PlotlyFigure.Layout(spec);

        Assert.Equal("""{"responsive":true,"displaylogo":false}""", PlotlyFigure.Config().ToJsonString());
        Assert.True((bool)layout["autosize"]!);
        Assert.Null(layout["width"]);
        var html = PlotlyFigure.ToHtml(spec, "c1");
        Assert.StartsWith("<div id=\"c1\" style=\"width:100%;height:512px\"></div><script type=\"text/javascript\">Plotly.newPlot('c1', [", html);
        Assert.EndsWith(""", {"responsive":true,"displaylogo":false});</script>""", html);
    }

    [Fact]
    public void HeightCountsTheTitleNotesAndOneLegendRowPerSocket()
    {
        var spec = ChartSpecs.Build(Run, ChartKind.Rtt);
        var layout = PlotlyFigure.Layout(spec);

        // Title, one subtitle line and one note above; three sockets below, each its own legend row.
        Assert.Equal(3, spec.SocketsDrawn);
        Assert.Equal(76, (int)layout["margin"]!["t"]!);
        Assert.Equal(60 + 3 * 22 + 10, (int)layout["margin"]!["b"]!);
        Assert.Equal(76 + 300 + 136, (int)layout["height"]!);
        Assert.Equal(
            """{"orientation":"v","x":0,"xanchor":"left","y":-0.2,"yanchor":"top","tracegroupgap":2,"font":{"size":12}}""",
            layout["legend"]!.ToJsonString());
        Assert.Equal("<b>RTT</b><br><span style=\"font-size:12px\">band: rtt ± rttvar · dotted: min_rtt</span>", (string)layout["title"]!["text"]!);
        Assert.Equal("container", (string)layout["title"]!["yref"]!);

        var all = ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { IncludeIdle = true });
        Assert.Equal(4, all.SocketsDrawn);
        Assert.Equal(60 + 4 * 22 + 10, (int)PlotlyFigure.Layout(all)["margin"]!["b"]!);
    }

    [Fact]
    public void LongSubtitlesAndNotesWrapInsteadOfRunningOff()
    {
        var spec = ChartSpecs.Build(Run, ChartKind.Cwnd, new ChartOptions { Sockets = "dport = :5201 or dport = :5202", Top = 1 });

        Assert.Equal(
            ["sockets: dport = :5201 or dport = :5202", "top 1 of 2 sockets by bytes moved"],
            spec.Notes);
        Assert.Equal(
            ["dashed: ssthresh · dotted: packets in flight (unacked − sacked − lost", "+ retrans)"],
            PlotlyFigure.Wrap(spec.Subtitle));
        var layout = PlotlyFigure.Layout(spec);
        Assert.Equal(12 + 24 + 16 * 4 + 8, (int)layout["margin"]!["t"]!);
        Assert.Equal("sockets: dport = :5201 or dport = :5202<br>top 1 of 2 sockets by bytes moved", (string)layout["annotations"]![0]!["text"]!);
    }

    [Fact]
    public void IdleSocketsAreLeftOutAndTheChartSaysSo()
    {
        var spec = ChartSpecs.Build(Run, ChartKind.Rtt);

        Assert.Equal([ConstructedRun.SenderLabel, ConstructedRun.ReceiverLabel, ConstructedRun.BbrLabel], LegendNames(spec));
        Assert.Equal(1, spec.SocketsIdle);
        Assert.Equal(["1 socket idle not drawn (no bytes moved)"], spec.Notes);
        var note = PlotlyFigure.Layout(spec)["annotations"]![0]!;
        Assert.Equal(
            """{"text":"1 socket idle not drawn (no bytes moved)","xref":"paper","yref":"paper","x":0,"y":1,"xanchor":"left","yanchor":"bottom","align":"left","showarrow":false,"font":{"size":12,"color":"#555"}}""",
            note.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var withIdle = ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { IncludeIdle = true });
        Assert.Contains(ConstructedRun.IdleLabel, LegendNames(withIdle));
        Assert.Empty(withIdle.Notes);
    }

    [Fact]
    public void ASocketThatAppearedDuringTheRunMovedAllItCountsAndOneSampleShowsNoIdleness()
    {
        // Samples 0, 2 and 3: the bbr socket is only in the second (sample 2, 2 MB acked), born during the run.
        var later = new SampleSet(Run.Arguments, Run.Query, [Run.Snapshots[0], Run.Snapshots[2], Run.Snapshots[3]], null) { Environment = Run.Environment };
        Assert.Contains(ConstructedRun.BbrLabel, LegendNames(ChartSpecs.Build(later, ChartKind.Rtt)));

        var one = new SampleSet(Run.Arguments, Run.Query, [Run.Snapshots[0]], null) { Environment = Run.Environment };
        var spec = ChartSpecs.Build(one, ChartKind.Rtt);
        Assert.Equal(3, spec.SocketsDrawn);
        Assert.Empty(spec.Notes);
        Assert.Null(spec.XRange);
    }

    [Fact]
    public void SocketsAreChosenByAnSsFilterOrByCookie()
    {
        Assert.Equal([ConstructedRun.SenderLabel], LegendNames(ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "dport = :5201" })));
        Assert.Equal([ConstructedRun.SenderLabel, ConstructedRun.BbrLabel],
            LegendNames(ChartSpecs.Build(Run, ChartKind.Rates, new ChartOptions { Sockets = "( dport = :5201 or dport = :5202 )" })));
        Assert.Equal([ConstructedRun.ReceiverLabel], LegendNames(ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "sport = :5201" })));
        Assert.Equal([ConstructedRun.BbrLabel], LegendNames(ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "sk:31dce" })));
        Assert.Equal([ConstructedRun.SenderLabel, ConstructedRun.BbrLabel],
            LegendNames(ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "sk:31dce, sk:31dcc" })));
        // An idle socket asked for by name is still left out unless idle ones are drawn.
        var idle = ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "sport = :22" });
        Assert.Equal("no socket moved bytes during the run: 1 socket idle not drawn (idle: true or --chart-idle draws them)", idle.Missing);

        var none = ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "dport = :9" });
        Assert.Equal("no socket matches \"dport = :9\"", none.Missing);
        Assert.Equal("<div class=\"ss-chart-note\"><b>RTT</b>: no socket matches &quot;dport = :9&quot;</div>", PlotlyFigure.ToHtml(none));

        var error = Assert.Throws<SsException>(() => ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "dport = :nosuchport" }));
        Assert.StartsWith("ss: bad socket selection \"dport = :nosuchport\": ", error.Message);
    }

    [Fact]
    public void OneTimeAxisInSecondsSinceTheFirstSample()
    {
        foreach (var kind in Enum.GetValues<ChartKind>())
        {
            var spec = ChartSpecs.Build(Run, kind);
            Assert.Equal(new ChartRange(0, 0.75), spec.XRange);
            Assert.Equal("s since 2026-12-04T10:00:00.000Z", spec.XTitle);
            Assert.Equal("""{"title":{"text":"s since 2026-12-04T10:00:00.000Z"},"zeroline":false,"automargin":false,"range":[0,0.75]}""",
                PlotlyFigure.Layout(spec)["xaxis"]!.ToJsonString());
        }
        var rtt = ChartSpecs.Build(Run, ChartKind.Rtt);
        Assert.Equal([0, 0.25, 0.5, 0.75], rtt.Traces[0].X);
        Assert.Equal([0.25, 0.5], rtt.Traces.Single(t => t.Name == ConstructedRun.BbrLabel).X);
        var zoomed = ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Time = (0.25, 0.5) });
        Assert.Equal("[0.25,0.5]", PlotlyFigure.Layout(zoomed)["xaxis"]!["range"]!.ToJsonString());
    }

    [Fact]
    public void LogScaleAndValueRanges()
    {
        var linear = PlotlyFigure.Layout(ChartSpecs.Build(Run, ChartKind.Rates));
        Assert.Equal("""{"title":{"text":"Mbit/s"},"type":"linear","exponentformat":"SI","automargin":false,"rangemode":"tozero"}""",
            linear["yaxis"]!.ToJsonString());

        var log = PlotlyFigure.Layout(ChartSpecs.Build(Run, ChartKind.Rates, new ChartOptions { LogScale = true, Range = (1, 1000) }));
        Assert.Equal("""{"title":{"text":"Mbit/s"},"type":"log","exponentformat":"SI","automargin":false,"range":[0,3]}""",
            log["yaxis"]!.ToJsonString());

        var ranged = PlotlyFigure.Layout(ChartSpecs.Build(Run, ChartKind.Cwnd, new ChartOptions { Range = (0, 100) }));
        Assert.Equal("[0,100]", ranged["yaxis"]!["range"]!.ToJsonString());

        var error = Assert.Throws<SsException>(() => ChartSpecs.Build(Run, ChartKind.Rates, new ChartOptions { LogScale = true, Range = (0, 10) }));
        Assert.Equal("#!ss: a log scale needs a range above 0", error.Message);
    }

    [Fact]
    public void WithoutTcpInfoANoteSaysToAddDashI()
    {
        var run = ConstructedRun.Build(withTcpInfo: false);

        Assert.Equal("RTT needs tcp_info: add -i to the ss arguments", ChartSpecs.Build(run, ChartKind.Rtt).Missing);
        Assert.Equal("cwnd needs tcp_info: add -i to the ss arguments", ChartSpecs.Build(run, ChartKind.Cwnd).Missing);
        Assert.Equal("Rates need tcp_info: add -i to the ss arguments", ChartSpecs.Build(run, ChartKind.Rates).Missing);
        Assert.Equal("<div class=\"ss-chart-note\"><b>RTT</b>: RTT needs tcp_info: add -i to the ss arguments</div>",
            PlotlyFigure.ToHtml(ChartSpecs.Build(run, ChartKind.Rtt)));
        // Queues need no tcp_info: the sender's Send-Q is drawn.
        var queues = ChartSpecs.Build(run, ChartKind.Queues);
        Assert.Null(queues.Missing);
        Assert.Equal(["iperf3 10.0.0.1:40000→10.0.0.2:5201"], LegendNames(queues));
        // A C# chart object carries the note as its only text.
        var layout = PlotlyFigure.Layout(ChartSpecs.Build(run, ChartKind.Rtt));
        Assert.Equal(120, (int)layout["height"]!);
        Assert.Equal("RTT needs tcp_info: add -i to the ss arguments", (string)layout["annotations"]![0]!["text"]!);
    }

    [Fact]
    public void WiresharkStyleViewsOfTcpInfo()
    {
        var cwnd = ChartSpecs.Build(Run, ChartKind.Cwnd, new ChartOptions { Sockets = "sk:31dcc" });
        Assert.Equal([ConstructedRun.SenderLabel, ConstructedRun.SenderLabel + " ssthresh", ConstructedRun.SenderLabel + " in flight"],
            cwnd.Traces.Select(t => t.Name));
        Assert.Equal([10.0, 20, 30, 40], cwnd.Traces[0].Y);
        Assert.Equal([null, null, 25.0, 25], cwnd.Traces[1].Y);
        Assert.Equal([30.0, 30, 30, 30], cwnd.Traces[2].Y);

        var rtt = ChartSpecs.Build(Run, ChartKind.Rtt, new ChartOptions { Sockets = "sk:31dcc" });
        Assert.Equal([10.0, 20, 30, 40], rtt.Traces[0].Y);
        Assert.Equal([11.0, 21, 31, 41], rtt.Traces[1].Y);
        Assert.Equal([9.0, 19, 29, 39], rtt.Traces[2].Y);
        Assert.Equal([9.0, 9, 9, 9], rtt.Traces[3].Y);

        var retrans = ChartSpecs.Build(Run, ChartKind.Retrans, new ChartOptions { Sockets = "sk:31dcc" });
        Assert.Equal([0.0, 0, 2, 5], retrans.Traces[0].Y);
        Assert.Equal(TraceStyle.Markers, retrans.Traces[1].Style);
        Assert.Equal([null, null, 2.0, 5], retrans.Traces[1].Y);
        Assert.Equal("""{"color":"#1f77b4","symbol":"x","size":9}""", PlotlyFigure.Trace(retrans.Traces[1])["marker"]!.ToJsonString());
        Assert.Equal("markers", (string)PlotlyFigure.Trace(retrans.Traces[1])["mode"]!);

        var windows = ChartSpecs.Build(Run, ChartKind.Windows, new ChartOptions { Sockets = "sk:31dcc" });
        Assert.Equal([65535.0, 65535, 65535, 65535], windows.Traces[0].Y);
        Assert.Equal([131072.0, 131072, 131072, 131072], windows.Traces[1].Y);

        var rates = ChartSpecs.Build(Run, ChartKind.Rates, new ChartOptions { Sockets = "sk:31dcc" });
        Assert.Equal([32.0, 32, 32, 32], rates.Traces[0].Y);
        Assert.Equal([40.0, 40, 40, 40], rates.Traces[1].Y);
    }

    [Fact]
    public void ChartTextCannotEndTheScriptElement()
    {
        var spec = ChartSpecs.Build(Run, ChartKind.Rtt) with { Title = "</script><b>x" };

        var html = PlotlyFigure.ToHtml(spec, "c1");

        Assert.Equal(1, CountOf(html, "</script>"));
        Assert.Contains("\\u003Cb\\u003E\\u0026lt;/script\\u0026gt;\\u0026lt;b\\u0026gt;x", html);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
