using System.Diagnostics;
using System.Threading.Channels;

namespace SsNotebook.Interactive;

/// <summary>
/// One sampled (<c>--samples/--interval</c>) or replayed (<c>--replay</c>) invocation in a cell: runs the sampler
/// off the kernel's thread and keeps one display up to date in place — progress and charts while sampling, then
/// (<see cref="ShowFinal"/>, once the kernel has kept the samples) the final charts, the Samples frame and the last
/// sample's text.
/// </summary>
internal sealed class SamplingCell(CellOptions options, PlotlyJsOnce plotlyJs, KernelCommand command, KernelInvocationContext context)
{
    /// <summary>How often the loop wakes up without a new sample, to keep the elapsed time moving.</summary>
    internal static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly string _displayId = Guid.NewGuid().ToString("N");
    private ChartOptions _chartOptions = options.ChartOptions;
    private bool _displayed;

    /// <summary>Samples <paramref name="arguments"/> until the count is reached or the cell is interrupted; the
    /// samples taken so far are returned either way (a bad invocation throws <see cref="Query.SsException"/>).
    /// The live display is paced by <see cref="ProgressThrottle"/>; charts are drawn off this loop.</summary>
    public async Task<SampleSet> SampleAsync(IReadOnlyList<string> arguments)
    {
        if (options.ChartOptions.Sockets is { } sockets)
        {
            // A bad selection fails the cell before sampling starts, not at its first redraw; names in it are read as
            // the sampled invocation reads them (-N's interfaces). A bad invocation fails here with the sampler's message.
            var environment = SsEnvironment.FromProcess();
            var parsed = SsInvocation.Parse(arguments, environment, TextReader.Null);
            _chartOptions = _chartOptions with
            {
                Selector = SocketSelector.Parse(sockets, environment, parsed.Action == CommandLineAction.Run ? parsed.Query : null),
            };
        }
        var updates = Channel.CreateBounded<SampleProgress>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var progress = new ChannelProgress(updates.Writer);
        var run = Sampler.RunAsync(arguments, options.ToSamplingOptions(), context.CancellationToken, progress);
        _ = run.ContinueWith(_ => updates.Writer.TryComplete(), TaskScheduler.Default);

        var clock = Stopwatch.StartNew();
        var throttle = new ProgressThrottle();
        SampleProgress? latest = null;
        var newSamples = false;
        var news = false;
        var charts = "";
        Task<string>? redraw = null;
        var readable = updates.Reader.WaitToReadAsync().AsTask();
        while (!context.CancellationToken.IsCancellationRequested)
        {
            await Task.WhenAny(readable, Task.Delay(Tick));
            if (readable.IsCompleted)
            {
                if (!await readable)
                {
                    break;
                }
                while (updates.Reader.TryRead(out var update))
                {
                    latest = update;
                    newSamples = news = true;
                }
                readable = updates.Reader.WaitToReadAsync().AsTask();
            }
            if (latest is null)
            {
                continue;
            }
            if (redraw is { IsCompleted: true })
            {
                charts = redraw.IsCompletedSuccessfully ? redraw.Result : charts;
                redraw = null;
                throttle.RedrawDone();
                news = true;
            }
            var now = clock.Elapsed;
            if (throttle.RedrawDue(now, newSamples) && ClaimPlotlyJs(latest.Current))
            {
                var set = latest.Current;
                redraw = Task.Run(() => ChartHtml.Charts(set, options.ChartsToDraw, _chartOptions));
            }
            else if (redraw is null)
            {
                throttle.RedrawDone();
            }
            newSamples = false;
            if (throttle.StatusDue(now, news))
            {
                news = false;
                Show(Progress(arguments, latest, now, charts), ProgressText(latest, now));
            }
        }

        var taken = await run;
        if (redraw is not null)
        {
            await redraw.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (options.RecordPath is { } path)
        {
            try
            {
                taken.Record(Path.GetFullPath(path));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The samples are still shown and kept; the kernel reports this after sharing them.
                RecordError = $"#!ss: cannot write recording {path}: {exception.Message}";
            }
        }
        return taken;
    }

    /// <summary>Why <c>--record</c> failed, if it did.</summary>
    public string? RecordError { get; private set; }

    /// <summary>Replaces the live view with the final charts, the Samples frame and the last sample's text (or, for
    /// a replay, shows them).</summary>
    public SampleSet ShowFinal(SampleSet set, string variableName)
    {
        if (context.IsComplete)
        {
            // Interrupted: nothing can be shown any more.
            return set;
        }
        var status = Status(set, variableName);
        Show(SampleHtml.Final(set, status, Charts(set)), status + "\n" + set.Text);
        return set;
    }

    private static string Progress(IReadOnlyList<string> arguments, SampleProgress update, TimeSpan elapsed, string charts)
    {
        var status = string.Create(CultureInfo.InvariantCulture,
            $"{FrameHtml.CommandText(arguments)} · sampling: {update.Samples} samples · {update.Sockets} sockets ({update.SocketsSeen} seen) · {elapsed.TotalSeconds:0.0} s");
        return SampleHtml.Live(status, charts);
    }

    private static string ProgressText(SampleProgress update, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"sampling: {update.Samples} samples, {update.Sockets} sockets ({update.SocketsSeen} seen), {elapsed.TotalSeconds:0.0} s");

    private string Status(SampleSet set, string variableName)
    {
        var how = options.ReplayPath is { } replayed ? $"replayed from {replayed}"
            : set.WasCancelled ? "interrupted" : "done";
        var recorded = options.RecordPath is not { } path ? "" : RecordError is null ? $", recorded to {path}" : ", NOT recorded";
        return string.Create(CultureInfo.InvariantCulture,
            $"{FrameHtml.CommandText(set.Arguments)} · {set.Count} samples over {set.Duration.TotalSeconds:0.0#} s · {set.Samples.Rows.Count} rows ({how}{recorded}) → {variableName}");
    }

    private string Charts(SampleSet set) => ClaimPlotlyJs(set) ? ChartHtml.Charts(set, options.ChartsToDraw, _chartOptions) : "";

    /// <summary>True when <paramref name="set"/> gets charts; publishes plotly.js first, once per cell, as a display of
    /// its own (updates never resend it).</summary>
    private bool ClaimPlotlyJs(SampleSet set)
    {
        if (options.ChartsToDraw.Count == 0 || set.Count == 0)
        {
            return false;
        }
        if (plotlyJs.TryClaim(command))
        {
            Publish(new DisplayedValueProduced(null, command, [new FormattedValue("text/html", SsNotebook.Charts.PlotlyJs.ScriptTag)]));
        }
        return true;
    }

    private void Show(string html, string text)
    {
        FormattedValue[] values = [new FormattedValue("text/html", html), new FormattedValue("text/plain", text)];
        if (_displayed)
        {
            Publish(new DisplayedValueUpdated(null, _displayId, command, values));
        }
        else
        {
            _displayed = true;
            Publish(new DisplayedValueProduced(null, command, values, _displayId));
        }
    }

    /// <summary>After an interruption the invocation context is complete and drops events: nothing to show then.</summary>
    private void Publish(KernelEvent @event)
    {
        if (!context.IsComplete)
        {
            context.Publish(@event);
        }
    }

    /// <summary>Hands the sampler's reports to the cell's loop; only the newest one matters.</summary>
    private sealed class ChannelProgress(ChannelWriter<SampleProgress> writer) : IProgress<SampleProgress>
    {
        public void Report(SampleProgress value) => writer.TryWrite(value);
    }
}
