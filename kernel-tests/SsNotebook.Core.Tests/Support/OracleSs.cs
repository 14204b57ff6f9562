using System.Diagnostics;

namespace SsNotebook.Core.Tests.Support;

/// <summary>
/// The ss to compare with, when there is one: <c>SS_ORACLE</c> (a command or path) when set, else ss 6.10 in
/// <c>../shared/oracle</c> beside the repository (through its wrapper, which installs its libraries). Null
/// otherwise: the differential checks are optional, the tests' own expectations are not.
/// </summary>
internal static class OracleSs
{
    public static string? Path { get; } = Find();

    /// <summary>Runs the oracle with <paramref name="arguments"/>; returns its exit status and standard output.</summary>
    public static (int Status, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("no oracle ss"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the oracle");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException("the oracle ss did not finish");
        }
        error.GetAwaiter().GetResult();
        return (process.ExitCode, output);
    }

    /// <summary>The repository's root (the folder holding SsNotebook.sln) above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SsNotebook.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("SsNotebook.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SS_ORACLE") is { Length: > 0 } configured)
        {
            return configured;
        }
        var shared = System.IO.Path.Combine(RepositoryRoot(), "..", "shared", "oracle", "ss-6.10.sh");
        return File.Exists(shared) ? System.IO.Path.GetFullPath(shared) : null;
    }
}
