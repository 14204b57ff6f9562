using System.Diagnostics;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Query;

namespace SsNotebook.Benchmarks;

/// <summary>
/// DataFrames against the dump they come from (issue 5): in the same run, the median time of the raw netlink
/// dump of <c>-ti</c> (<see cref="SocketCollector.Collect(SsQuery)"/>, records included) and the median time of
/// building the Sockets, Timers, Memory and TcpInfo frames of that dump, as <see cref="Ss.Run(string, SsEnvironment?)"/>
/// would. The frames must cost at most twice the dump.
/// </summary>
internal static class FramesBenchmark
{
    public const int Pairs = 100_000;

    public const double TargetRatio = 2.0;

    /// <summary>The Table frame of a <c>-tim</c> dump must cost at most the dump itself.</summary>
    public const double TableTargetRatio = 1.0;

    public static FramesResult Measure(string namespaceName, int runs)
    {
        var frames = DumpThenBuild(["-ti", "-N", namespaceName], runs, BuildFrames);
        // The Table of a -tim dump (every column, one row per socket), as a notebook's ss.Table builds it.
        var table = DumpThenBuild(["-tim", "-N", namespaceName], runs, result => result.Table.Columns.Count);
        return new FramesResult(frames.Sockets, frames.Built, frames.DumpMilliseconds, frames.BuildMilliseconds)
        {
            Table = new TableResult(table.Sockets, (int)table.Built, table.DumpMilliseconds, table.BuildMilliseconds),
        };
    }

    /// <summary>Alternates, <paramref name="runs"/> times after a warm-up, a dump of <paramref name="arguments"/> and
    /// <paramref name="build"/> on its result; the medians of both, and what the last build returned.</summary>
    private static (int Sockets, long Built, double DumpMilliseconds, double BuildMilliseconds) DumpThenBuild(
        string[] arguments, int runs, Func<SsResult, long> build)
    {
        var environment = SsEnvironment.FromProcess();
        var query = SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;
        var collector = new SocketCollector(environment);
        SsResult ResultOf(SocketSnapshot snapshot) => new(arguments, query, snapshot.Sockets, null, "", snapshot.Timestamp);
        build(ResultOf(collector.Collect(query)));

        var dumps = new List<double>();
        var builds = new List<double>();
        var sockets = 0;
        var built = 0L;
        for (var run = 0; run < runs; run++)
        {
            SamplingBenchmark.CollectGarbage();
            var clock = Stopwatch.StartNew();
            var snapshot = collector.Collect(query);
            dumps.Add(clock.Elapsed.TotalMilliseconds);
            sockets = snapshot.Sockets.Count;

            SamplingBenchmark.CollectGarbage();
            clock.Restart();
            built = build(ResultOf(snapshot));
            builds.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (sockets, built, Statistics.Median(dumps), Statistics.Median(builds));
    }

    /// <summary>The four frames of one result; returns their total row count.</summary>
    private static long BuildFrames(SsResult result) =>
        result.Sockets.Rows.Count + result.Timers.Rows.Count + result.Memory.Rows.Count + result.TcpInfo.Rows.Count;
}

internal sealed record FramesResult(int Sockets, long Rows, double DumpMilliseconds, double FramesMilliseconds)
{
    public double Ratio => FramesMilliseconds / DumpMilliseconds;

    public bool MeetsTarget => Ratio <= FramesBenchmark.TargetRatio && Table is not { MeetsTarget: false };

    /// <summary>The Table frame of a <c>-tim</c> dump, measured in the same run.</summary>
    public TableResult? Table { get; init; }
}

internal sealed record TableResult(int Sockets, int Columns, double DumpMilliseconds, double TableMilliseconds)
{
    public double Ratio => TableMilliseconds / DumpMilliseconds;

    public bool MeetsTarget => Ratio <= FramesBenchmark.TableTargetRatio;
}

internal static class Statistics
{
    public static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
