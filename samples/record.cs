// A file-based app (dotnet run samples/record.cs -- ...) showing the sampling library outside a notebook:
// samples an ss invocation, prints each sample's socket count and the run's Summary, saves a replayable recording
// and an offline HTML page of the built-in charts. While sampling, each sample is reported on stderr
// ("sample N: K sockets, T s").
//   dotnet run samples/record.cs -- OUT.ssrec SAMPLES INTERVAL SS-ARGS...
//   dotnet run samples/record.cs -- --replay FILE.ssrec [OUT.html]
#:project ../extension/SsNotebook.Sampling/SsNotebook.Sampling.csproj
#:project ../extension/SsNotebook.Charts/SsNotebook.Charts.csproj
#:property PublishAot=false

using SsNotebook.Charts;
using SsNotebook.Frames;
using SsNotebook.Query;
using SsNotebook.Recording;
using SsNotebook.Sampling;

try
{
    SampleSet set;
    string html;
    if (args.Length >= 2 && args[0] == "--replay")
    {
        set = SampleSet.Replay(args[1]);
        html = args.Length > 2 ? args[2] : Path.ChangeExtension(args[1], ".html");
        var header = set.Recording!.Header;
        Console.WriteLine($"recorded on {header.Host} (Linux {header.KernelRelease}) at {header.Created:u}: ss {string.Join(' ', header.Arguments)}");
    }
    else if (args.Length >= 3)
    {
        var options = new SamplingOptions { Samples = int.Parse(args[1]), Interval = SamplingOptions.ParseInterval(args[2]) };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        set = Sampler.Run(args[3..], options, cancel.Token, new StderrProgress());
        set.Record(args[0]);
        html = Path.ChangeExtension(args[0], ".html");
    }
    else
    {
        Console.Error.WriteLine("usage: record.cs OUT.ssrec SAMPLES INTERVAL SS-ARGS... | record.cs --replay FILE.ssrec [OUT.html]");
        return 2;
    }

    foreach (var sample in set.Snapshots)
    {
        Console.WriteLine($"{sample.Timestamp:HH:mm:ss.fff}  {sample.Sockets.Count} sockets");
    }
    Console.WriteLine($"{set.Samples.Rows.Count} rows, {set.Appeared.Rows.Count} appeared, {set.Disappeared.Rows.Count} disappeared");
    Console.WriteLine(FrameText.Of(set.Summary));
    var charts = ChartSpecs.Build(set, Enum.GetValues<ChartKind>()).Select(spec => PlotlyFigure.ToHtml(spec));
    File.WriteAllText(html, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{PlotlyJs.ScriptTag}</head><body>{string.Join("\n", charts)}</body></html>");
    Console.WriteLine($"charts: {html}");
    return 0;
}
catch (SsException error)
{
    Console.Error.WriteLine(error.Message);
    return error.ExitCode;
}
catch (RecordingException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}

/// <summary>Reports each sample on stderr as it is taken (synchronously: Progress&lt;T&gt; would post to the thread
/// pool and could reorder lines), so a script can start its traffic once sampling is under way.</summary>
sealed class StderrProgress : IProgress<SampleProgress>
{
    public void Report(SampleProgress value) =>
        Console.Error.WriteLine($"sample {value.Samples}: {value.Sockets} sockets, {value.Elapsed.TotalSeconds:F2} s");
}
