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
        var environment = SsEnvironment.FromProcess();
        string[] arguments = ["-ti", "-N", namespaceName];
        var query = SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;
        var collector = new SocketCollector(environment);
        BuildFrames(arguments, query, collector.Collect(query));

        var dumps = new List<double>();
        var frames = new List<double>();
        var sockets = 0;
        var rows = 0L;
        for (var run = 0; run < runs; run++)
        {
            SamplingBenchmark.CollectGarbage();
            var clock = Stopwatch.StartNew();
            var snapshot = collector.Collect(query);
            dumps.Add(clock.Elapsed.TotalMilliseconds);
            sockets = snapshot.Sockets.Count;

            SamplingBenchmark.CollectGarbage();
            clock.Restart();
            rows = BuildFrames(arguments, query, snapshot);
            frames.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new FramesResult(sockets, rows, Statistics.Median(dumps), Statistics.Median(frames)) { Table = MeasureTable(namespaceName, runs) };
    }

    /// <summary>The <c>-tim</c> dump against the Table frame of it (every column, one row per socket), in the same run
    /// and alternating, as a notebook's <c>ss.Table</c> would build it.</summary>
    private static TableResult MeasureTable(string namespaceName, int runs)
    {
        var environment = SsEnvironment.FromProcess();
        string[] arguments = ["-tim", "-N", namespaceName];
        var query = SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;
        var collector = new SocketCollector(environment);
        _ = new SsResult(arguments, query, collector.Collect(query).Sockets, null, "", DateTimeOffset.UtcNow).Table;

        var dumps = new List<double>();
        var tables = new List<double>();
        var sockets = 0;
        var columns = 0;
        for (var run = 0; run < runs; run++)
        {
            SamplingBenchmark.CollectGarbage();
            var clock = Stopwatch.StartNew();
            var snapshot = collector.Collect(query);
            dumps.Add(clock.Elapsed.TotalMilliseconds);
            sockets = snapshot.Sockets.Count;

            SamplingBenchmark.CollectGarbage();
            clock.Restart();
            var table = new SsResult(arguments, query, snapshot.Sockets, null, "", snapshot.Timestamp).Table;
            tables.Add(clock.Elapsed.TotalMilliseconds);
            columns = table.Columns.Count;
        }
        return new TableResult(sockets, columns, Statistics.Median(dumps), Statistics.Median(tables));
    }

    /// <summary>The four frames of one result; returns their total row count.</summary>
    private static long BuildFrames(string[] arguments, SsQuery query, SocketSnapshot snapshot)
    {
        var result = new SsResult(arguments, query, snapshot.Sockets, null, "", snapshot.Timestamp);
        return result.Sockets.Rows.Count + result.Timers.Rows.Count + result.Memory.Rows.Count + result.TcpInfo.Rows.Count;
    }
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
