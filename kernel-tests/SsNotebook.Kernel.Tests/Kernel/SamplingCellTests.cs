using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using SsNotebook.Charts;
using SsNotebook.Interactive;
using SsNotebook.Sampling;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>#!ss --samples/--interval/--chart/--record/--replay over the real collector, in a namespace of our own.</summary>
public sealed class SamplingCellTests : IDisposable
{
    private readonly NamespaceSockets _sockets = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("ssnb-sampling-").FullName;

    public void Dispose()
    {
        _sockets.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string[] Html(IEnumerable<KernelEvent> events) =>
        events.Select(e => e switch
        {
            DisplayedValueProduced produced => produced.FormattedValues.Single(v => v.MimeType == "text/html").Value,
            DisplayedValueUpdated updated => updated.FormattedValues.Single(v => v.MimeType == "text/html").Value,
            _ => null,
        }).OfType<string>().ToArray();

    [Fact]
    public async Task SamplesAreTakenShownInPlaceWithChartsAndSharedAsASampleSet()
    {
        using var notebook = TestNotebook.WithRealSs();

        // The namespace's connection moved its bytes before the run: drawn only with --chart-idle.
        var result = await notebook.SubmitAsync($"#!ss --samples 3 --interval 100ms --chart-idle -N {_sockets.Name} -ti state established");

        TestNotebook.AssertSucceeded(result);
        var set = Assert.IsType<SampleSet>(await notebook.EvaluateAsync("ss"));
        Assert.Equal(3, set.Count);
        Assert.Equal(6, set.Samples.Rows.Count);
        Assert.Equal(6L, await notebook.EvaluateAsync("ss.Samples.Rows.Count"));
        Assert.Equal(set.Snapshots[^1].Sockets.Count, set.Sockets.Rows.Count);

        // plotly.js once, in its own output; then one display (progress) updated in place to the final state.
        var html = Html(result.Events);
        Assert.Single(html, h => h.Contains(PlotlyJs.ScriptTag, StringComparison.Ordinal));
        var displays = result.Events.OfType<DisplayedValueProduced>().Where(d => d.ValueId is not null).ToArray();
        var display = Assert.Single(displays);
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToArray();
        Assert.NotEmpty(updates);
        Assert.All(updates, update => Assert.Equal(display.ValueId, update.ValueId));
        var final = updates[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("3 samples over", final, StringComparison.Ordinal);
        Assert.Contains("6 rows (done)", final, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(final, "Plotly.newPlot"));
        Assert.Contains("Samples: 6 rows", final, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", string.Concat(html.Where(h => !h.Contains(PlotlyJs.ScriptTag, StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartNoneAndChartListsChooseTheCharts()
    {
        using var notebook = TestNotebook.WithRealSs();

        var none = await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart none -N {_sockets.Name} -ti");
        var two = await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart retrans,rates --chart-idle -N {_sockets.Name} -ti");

        TestNotebook.AssertSucceeded(none);
        Assert.DoesNotContain(Html(none.Events), h => h.Contains("Plotly", StringComparison.Ordinal));
        TestNotebook.AssertSucceeded(two);
        var final = Html(two.Events)[^1];
        Assert.Equal(2, CountOf(final, "Plotly.newPlot"));
        Assert.Contains("Retransmit", final, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RecordThenReplayGivesTheSameFramesAndText()
    {
        using var notebook = TestNotebook.WithRealSs();
        var path = Path.Combine(_directory, "run.ssrec");

        TestNotebook.AssertSucceeded(await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --record {path} --name live -N {_sockets.Name} -tim"));
        var replay = await notebook.SubmitAsync($"#!ss --replay {path} --name again");

        TestNotebook.AssertSucceeded(replay);
        var live = (SampleSet)notebook.Ss.Values["live"];
        var again = (SampleSet)notebook.Ss.Values["again"];
        Assert.Equal(live.Text, again.Text);
        Assert.Equal(live.Samples.ToString(), again.Samples.ToString());
        Assert.Equal(live.Samples.Rows.Count, again.Samples.Rows.Count);
        Assert.Equal(live.TcpInfo.ToString(), again.TcpInfo.ToString());
        Assert.Contains($"replayed from {path}", Html(replay.Events)[^1], StringComparison.Ordinal);
        Assert.Equal(again.Text, await notebook.EvaluateAsync("again.Text"));
    }

    [Fact]
    public async Task InterruptingAnOpenEndedRunStopsWithinAnIntervalAndKeepsTheSamples()
    {
        using var notebook = TestNotebook.WithRealSs();
        var firstSample = new TaskCompletionSource();
        using var watch = notebook.Root.KernelEvents.Subscribe(e =>
        {
            if (e is DisplayedValueProduced { ValueId: not null })
            {
                firstSample.TrySetResult();
            }
        });

        var running = notebook.SubmitAsync($"#!ss --interval 200ms --name open -N {_sockets.Name} -ti");
        await firstSample.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await notebook.Root.SendAsync(new Cancel());
        var stopped = await running.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("Command cancelled.", TestNotebook.AssertFailed(stopped).Message);
        var set = await notebook.WaitForValueAsync<SampleSet>("open");
        Assert.True(set.WasCancelled);
        Assert.InRange(set.Count, 1, 100);
        Assert.Equal(set.Count * 2L, set.Samples.Rows.Count);
        // The interrupted cell shares its samples after it stopped, by a command of its own.
        await notebook.Ss.InterruptedShare.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(set.Count, await notebook.EvaluateAsync("open.Count"));
    }

    [Fact]
    public async Task ChartsReturnedFromCsharpRenderWithPlotlyJsOncePerCell()
    {
        using var notebook = TestNotebook.WithRealSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart none -N {_sockets.Name} -ti"));

        var result = await notebook.SubmitAsync("display(ss.RttChart());\ndisplay(ss.CwndXPlot());\nss.QueuesChart()", "csharp");

        TestNotebook.AssertSucceeded(result);
        var html = result.Events.OfType<DisplayEvent>()
            .Select(e => e.FormattedValues.Single(v => v.MimeType == "text/html").Value)
            .ToArray();
        Assert.Equal(3, html.Length);
        Assert.StartsWith(PlotlyJs.ScriptTag, html[0], StringComparison.Ordinal);
        Assert.DoesNotContain(PlotlyJs.ScriptTag, html[1], StringComparison.Ordinal);
        Assert.DoesNotContain(PlotlyJs.ScriptTag, html[2], StringComparison.Ordinal);
        Assert.All(html, h => Assert.Contains("newPlot", h, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("#!ss --samples 0 -t", "#!ss: --samples '0' is not a positive whole number")]
    [InlineData("#!ss --samples 2 --interval 5x -t", "ss: invalid interval \"5x\": use e.g. 250ms, 1s, 2m")]
    [InlineData("#!ss --samples 2 --chart bogus -t", "ss: unknown chart \"bogus\": use rtt, cwnd, queues, retrans, rates, windows or all")]
    [InlineData("#!ss --chart-log -t", "#!ss: the --chart-… options need --samples, --interval or --replay")]
    [InlineData("#!ss --samples 2 --chart-range 5 -t", "#!ss: --chart-range '5' is not a range MIN:MAX (e.g. 0:100)")]
    [InlineData("#!ss --samples 2 --chart-time 3:1 -t", "#!ss: --chart-time '3:1' is not a range MIN:MAX (e.g. 0:100)")]
    [InlineData("#!ss --samples 2 --chart-log --chart-range 0:10 -t", "#!ss: a log scale needs a --chart-range above 0")]
    [InlineData("#!ss --samples 2 --chart-top 0 -t", "#!ss: --chart-top '0' is not a positive whole number")]
    [InlineData("#!ss --samples 2 --chart-sockets= -t", "#!ss: --chart-sockets needs an ss filter or a cookie")]
    [InlineData("#!ss --samples 2 --interval 10ms --chart-sockets 'dport = :nosuchservice' -t",
        "ss: bad socket selection \"dport = :nosuchservice\": Error: \"nosuchservice\" does not look like a port.")]
    [InlineData("#!ss --record x.ssrec -t", "#!ss: --record needs --samples or --interval")]
    [InlineData("#!ss --chart rtt -t", "#!ss: --chart needs --samples, --interval or --replay")]
    [InlineData("#!ss --replay x.ssrec -t", "#!ss: --replay takes no ss arguments: the recording holds its invocation")]
    [InlineData("#!ss --replay x.ssrec --samples 2", "#!ss: --replay cannot be combined with --samples, --interval or --record")]
    [InlineData("#!ss --samples 2 --interval 10ms -s", "ss: only socket listings can be sampled (not -s, -E, -K or -D)")]
    [InlineData("#!ss --samples 2 --interval 10ms --bogus", "ss: unrecognized option '--bogus'")]
    public async Task BadSamplingOptionsFailWithAClearMessage(string cell, string message)
    {
        using var notebook = TestNotebook.WithRealSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync(cell));

        Assert.Equal(message, failed.Message.Split('\n')[0]);
        Assert.Null(failed.Exception);
    }

    [Fact]
    public async Task MissingAndCorruptRecordingsAreRejectedCleanly()
    {
        using var notebook = TestNotebook.WithRealSs();
        var missing = Path.Combine(_directory, "missing.ssrec");
        var corrupt = Path.Combine(_directory, "corrupt.ssrec");
        await File.WriteAllTextAsync(corrupt, "this is not a recording");
        var path = Path.Combine(_directory, "cut.ssrec");
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart none --record {path} -N {_sockets.Name} -ti"));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var notFound = TestNotebook.AssertFailed(await notebook.SubmitAsync($"#!ss --replay {missing}"));
        var notRecording = TestNotebook.AssertFailed(await notebook.SubmitAsync($"#!ss --replay {corrupt}"));
        var truncated = TestNotebook.AssertFailed(await notebook.SubmitAsync($"#!ss --replay {path}"));

        Assert.StartsWith($"#!ss --replay: Cannot read recording {missing}: ", notFound.Message, StringComparison.Ordinal);
        Assert.Equal("#!ss --replay: Not an ss recording: the file does not start with SSNREC", notRecording.Message);
        Assert.StartsWith("#!ss --replay: ", truncated.Message, StringComparison.Ordinal);
        Assert.All(new[] { notFound, notRecording, truncated }, failed => Assert.Null(failed.Exception));
    }

    [Fact]
    public async Task AFailedRecordingWriteStillKeepsTheSamples()
    {
        using var notebook = TestNotebook.WithRealSs();
        var path = Path.Combine(_directory, "no-such-dir", "run.ssrec");

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart none --record {path} -N {_sockets.Name} -t"));

        Assert.StartsWith($"#!ss: cannot write recording {path}: ", failed.Message, StringComparison.Ordinal);
        Assert.Equal(2, ((SampleSet)notebook.Ss.Values["ss"]).Count);
    }

    [Fact]
    public void ChartOptionsParseFromTheSelectorLine()
    {
        var line = SelectorLine.Parse(["--samples", "2", "--chart-sockets", "dport = :5201", "--chart-log", "--chart-range=1:1000",
            "--chart-time", "0:5.5", "--chart-top", "3", "--chart-idle", "-ti"]);

        Assert.Equal(["-ti"], line.SsArguments);
        Assert.Equal(
            new ChartOptions { Sockets = "dport = :5201", LogScale = true, Range = (1, 1000), Time = (0, 5.5), Top = 3, IncludeIdle = true },
            line.Options.ChartOptions);
        Assert.Equal(ChartOptions.Default, SelectorLine.Parse(["--samples", "2", "-ti"]).Options.ChartOptions);
        Assert.Equal("#!ss option: logarithmic value axes", SelectorLine.HelpFor("--chart-log"));
        Assert.Equal(["--chart-sockets", "--chart-top", "--chart-range", "--chart-time", "--chart-log", "--chart-idle"],
            SelectorLine.OptionNames.Where(name => name.StartsWith("--chart-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ChartSocketsChooseTheTracesAndTheChartsFillTheWidth()
    {
        using var notebook = TestNotebook.WithRealSs();
        var recording = Path.Combine(RepositoryRoot(), "samples", "tbf-cubic-vs-bbr.ssrec");

        var result = await notebook.SubmitAsync($"#!ss --replay {recording} --chart rtt,cwnd,rates --chart-sockets 'dport = :5202' --chart-log --chart-range 1:1000");

        TestNotebook.AssertSucceeded(result);
        var html = Html(result.Events);
        var final = html[^1];
        Assert.Equal(3, CountOf(final, "Plotly.newPlot"));
        // One socket in each chart's legend, named by its congestion control (JSON escapes the arrow).
        Assert.Equal(3, CountOf(final, "\"showlegend\":true,\"x\":["));
        Assert.Equal(3, CountOf(final, "\"name\":\"bbr 127.0.0.1:48010\\u2192127.0.0.1:5202\""));
        Assert.DoesNotContain("cubic 127.0.0.1", final[..final.IndexOf("<details", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Equal(3, CountOf(final, "{\"responsive\":true,\"displaylogo\":false}"));
        Assert.Equal(3, CountOf(final, "style=\"width:100%;"));
        Assert.Equal(3, CountOf(final, "\"legend\":{\"orientation\":\"v\",\"x\":0,\"xanchor\":\"left\",\"y\":-0.2,\"yanchor\":\"top\""));
        Assert.Equal(3, CountOf(final, "\"type\":\"log\",\"exponentformat\":\"SI\",\"automargin\":false,\"range\":[0,3]"));
        Assert.Equal(3, CountOf(final, "sockets: dport = :5202"));
        // plotly.js, the partial bundle, in its own output of at most ~500 KB.
        var script = Assert.Single(html, h => h.Contains(PlotlyJs.ScriptTag, StringComparison.Ordinal));
        Assert.InRange(script.Length, 300_000, 500_000);
        Assert.InRange(final.Length, 1, 200_000);
        // The run's Summary, open under the charts, and in C#.
        Assert.Contains("<details open><summary>Summary: 2 sockets (rtt, cwnd, throughput, what limited each)</summary>", final, StringComparison.Ordinal);
        Assert.Equal(2L, await notebook.EvaluateAsync("ss.Summary.Rows.Count"));
        Assert.Equal("network", await notebook.EvaluateAsync("(string)ss.Summary[\"limited_by\"][1]"));

        // The same choices from C#.
        var csharp = await notebook.SubmitAsync("ss.RatesChart(sockets: \"sk:1dd4fb\", log: true, range: (1, 1000), time: (8, 14))", "csharp");
        TestNotebook.AssertSucceeded(csharp);
        var chart = csharp.Events.OfType<DisplayEvent>().Single().FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("\"name\":\"bbr 127.0.0.1:48010→127.0.0.1:5202\"", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("cubic 127.0.0.1", chart, StringComparison.Ordinal);
        Assert.Contains("\"range\":[8.0,14.0]", chart, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"log\"", chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleSocketsAndMissingTcpInfoAreSaidInWords()
    {
        using var notebook = TestNotebook.WithRealSs();

        var idle = await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart rtt -N {_sockets.Name} -ti state established");
        var noInfo = await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart rtt,queues --chart-idle -N {_sockets.Name} -t state established");

        TestNotebook.AssertSucceeded(idle);
        var idleHtml = Html(idle.Events)[^1];
        Assert.Contains("<b>RTT</b>: no socket moved bytes during the run: 2 sockets idle not drawn (idle: true or --chart-idle draws them)", idleHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Plotly.newPlot", idleHtml, StringComparison.Ordinal);
        TestNotebook.AssertSucceeded(noInfo);
        var noInfoHtml = Html(noInfo.Events)[^1];
        Assert.Contains("<div class=\"ss-chart-note\"><b>RTT</b>: RTT needs tcp_info: add -i to the ss arguments</div>", noInfoHtml, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(noInfoHtml, "Plotly.newPlot"));
    }

    [Fact]
    public async Task ALiveCellChartsTheSocketsItsFilterSelects()
    {
        using var notebook = TestNotebook.WithRealSs();

        var result = await notebook.SubmitAsync(
            $"#!ss --samples 2 --interval 50ms --chart rtt --chart-idle --chart-sockets 'sport = :{NamespaceSockets.Port}' -N {_sockets.Name} -ti state established");

        TestNotebook.AssertSucceeded(result);
        var final = Html(result.Events)[^1];
        Assert.Equal(1, CountOf(final, "\"showlegend\":true,\"x\":["));
        Assert.Contains($"127.0.0.1:{NamespaceSockets.Port}\\u2192127.0.0.1:{_sockets.ClientPort}\"", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplingOptionsCompleteOnTheSelectorLine()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.Root.SendAsync(new RequestCompletions("#!ss --sam", new Microsoft.DotNet.Interactive.LinePosition(0, 10)));

        var completions = Assert.Single(result.Events.OfType<CompletionsProduced>());
        Assert.Equal("--samples", Assert.Single(completions.Completions).DisplayText);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SsNotebook.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (SsNotebook.sln) was not found above the test binaries");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
