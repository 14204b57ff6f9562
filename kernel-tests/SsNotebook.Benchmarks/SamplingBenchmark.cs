using System.Diagnostics;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sampling;
using SsNotebook.Sockets;

namespace SsNotebook.Benchmarks;

/// <summary>
/// The sampler's cost (issue 5): <c>-ti</c> sampled at 10 Hz for a few seconds inside a population's namespace
/// (through ss's own <c>-N NAME</c>, as a notebook would), reported as this process's CPU time over wall time, in
/// percent of one core. The benchmark is an ordinary JIT process with Server GC, like the notebook kernel that runs
/// the sampler. The figure is for 10k sockets (<see cref="TargetPairs"/>); twice as many are measured for
/// context, and so is the kernel's own share: the same dumps streamed through one reused record, keeping nothing.
/// </summary>
internal static class SamplingBenchmark
{
    /// <summary>10k sockets: the population the target is stated for.</summary>
    public const int TargetPairs = 5_000;

    /// <summary>20k sockets, for context.</summary>
    public const int ContextPairs = 10_000;

    /// <summary>Issue 5: at most a quarter of one core.</summary>
    public const double TargetPercent = 25.0;

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static bool Measures(int pairs) => pairs is TargetPairs or ContextPairs;

    public static SamplingResult Measure(int pairs, string namespaceName, bool keepRecording, TimeSpan duration)
    {
        string[] arguments = ["-ti", "-N", namespaceName];
        // Warm-up: JIT the collector, parser and sampler, and fault in the kernel's dump path.
        Sampler.Run(arguments, new SamplingOptions { Samples = 3, Interval = Interval, KeepRecording = keepRecording });
        CollectGarbage();

        var samples = (int)Math.Round(duration / Interval);
        var options = new SamplingOptions { Samples = samples, Interval = Interval, KeepRecording = keepRecording };
        var start = ProcessCost.Now();
        var set = Sampler.Run(arguments, options);
        var result = start.Until(ProcessCost.Now()).ToResult(
            pairs,
            keepRecording ? "sampler, KeepRecording=on" : "sampler, KeepRecording=off",
            set.Count,
            set.Snapshots.Count == 0 ? 0 : set.Snapshots[^1].Sockets.Count);
        GC.KeepAlive(set);
        return result;
    }

    /// <summary>The kernel's share: the same dumps at the same pace, streamed through one reused record.</summary>
    public static SamplingResult MeasureDumpOnly(int pairs, string namespaceName, TimeSpan duration)
    {
        var environment = SsEnvironment.FromProcess();
        var query = SsCommandLine.Parse(["-ti", "-N", namespaceName], environment, TextReader.Null).Query;
        // The same requests as the sampler makes: TCP's two families in one kernel walk.
        var collector = new SocketCollector(environment) { CombineTcpFamilies = true };
        var sink = new CountingSink();
        collector.Collect(query, sink);
        CollectGarbage();
        var samples = (int)Math.Round(duration / Interval);
        var start = ProcessCost.Now();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            sink.Count = 0;
            collector.Collect(query, sink);
            var wait = Interval * (i + 1) - clock.Elapsed;
            if (i + 1 < samples && wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
        }
        return start.Until(ProcessCost.Now()).ToResult(pairs, "dump only (one reused record, nothing kept)", samples, sink.Count);
    }

    private sealed class CountingSink : ISocketSink
    {
        public int Count;

        public bool ReusesRecords => true;

        public void Add(SocketRecord socket) => Count++;
    }

    /// <summary>Times building the Samples frame of the first <paramref name="samples"/> samples of a fresh run
    /// (context for the cost of the frame, which is built on first use, outside the sampling loop).</summary>
    public static SamplesFrameResult MeasureSamplesFrame(string namespaceName, int samples, int runs)
    {
        var set = Sampler.Run(["-ti", "-N", namespaceName],
            new SamplingOptions { Samples = samples, Interval = Interval, KeepRecording = false });
        // The first build also parses the samples' sockets, which sampling kept as raw replies.
        CollectGarbage();
        var first = Stopwatch.StartNew();
        SamplesFrameBuilder.Build(set.Snapshots, withProcesses: false);
        first.Stop();
        var times = new List<double>();
        var rows = 0L;
        var columns = 0;
        for (var run = 0; run < runs; run++)
        {
            CollectGarbage();
            var clock = Stopwatch.StartNew();
            var frame = SamplesFrameBuilder.Build(set.Snapshots, withProcesses: false);
            clock.Stop();
            times.Add(clock.Elapsed.TotalMilliseconds);
            rows = frame.Rows.Count;
            columns = frame.Columns.Count;
        }
        return new SamplesFrameResult(set.Count, rows, columns, Statistics.Median(times), first.Elapsed.TotalMilliseconds);
    }

    internal static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>This process's CPU and GC counters at one moment (or, from <see cref="Until"/>, between two).</summary>
internal readonly record struct ProcessCost(TimeSpan Wall, TimeSpan User, TimeSpan System, int Gen0, int Gen2, TimeSpan GcPause)
{
    public static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(TimeSpan.FromSeconds(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency),
            process.UserProcessorTime, process.PrivilegedProcessorTime,
            GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    public ProcessCost Until(ProcessCost end) =>
        new(end.Wall - Wall, end.User - User, end.System - System, end.Gen0 - Gen0, end.Gen2 - Gen2, end.GcPause - GcPause);

    public SamplingResult ToResult(int pairs, string what, int samples, int sockets) =>
        new(pairs, what, samples, sockets, Wall, User, System, Gen0, Gen2, GcPause);
}

internal sealed record SamplingResult(
    int Pairs, string What, int Samples, int Sockets, TimeSpan Wall, TimeSpan User, TimeSpan System,
    int Gen0Collections, int Gen2Collections, TimeSpan GcPause)
{
    /// <summary>CPU time per sample over the sampling interval: the share of one core that sampling at 10 Hz costs.
    /// (CPU over wall time would understate a sampler too slow to keep the pace: its wall time stretches.)</summary>
    public double PercentOfCore => 100.0 * CpuPerSample.TotalSeconds / SamplingBenchmark.Interval.TotalSeconds;

    public TimeSpan CpuPerSample => (User + System) / Math.Max(1, Samples);

    /// <summary>The target holds for the sampler at the population; the other rows are context.</summary>
    public bool HasTarget => Pairs == SamplingBenchmark.TargetPairs && What.StartsWith("sampler", StringComparison.Ordinal);

    public bool MeetsTarget => !HasTarget || PercentOfCore <= SamplingBenchmark.TargetPercent;
}

internal sealed record SamplesFrameResult(int Samples, long Rows, int Columns, double Milliseconds, double FirstMilliseconds);
