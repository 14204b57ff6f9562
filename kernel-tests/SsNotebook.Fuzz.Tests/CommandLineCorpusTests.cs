using System.Text;
using SsNotebook.CommandLine;

namespace SsNotebook.Fuzz.Tests;

/// <summary>
/// 400 malformed and edge-case command lines (kernel-tests/cmdline/corpus.txt), each run by the NativeAOT ssn
/// (artifacts/ssn/ssn, published by run-tests.sh) in its own network namespace: the same exit status and stderr as ss
/// 6.10 (expected.txt, recorded from it) except the deliberate differences of differences.txt, and for every case no
/// signal, no .NET stack trace and no hang. With ../shared/oracle present, the recorded answers are checked against
/// ss 6.10 live as well.
/// </summary>
public sealed class CommandLineCorpusTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly string Directory = RepositoryFiles.Path("kernel-tests", "cmdline");
    private static readonly IReadOnlyList<CommandLineCase> Cases = CommandLineCorpus.Load(Path.Combine(Directory, "corpus.txt"));
    private static readonly Dictionary<string, (int ExitStatus, byte[] StandardError)> Expected =
        CommandLineCorpus.LoadAnswers(Path.Combine(Directory, "expected.txt"), SsUsage.Text);
    private static readonly Dictionary<string, string> Differences = File.ReadLines(Path.Combine(Directory, "differences.txt"))
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => line.Split('\t'))
        .ToDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);

    [Fact]
    public void CorpusHasFourHundredCasesEachWithAnAnswer()
    {
        Assert.Equal(400, Cases.Count);
        Assert.Equal(Cases.Count, Cases.Select(c => c.Id).Distinct().Count());
        Assert.All(Cases, c => Assert.True(Expected.ContainsKey(c.Id), $"{c.Id} has no recorded answer"));
        Assert.All(Differences.Keys, id => Assert.Contains(Cases, c => c.Id == id));
    }

    [Fact]
    public void SsnAnswersEveryCaseAsSs610()
    {
        var ssn = RepositoryFiles.Path("artifacts", "ssn", "ssn");
        Assert.True(File.Exists(ssn), $"{ssn} is missing: publish it first (dotnet publish extension/Ssn -c Release -o artifacts/ssn)");
        var failures = new List<string>();
        var differing = new List<string>();
        foreach (var @case in Cases)
        {
            var answer = CommandLineCorpus.Run(ssn, @case, Timeout);
            var stderr = Encoding.Latin1.GetString(answer.StandardError);
            if (answer.TimedOut)
            {
                failures.Add($"{@case.Id}: no answer within {Timeout.TotalSeconds} s");
            }
            else if (answer.ExitStatus is < 0 or (> 128 and < 160))
            {
                failures.Add($"{@case.Id}: exit status {answer.ExitStatus} (a signal): {Head(stderr)}");
            }
            else if (stderr.Contains("Unhandled exception", StringComparison.Ordinal) || stderr.Contains("\n   at ", StringComparison.Ordinal))
            {
                failures.Add($"{@case.Id}: a .NET stack trace: {Head(stderr)}");
            }
            else if (!Differences.ContainsKey(@case.Id))
            {
                var (status, expected) = Expected[@case.Id];
                if (status != answer.ExitStatus || !expected.AsSpan().SequenceEqual(answer.StandardError))
                {
                    differing.Add($"{@case.Id}: ss {status} \"{Head(Encoding.Latin1.GetString(expected))}\", " +
                        $"ssn {answer.ExitStatus} \"{Head(stderr)}\"");
                }
            }
        }
        Assert.True(failures.Count + differing.Count == 0,
            $"{failures.Count} cases crashed, hung or showed a stack trace:\n{string.Join('\n', failures)}\n" +
            $"{differing.Count} cases differ from ss 6.10:\n{string.Join('\n', differing)}");
    }

    [Fact]
    public void RecordedAnswersAreSs610sWhenTheOracleIsHere()
    {
        var oracle = Path.Combine(RepositoryFiles.Root, "..", "shared", "oracle", "ss-6.10");
        if (!File.Exists(oracle))
        {
            return;
        }
        var search = System.IO.Directory.CreateTempSubdirectory("ssn-oracle-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(search, "ss"), Path.GetFullPath(oracle));
            var stale = new List<string>();
            foreach (var @case in Cases)
            {
                var answer = CommandLineCorpus.Run("ss", @case, Timeout, search);
                var (status, expected) = Expected[@case.Id];
                if (answer.ExitStatus != status || !expected.AsSpan().SequenceEqual(answer.StandardError))
                {
                    stale.Add($"{@case.Id}: recorded {status}, ss 6.10 now {answer.ExitStatus} \"{Head(Encoding.Latin1.GetString(answer.StandardError))}\"");
                }
            }
            Assert.True(stale.Count == 0, $"expected.txt is stale (kernel-tests/cmdline/record.sh):\n{string.Join('\n', stale)}");
        }
        finally
        {
            System.IO.Directory.Delete(search, recursive: true);
        }
    }

    private static string Head(string text)
    {
        var line = text.Replace("\n", "\\n", StringComparison.Ordinal);
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
