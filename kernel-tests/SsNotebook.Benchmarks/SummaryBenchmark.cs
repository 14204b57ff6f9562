using System.Diagnostics;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sampling;

namespace SsNotebook.Benchmarks;

/// <summary>
/// The Summary of a run against the dumps it comes from (issue 11): in the same run, the time of 10 raw netlink
/// dumps of <c>-ti</c> (<see cref="SocketCollector.Collect(SsQuery)"/>, records included) and the median time of
/// building <see cref="SampleSet.Summary"/> of a sample set made of exactly those 10 dumps. The Summary must cost
/// at most as much as the dumps.
/// </summary>
internal static class SummaryBenchmark
{
    public const int Samples = 10;

    public const double TargetRatio = 1.0;

    public static SummaryResult Measure(string namespaceName, int runs)
    {
        var environment = SsEnvironment.FromProcess();
        string[] arguments = ["-ti", "-N", namespaceName];
        var query = SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;
        var collector = new SocketCollector(environment);
        collector.Collect(query);

        SamplingBenchmark.CollectGarbage();
        var samples = new Sample[Samples];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < samples.Length; i++)
        {
            var snapshot = collector.Collect(query);
            samples[i] = new Sample(i, snapshot.Timestamp, snapshot.Sockets, null);
        }
        var dumps = clock.Elapsed.TotalMilliseconds;

        var set = new SampleSet(arguments, query, samples, null);
        SampleSummaryBuilder.Build(set);
        var times = new List<double>();
        var rows = 0L;
        for (var run = 0; run < runs; run++)
        {
            SamplingBenchmark.CollectGarbage();
            clock.Restart();
            rows = SampleSummaryBuilder.Build(set).Rows.Count;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new SummaryResult(samples.Sum(sample => sample.Sockets.Count), rows, dumps, Statistics.Median(times));
    }
}

internal sealed record SummaryResult(long SampleRows, long Rows, double DumpsMilliseconds, double SummaryMilliseconds)
{
    public double Ratio => SummaryMilliseconds / DumpsMilliseconds;

    public bool MeetsTarget => Ratio <= SummaryBenchmark.TargetRatio;
}
