using System.Diagnostics;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Recording;

namespace SsNotebook.Sampling;

/// <summary>
/// Takes repeated snapshots of one ss invocation with the collector alone (no text is rendered while sampling):
/// <c>Sampler.Run("-ti", new SamplingOptions { Samples = 10, Interval = TimeSpan.FromMilliseconds(250) })</c>.
/// Cancelling the token stops within one interval and returns what was collected.
/// </summary>
public static class Sampler
{
    /// <summary>Samples the ss command line <paramref name="commandLine"/> (split like a shell; a leading "ss" is ignored).</summary>
    public static SampleSet Run(string commandLine, SamplingOptions options, CancellationToken cancellationToken = default,
        IProgress<SampleProgress>? progress = null)
    {
        var words = ShellWords.Split(commandLine);
        if (words.Count > 0 && words[0] == "ss")
        {
            words = words.Skip(1).ToArray();
        }
        return Run(words, options, cancellationToken, progress);
    }

    /// <summary>Samples ss with <paramref name="arguments"/> (argv without the program name).</summary>
    public static SampleSet Run(IReadOnlyList<string> arguments, SamplingOptions options, CancellationToken cancellationToken = default,
        IProgress<SampleProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Samples is < 1)
        {
            throw new SsException($"ss: invalid number of samples {options.Samples}: must be at least 1");
        }
        if (options.Interval <= TimeSpan.Zero)
        {
            throw new SsException("ss: the sampling interval must be positive");
        }
        var environment = options.Environment ?? SsEnvironment.FromProcess();
        var query = ParseQuery(arguments, environment);
        var recorder = options.KeepRecording ? new DumpRecorder() : null;
        var collector = new SocketCollector(environment) { Observer = recorder };
        var header = new RecordingHeader(HostInfo.HostName, HostInfo.KernelRelease, arguments.ToArray(), DateTimeOffset.UtcNow);

        var samples = new List<Sample>();
        var recorded = recorder is null ? null : new List<RecordedSample>();
        var seen = new HashSet<ulong>();
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            var snapshot = collector.Collect(query);
            var processes = query.Show.Processes ? ProcessTable.Scan(environment.ProcRoot, query.Show.Threads) : null;
            samples.Add(new Sample(samples.Count, snapshot.Timestamp, snapshot.Sockets, processes) { Diagnostics = snapshot.Diagnostics });
            recorded?.Add(recorder!.TakeSample(snapshot, processes));
            foreach (var socket in snapshot.Sockets)
            {
                seen.Add(socket.Cookie);
            }
            progress?.Report(new SampleProgress(samples.Count, snapshot.Sockets.Count, seen.Count, clock.Elapsed,
                new SampleSet(arguments, query, samples.ToArray(), null)));
            if (samples.Count == options.Samples)
            {
                break;
            }
            next += options.Interval;
            var wait = next - clock.Elapsed;
            if (wait <= TimeSpan.Zero)
            {
                // Collection took longer than the interval: start the next one now and keep the pace from here.
                next = clock.Elapsed;
                continue;
            }
            if (cancellationToken.WaitHandle.WaitOne(wait))
            {
                break;
            }
        }
        var recording = recorded is null ? null : new Recording.Recording(header, recorded);
        return new SampleSet(arguments, query, samples, recording) { WasCancelled = cancellationToken.IsCancellationRequested };
    }

    /// <summary>Runs <see cref="Run(IReadOnlyList{string}, SamplingOptions, CancellationToken, IProgress{SampleProgress})"/>
    /// on the thread pool.</summary>
    public static Task<SampleSet> RunAsync(IReadOnlyList<string> arguments, SamplingOptions options,
        CancellationToken cancellationToken = default, IProgress<SampleProgress>? progress = null) =>
        Task.Run(() => Run(arguments, options, cancellationToken, progress), CancellationToken.None);

    private static SsQuery ParseQuery(IReadOnlyList<string> arguments, SsEnvironment environment)
    {
        var parsed = SsCommandLine.Parse(arguments, environment, TextReader.Null);
        if (parsed.Action != CommandLineAction.Run)
        {
            throw new SsException("ss: -h and -V cannot be sampled");
        }
        if (parsed.Notice is { } notice)
        {
            throw new SsException(notice, 0);
        }
        if (parsed.Query.Mode != QueryMode.List)
        {
            throw new SsException("ss: only socket listings can be sampled (not -s, -E, -K or -D)");
        }
        return parsed.Query;
    }
}
