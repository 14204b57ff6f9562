using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using SsNotebook.Charts;
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

        var result = await notebook.SubmitAsync($"#!ss --samples 3 --interval 100ms -N {_sockets.Name} -ti state established");

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
        var two = await notebook.SubmitAsync($"#!ss --samples 2 --interval 50ms --chart retrans,rates -N {_sockets.Name} -ti");

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
        var set = await WaitForValueAsync(notebook, "open");
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
    [InlineData("#!ss --samples 2 --chart bogus -t", "ss: unknown chart \"bogus\": use rtt, cwnd, queues, retrans, rates or all")]
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
    public async Task SamplingOptionsCompleteOnTheSelectorLine()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.Root.SendAsync(new RequestCompletions("#!ss --sam", new Microsoft.DotNet.Interactive.LinePosition(0, 10)));

        var completions = Assert.Single(result.Events.OfType<CompletionsProduced>());
        Assert.Equal("--samples", Assert.Single(completions.Completions).DisplayText);
    }

    private static async Task<SampleSet> WaitForValueAsync(TestNotebook notebook, string name)
    {
        // Generous: the sampler stops at once, but a loaded machine may take a while to finish the cell.
        for (var i = 0; i < 600; i++)
        {
            if (notebook.Ss.Values.TryGetValue(name, out var value))
            {
                return (SampleSet)value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{name} was never shared");
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
