using System.Diagnostics;

namespace SsNotebook.Core.Tests.Support;

/// <summary>
/// ss 6.10 for optional byte-for-byte checks: $SS_ORACLE, else ../shared/oracle/ss-6.10.sh beside the repository.
/// Absent in a user's clone; tests then check only their own exact expectations.
/// </summary>
public static class SsOracle
{
    /// <summary>The oracle's path when there is one and its help lists <paramref name="option"/> (an ss built
    /// without libbpf has no --bpf-maps, for one).</summary>
    public static string? Find(string option)
    {
        var path = Environment.GetEnvironmentVariable("SS_ORACLE");
        if (string.IsNullOrEmpty(path))
        {
            path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "oracle", "ss-6.10.sh"));
        }
        if (!File.Exists(path))
        {
            return null;
        }
        var help = Run(path, ["-h"]);
        return help.Output.Contains(option, StringComparison.Ordinal) ? path : null;
    }

    public static (int Exit, string Output, string Error) Run(string path, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {path}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"{path} did not finish");
        }
        return (process.ExitCode, output, error.Result);
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SsNotebook.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SsNotebook.sln not found above " + AppContext.BaseDirectory);
    }
}
