using System.Text.RegularExpressions;
using SsNotebook.Charts;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Sampling.Tests;

public sealed class ChartTests : IDisposable
{
    private readonly TestNamespace _ns = new("ssn-cht");

    public void Dispose() => _ns.Dispose();

    private (SampleSet Set, string[] Labels) SampleTwoConnections()
    {
        var first = new LoopbackConnection(_ns);
        var second = new LoopbackConnection(_ns);
        var options = new SamplingOptions { Samples = 3, Interval = TimeSpan.FromMilliseconds(50) };
        var set = Sampler.Run($"-tin -N {_ns.Name} state established", options, progress: new InlineProgress(_ =>
        {
            first.Transfer(20_000);
            second.Transfer(1_000);
        }));
        var labels = set.Snapshots[0].Sockets.Select(s => SocketLabels.Describe(null, s.Congestion, SocketLabels.Of(s))).ToArray();
        return (set, labels);
    }

    [Fact]
    public void PlotlyChartsHaveOneLegendTracePerSocketNamedByCongestionControlAndEndpoints()
    {
        var (set, labels) = SampleTwoConnections();
        Assert.Equal(4, labels.Length);
        foreach (var kind in Enum.GetValues<ChartKind>())
        {
            var chart = set.Chart(kind);
            Assert.Equal(labels.Order(), chart.LegendNames().Order());
        }
        var rtt = ChartSpecs.Build(set, ChartKind.Rtt);
        Assert.Equal(4 * 4, rtt.Traces.Count);
        Assert.All(rtt.Traces, trace => Assert.Equal(3, trace.Y.Count));
    }

    [Fact]
    public void TopNKeepsTheBusiestSocketsAndSaysSoInTheTitle()
    {
        var (set, _) = SampleTwoConnections();
        var spec = ChartSpecs.Build(set, ChartKind.Cwnd, new ChartOptions { Top = 2 });
        Assert.Equal(2, spec.SocketsDrawn);
        Assert.Equal(4, spec.SocketsEligible);
        Assert.Equal(["top 2 of 4 sockets by bytes moved"], spec.Notes);
        // The busier connection moved 20 kB per interval: its two sockets come first.
        var busiest = SocketSeriesExtractor.TopSockets(set, 2);
        var busyPorts = set.Snapshots[^1].Sockets.Where(s => busiest.Contains(s.Cookie)).Select(s => s.TcpInfo.BytesAcked + s.TcpInfo.BytesReceived);
        Assert.All(busyPorts, moved => Assert.True(moved >= 40_000));
    }

    [Fact]
    public void XPlotChartsHaveTheSameLegend()
    {
        var (set, labels) = SampleTwoConnections();
        var chart = set.RttXPlot();
        var html = chart.ToHtml();
        foreach (var label in labels)
        {
            Assert.Contains(label, html);
        }
        Assert.DoesNotContain("cdn.plot.ly", html[PlotlyJs.ScriptTag.Length..]);
    }

    [Fact]
    public void PlotlyJsIsEmbeddedAndChartsRenderWithoutACdn()
    {
        Assert.Contains("plotly.js (basic - minified) v2.28.0", PlotlyJs.Script[..2000]);
        Assert.Contains("MIT", PlotlyJs.License);
        var (set, _) = SampleTwoConnections();
        var html = set.QueuesChart().ToHtml();
        Assert.StartsWith(PlotlyJs.ScriptTag, html);
        Assert.DoesNotContain("cdn.plot.ly", html[PlotlyJs.ScriptTag.Length..]);
        Assert.Contains("Plotly.newPlot", html);
    }

    [Fact]
    public void ThePartialPlotlyBundleStaysUnder500KBPerCell()
    {
        Assert.Equal("basic", PlotlyJs.Bundle);
        Assert.InRange(PlotlyJs.Script.Length, 900_000, 1_100_000);
        Assert.InRange(PlotlyJs.ScriptTag.Length, 400_000, 500_000);
        Assert.StartsWith("<script type=\"text/javascript\">", PlotlyJs.ScriptTag);
    }

    [Fact]
    public void PlotlyNetAndXplotChartsFillTheWidthWithTheSameFigure()
    {
        var run = ConstructedRun.Build();

        var plotlyNet = run.RttChart(sockets: "dport = :5201").ToHtml(includePlotlyJs: false);
        var layout = System.Text.Json.Nodes.JsonNode.Parse(Regex.Match(plotlyNet, @"var layout = (\{.*\});").Groups[1].Value)!.AsObject();
        Assert.False(layout.ContainsKey("width"));
        Assert.False(layout.ContainsKey("template"));
        Assert.True((bool)layout["autosize"]!);
        Assert.Contains("var config = {\"responsive\":true,\"displaylogo\":false};", plotlyNet);
        Assert.Contains("\"name\":\"iperf3 cubic 10.0.0.1:40000→10.0.0.2:5201\"", plotlyNet);
        Assert.DoesNotContain("10.0.0.2:5201→", plotlyNet);
        Assert.Equal([ConstructedRun.SenderLabel], run.RttChart(sockets: "dport = :5201").LegendNames());
        Assert.Equal([ConstructedRun.SenderLabel, ConstructedRun.ReceiverLabel, ConstructedRun.BbrLabel], run.CwndChart().LegendNames());
        Assert.Equal(4, run.CwndChart(idle: true).LegendNames().Count);
        Assert.Equal(2, run.RatesChart(top: 2, log: true, range: (1, 100)).LegendNames().Count);

        var xplot = run.RttXPlot(sockets: "sk:31dcc").ToHtml(includePlotlyJs: false);
        Assert.Contains("style=\"width: 100%; height: 468px;\"", xplot);
        Assert.Contains("data, layout, {\"responsive\": true, \"displaylogo\": false});", xplot);
        Assert.Contains("\"legend\":{\"orientation\":\"v\",\"tracegroupgap\":2.0,\"x\":0.0,\"xanchor\":\"left\",\"y\":-0.2,\"yanchor\":\"top\"}", xplot);
    }

    [Fact]
    public void ChartListsParse()
    {
        Assert.Equal([ChartKind.Rtt, ChartKind.Cwnd, ChartKind.Queues], ChartKinds.Parse("rtt, CWND,queues,rtt"));
        Assert.Equal(Enum.GetValues<ChartKind>(), ChartKinds.Parse("all"));
        var error = Assert.Throws<Query.SsException>(() => ChartKinds.Parse("rtt,bogus"));
        Assert.Equal("ss: unknown chart \"bogus\": use rtt, cwnd, queues, retrans, rates, windows or all", error.Message);
    }
}
