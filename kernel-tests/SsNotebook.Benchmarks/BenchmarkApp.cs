using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SsNotebook.Benchmarks;

/// <summary>
/// Builds socket populations with kernel-tests/tools/sockets.c in private namespaces and times ssn and ss in the
/// same run, alternating them so that machine noise hits both alike; in the same populations, measures the sampler's
/// CPU cost (<see cref="SamplingBenchmark"/>) and frame building against the raw dump (<see cref="FramesBenchmark"/>).
/// Prints Markdown tables of medians and ratios and exits non-zero when a figure misses its target.
/// </summary>
internal static class BenchmarkApp
{
    public static int Run(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }
        Console.Error.WriteLine($"load average: {LoadAverage()}");
        using var generator = SocketGenerator.Compile(options.GeneratorSource);
        var results = new List<CaseResult>();
        var sampling = new List<SamplingResult>();
        SamplesFrameResult? samplesFrame = null;
        SummaryResult? summary = null;
        FramesResult? frames = null;
        var namespaces = 0;
        foreach (var pairs in options.Pairs)
        {
            var cases = options.Runs("ss") ? BenchmarkCase.All.Where(c => c.Pairs == pairs).ToList() : [];
            var measureSampling = options.Runs("sampling") && SamplingBenchmark.Measures(pairs);
            var measureFrames = options.Runs("frames") && pairs == FramesBenchmark.Pairs;
            if (cases.Count == 0 && !measureSampling && !measureFrames)
            {
                continue;
            }
            var name = $"ssnbench{Environment.ProcessId}x{namespaces++}";
            using var population = pairs == 0 ? Population.Empty(name) : generator.Start(name, pairs);
            foreach (var benchCase in cases)
            {
                Console.Error.WriteLine($"{pairs,7} pairs: ss {benchCase.Arguments} ...");
                results.Add(Measure(population, benchCase, options));
            }
            if (measureSampling)
            {
                foreach (var keep in new[] { true, false })
                {
                    Console.Error.WriteLine($"{pairs,7} pairs: sampling -ti at 10 Hz, KeepRecording={keep} ...");
                    sampling.Add(SamplingBenchmark.Measure(pairs, name, keep, options.SamplingDuration));
                }
                Console.Error.WriteLine($"{pairs,7} pairs: -ti dumps at 10 Hz, nothing kept ...");
                sampling.Add(SamplingBenchmark.MeasureDumpOnly(pairs, name, options.SamplingDuration));
                if (pairs == SamplingBenchmark.ContextPairs)
                {
                    Console.Error.WriteLine($"{pairs,7} pairs: Samples frame of 10 samples ...");
                    samplesFrame = SamplingBenchmark.MeasureSamplesFrame(name, 10, options.RunCount);
                    Console.Error.WriteLine($"{pairs,7} pairs: Summary of {SummaryBenchmark.Samples} samples against their dumps ...");
                    summary = SummaryBenchmark.Measure(name, options.RunCount);
                }
            }
            if (measureFrames)
            {
                Console.Error.WriteLine($"{pairs,7} pairs: -ti dump and frames, -tim dump and Table ...");
                frames = FramesBenchmark.Measure(name, options.RunCount);
            }
        }
        var table = new StringBuilder();
        if (results.Count > 0)
        {
            table.Append(ResultTable.ToMarkdown(results));
        }
        if (sampling.Count > 0 || frames is not null)
        {
            if (table.Length > 0)
            {
                table.AppendLine();
            }
            table.Append(ResultTable.NotebookMarkdown(sampling, samplesFrame, summary, frames));
        }
        Console.WriteLine(table);
        Console.Error.WriteLine($"load average: {LoadAverage()}");
        if (options.MarkdownFile is not null)
        {
            File.WriteAllText(options.MarkdownFile, table.ToString());
        }
        var missed = 0;
        foreach (var miss in results.Where(r => !r.MeetsTarget))
        {
            Console.Error.WriteLine($"target missed: {miss.Case.Pairs} pairs, {miss.Case.Arguments}: {miss.Ratio:0.00}x > {miss.Case.Target:0.00}x");
            missed++;
        }
        foreach (var miss in sampling.Where(r => !r.MeetsTarget))
        {
            Console.Error.WriteLine($"target missed: {miss.Pairs} pairs, -ti at 10 Hz, {miss.What}: {miss.PercentOfCore:0.0}% > {SamplingBenchmark.TargetPercent:0}% of a core");
            missed++;
        }
        if (summary is { MeetsTarget: false })
        {
            Console.Error.WriteLine($"target missed: Summary/dumps at {SamplingBenchmark.ContextPairs} pairs: {summary.Ratio:0.00}x > {SummaryBenchmark.TargetRatio:0.0}x");
            missed++;
        }
        if (frames is { MeetsTarget: false })
        {
            Console.Error.WriteLine($"target missed: frames/dump at {FramesBenchmark.Pairs} pairs: {frames.Ratio:0.00}x > {FramesBenchmark.TargetRatio:0.0}x, " +
                $"Table/-tim dump {frames.Table?.Ratio:0.00}x > {FramesBenchmark.TableTargetRatio:0.0}x?");
            missed++;
        }
        return missed == 0 ? 0 : 1;
    }

    /// <summary>The 1, 5 and 15 minute load averages, to note with the figures (the machine is shared).</summary>
    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static CaseResult Measure(Population population, BenchmarkCase benchCase, BenchmarkOptions options)
    {
        var ssTimes = new List<double>();
        var ssnTimes = new List<double>();
        long ssLines = 0, ssnLines = 0;
        // One untimed warm-up of each fills the page cache and the dentry cache for /proc walks.
        ssLines = population.Time(options.SsPath, benchCase.Arguments, out _);
        ssnLines = population.Time(options.SsnPath, benchCase.Arguments, out _);
        for (var run = 0; run < options.RunCount; run++)
        {
            population.Time(options.SsPath, benchCase.Arguments, out var ss);
            population.Time(options.SsnPath, benchCase.Arguments, out var ssn);
            ssTimes.Add(ss.TotalMilliseconds);
            ssnTimes.Add(ssn.TotalMilliseconds);
        }
        return new CaseResult(benchCase, Statistics.Median(ssTimes), Statistics.Median(ssnTimes), ssLines, ssnLines);
    }
}

/// <summary>One invocation timed at one population size, with the ratio ssn/ss it must stay under.</summary>
/// <remarks>The targets are the product's promises (issues 2 and 3); rows without one are reported for context.</remarks>
internal sealed record BenchmarkCase(int Pairs, string Arguments, double? Target)
{
    public static IReadOnlyList<BenchmarkCase> All { get; } =
    [
        new(0, "-tan", 2.0),
        new(0, "-tin", null),
        new(10_000, "-tan", null),
        new(10_000, "-tin", null),
        new(10_000, "-tanp", null),
        new(10_000, "-tan state established '( dport = :5001 )'", null),
        new(100_000, "-tan", 0.8),
        new(100_000, "-tin", 0.6),
        new(100_000, "-tanp", 0.1),
        new(100_000, "-tan state established '( dport = :5001 )'", 1.2),
    ];
}

internal sealed record CaseResult(BenchmarkCase Case, double SsMilliseconds, double SsnMilliseconds, long SsLines, long SsnLines)
{
    public double Ratio => SsnMilliseconds / SsMilliseconds;

    public bool MeetsTarget => (Case.Target is not { } target || Ratio <= target) && SsLines == SsnLines;
}

internal static class ResultTable
{
    public static string ToMarkdown(IEnumerable<CaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| pairs | invocation | ss (ms) | ssn (ms) | ssn/ss | target | lines ss/ssn |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Case.Pairs:N0} | `{r.Case.Arguments}` | {r.SsMilliseconds:0.0} | {r.SsnMilliseconds:0.0} | {r.Ratio:0.00}x | {(r.Case.Target is { } t ? $"≤ {t:0.0}x" : "")} | {r.SsLines}/{r.SsnLines}{(r.SsLines == r.SsnLines ? "" : " MISMATCH")} |");
        }
        return text.ToString();
    }

    /// <summary>The notebook-side measurements: the sampler's CPU cost and the frames against the dump.</summary>
    public static string NotebookMarkdown(IReadOnlyList<SamplingResult> sampling, SamplesFrameResult? samplesFrame, SummaryResult? summary,
        FramesResult? frames)
    {
        var text = new StringBuilder();
        text.AppendLine("| pairs | measurement | figure | target | details |");
        text.AppendLine("|---:|---|---:|---:|---|");
        foreach (var r in sampling)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Pairs:N0} | `-ti` at 10 Hz: {r.What} | {r.PercentOfCore:0.0}% of a core | {(r.HasTarget ? $"≤ {SamplingBenchmark.TargetPercent:0}%" : "")} | {r.CpuPerSample.TotalMilliseconds:0.0} ms CPU per sample; {r.Samples} samples of {r.Sockets:N0} sockets in {r.Wall.TotalSeconds:0.00} s: user {r.User.TotalSeconds:0.00} s, sys {r.System.TotalSeconds:0.00} s; {r.Gen0Collections} GCs ({r.Gen2Collections} gen2), {r.GcPause.TotalMilliseconds:0} ms paused |");
        }
        if (samplesFrame is { } f)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {SamplingBenchmark.ContextPairs:N0} | Samples frame of {f.Samples} samples | {f.Milliseconds:0.0} ms |  | {f.Rows:N0} rows × {f.Columns} columns; the first build, which also parses the samples kept as raw replies, {f.FirstMilliseconds:0.0} ms |");
        }
        if (summary is { } s)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {SamplingBenchmark.ContextPairs:N0} | `-ti` Summary of {SummaryBenchmark.Samples} samples / their {SummaryBenchmark.Samples} dumps | {s.Ratio:0.00}x | ≤ {SummaryBenchmark.TargetRatio:0.0}x | dumps {s.DumpsMilliseconds:0.0} ms ({s.SampleRows:N0} sockets in all), Summary {s.SummaryMilliseconds:0.0} ms ({s.Rows:N0} rows) |");
        }
        if (frames is { } r2)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {FramesBenchmark.Pairs:N0} | `-ti` frames / raw dump | {r2.Ratio:0.00}x | ≤ {FramesBenchmark.TargetRatio:0.0}x | dump {r2.DumpMilliseconds:0.0} ms ({r2.Sockets:N0} sockets), Sockets+Timers+Memory+TcpInfo frames {r2.FramesMilliseconds:0.0} ms ({r2.Rows:N0} rows) |");
            if (r2.Table is { } t)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {FramesBenchmark.Pairs:N0} | `-tim` Table / raw dump | {t.Ratio:0.00}x | ≤ {FramesBenchmark.TableTargetRatio:0.0}x | dump {t.DumpMilliseconds:0.0} ms ({t.Sockets:N0} sockets), Table {t.TableMilliseconds:0.0} ms ({t.Sockets:N0} rows × {t.Columns} columns) |");
            }
        }
        return text.ToString();
    }
}

internal sealed record BenchmarkOptions(
    string SsnPath, string SsPath, int RunCount, IReadOnlyList<int> Pairs, string GeneratorSource, string? MarkdownFile,
    IReadOnlySet<string> Only, TimeSpan SamplingDuration)
{
    /// <summary>The measurements --only can pick: ssn against ss, the sampler's CPU cost, frames against the dump.</summary>
    public static IReadOnlySet<string> Measurements { get; } = new HashSet<string>(["ss", "sampling", "frames"]);

    public const string Usage =
        "usage: SsNotebook.Benchmarks [--ssn PATH] [--ss PATH] [--runs N] [--pairs 0,5000,10000,100000] [--generator sockets.c] [--markdown FILE]\n" +
        "                             [--only ss,sampling,frames] [--sampling-seconds S]";

    public bool Runs(string measurement) => Only.Contains(measurement);

    public static BenchmarkOptions? Parse(string[] args)
    {
        var root = RepositoryRoot();
        var options = new BenchmarkOptions(
            Path.Combine(root, "artifacts", "ssn", "ssn"), "ss", 5, [0, SamplingBenchmark.TargetPairs, 10_000, 100_000],
            Path.Combine(root, "kernel-tests", "tools", "sockets.c"), null,
            Measurements, TimeSpan.FromSeconds(5));
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                return null;
            }
            options = args[i] switch
            {
                "--ssn" => options with { SsnPath = Path.GetFullPath(value) },
                "--ss" => options with { SsPath = value },
                "--runs" when int.TryParse(value, out var runs) && runs > 0 => options with { RunCount = runs },
                "--pairs" => options with { Pairs = value.Split(',').Select(int.Parse).ToList() },
                "--generator" => options with { GeneratorSource = Path.GetFullPath(value) },
                "--markdown" => options with { MarkdownFile = Path.GetFullPath(value) },
                "--only" when value.Split(',') is var names && names.All(Measurements.Contains) =>
                    options with { Only = new HashSet<string>(names) },
                "--sampling-seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    && seconds is >= 0.5 and <= 600 => options with { SamplingDuration = TimeSpan.FromSeconds(seconds) },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
            i++;
        }
        return options;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SsNotebook.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}

/// <summary>
/// kernel-tests/tools/sockets.c compiled into a temporary folder; its "mass" mode holds N established loopback pairs
/// (half of them IPv6) in a namespace created here, spread over holder processes within the descriptor limit.
/// </summary>
internal sealed class SocketGenerator : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(10);
    private readonly string _directory;

    private SocketGenerator(string directory) => _directory = directory;

    public static SocketGenerator Compile(string source)
    {
        var directory = Directory.CreateTempSubdirectory("ssn-sockets-").FullName;
        Shell.Run("gcc", ["-O2", "-Wall", "-Wextra", "-Werror", "-o", Path.Combine(directory, "sockets"), source]);
        return new SocketGenerator(directory);
    }

    public Population Start(string name, int pairs)
    {
        var ready = Path.Combine(_directory, $"{name}.ready");
        var empty = Population.Empty(name);
        var start = new ProcessStartInfo("nsenter") { UseShellExecute = false };
        foreach (var word in new[] { $"--net=/run/netns/{name}", Path.Combine(_directory, "sockets"), "mass", ready, pairs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(word);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the socket generator");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            if (process.HasExited || waited.Elapsed > ReadyTimeout)
            {
                Stop(process);
                empty.Dispose();
                throw new InvalidOperationException($"the socket generator did not build {pairs} pairs in {name}");
            }
            Thread.Sleep(100);
        }
        return new Population(name, () =>
        {
            Stop(process);
            empty.Dispose();
        });
    }

    /// <summary>SIGTERM lets the holders reset their connections (no TIME-WAIT left) before the namespace goes.</summary>
    private static void Stop(Process process)
    {
        using (process)
        {
            if (!process.HasExited)
            {
                Shell.Run("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            }
            process.WaitForExit();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>A network namespace holding a socket population; commands are timed inside it with nsenter.</summary>
internal sealed class Population(string name, Action stop) : IDisposable
{
    public static Population Empty(string name)
    {
        Shell.Run("ip", ["netns", "add", name]);
        Shell.Run("ip", ["-n", name, "link", "set", "lo", "up"]);
        return new Population(name, () => Shell.Run("ip", ["netns", "del", name]));
    }

    /// <summary>Runs "tool arguments" in the namespace with stdout counted and discarded; returns the line count.</summary>
    public long Time(string tool, string arguments, out TimeSpan elapsed)
    {
        var start = new ProcessStartInfo("nsenter")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in new[] { $"--net=/run/netns/{name}", "bash", "-c", $"exec {tool} {arguments}" })
        {
            start.ArgumentList.Add(word);
        }
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start nsenter");
        var stderr = process.StandardError.ReadToEndAsync();
        long lines = 0;
        var buffer = new char[1 << 16];
        int read;
        while ((read = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count('\n');
        }
        process.WaitForExit();
        elapsed = stopwatch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} exited {process.ExitCode}: {stderr.Result}");
        }
        return lines;
    }

    public void Dispose() => stop();
}

internal static class Shell
{
    public static void Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}");
        }
    }
}
