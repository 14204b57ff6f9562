using System.Diagnostics;
using System.Security.Cryptography;

namespace SsNotebook.Fuzz;

/// <summary>
/// The bounded smoke run of one target: every seed and regression input, then a fixed number of deterministic
/// mutations, each under a time bound. Findings (exceptions outside the contract, hangs) are saved as files for
/// <c>repro</c>; before each input the input is written to <c>TARGET.current</c>, so an input that kills the process
/// (stack overflow, abort) is known too.
/// </summary>
public sealed class SmokeRun(FuzzTarget target, string corpusRoot, string outputRoot, int mutations, TimeSpan limit)
{
    private readonly Dictionary<string, int> _rejections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _signatures = new(StringComparer.Ordinal);

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    public List<string> Findings { get; } = [];

    public static IReadOnlyList<byte[]> LoadInputs(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)]
            : [];

    /// <summary>Runs everything; true when there was no finding.</summary>
    public bool Execute(TextWriter log)
    {
        var seeds = LoadInputs(Path.Combine(corpusRoot, "corpus", target.Name));
        var regressions = LoadInputs(Path.Combine(corpusRoot, "regressions", target.Name));
        Directory.CreateDirectory(outputRoot);
        var current = Path.Combine(outputRoot, target.Name + ".current");
        var clock = Stopwatch.StartNew();
        using var runner = new BoundedRunner(target);
        var mutator = new Mutator(StableHash(target.Name), seeds, target.Dictionary);
        var total = seeds.Count + regressions.Count + (seeds.Count == 0 ? 0 : mutations);
        var inputs = seeds.Concat(regressions)
            .Concat(Enumerable.Range(0, seeds.Count == 0 ? 0 : mutations).Select(i => mutator.Mutate(seeds[i % seeds.Count])));
        var ran = 0;
        foreach (var input in inputs)
        {
            File.WriteAllBytes(current, input);
            ran++;
            var outcome = runner.Run(input, limit);
            switch (outcome)
            {
                case Outcome.Accepted:
                    Accepted++;
                    break;
                case Outcome.Rejected:
                    Rejected++;
                    var type = runner.LastException!.GetType().Name;
                    _rejections[type] = _rejections.GetValueOrDefault(type) + 1;
                    break;
                case Outcome.Finding:
                    var exception = runner.LastException!;
                    Report(log, input, Signature(exception), $"{exception.GetType().FullName}: {Shorten(exception.Message)}", exception.StackTrace);
                    break;
                case Outcome.Hang:
                    Report(log, input, "hang", $"no answer within {limit.TotalSeconds:0.#} s", null);
                    log.WriteLine($"smoke {target.Name}: stopped at the hang ({ran} of {total} inputs)");
                    Summary(log, seeds.Count, regressions.Count, ran, clock.Elapsed);
                    File.Delete(current);
                    // The hung worker cannot be stopped; the process exits with the failure.
                    return false;
            }
        }
        File.Delete(current);
        Summary(log, seeds.Count, regressions.Count, ran, clock.Elapsed);
        return Findings.Count == 0;
    }

    /// <summary>Findings with the same exception type thrown from the same method are one bug, reported once.</summary>
    public static string Signature(Exception exception)
    {
        var frame = exception.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("SsNotebook.", StringComparison.Ordinal)) ?? "";
        var at = frame.IndexOf(" in ", StringComparison.Ordinal);
        return $"{exception.GetType().Name} {(at < 0 ? frame : frame[..at])}";
    }

    private void Report(TextWriter log, byte[] input, string signature, string what, string? stack)
    {
        var seen = _signatures.TryGetValue(signature, out var count);
        _signatures[signature] = count + 1;
        var name = Convert.ToHexStringLower(SHA256.HashData(input))[..16];
        var directory = Path.Combine(outputRoot, "findings", target.Name);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, input);
        Findings.Add(path);
        if (!seen)
        {
            log.WriteLine($"FINDING {target.Name}: {what} ({input.Length} bytes, saved as {path})");
            if (stack is not null)
            {
                foreach (var line in stack.Split('\n').Take(6))
                {
                    log.WriteLine("    " + line.Trim());
                }
            }
        }
    }

    private void Summary(TextWriter log, int seeds, int regressions, int ran, TimeSpan elapsed)
    {
        var rejections = _rejections.Count == 0 ? "" : $" ({string.Join(", ", _rejections.Select(r => $"{r.Key} {r.Value}"))})";
        foreach (var (signature, count) in _signatures)
        {
            log.WriteLine($"  {count} × {signature}");
        }
        log.WriteLine($"smoke {target.Name}: {ran} inputs ({seeds} seeds, {regressions} regressions, {Math.Max(0, ran - seeds - regressions)} mutations) " +
            $"in {elapsed.TotalSeconds:0.0} s: {Accepted} accepted, {Rejected} rejected{rejections}, {Findings.Count} findings");
    }

    /// <summary>A message cut to a readable length (some echo a whole 1 MB input).</summary>
    public static string Shorten(string message) => message.Length <= 300 ? message : $"{message[..300]}… ({message.Length} chars)";

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised).</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash;
    }
}
