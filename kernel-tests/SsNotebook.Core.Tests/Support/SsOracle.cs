using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SsNotebook.Core.Tests.Support;

/// <summary>
/// ss 6.10 itself, for optional differential checks: the program named by SS_ORACLE, else ../shared/oracle/ss-6.10.sh
/// beside the repository when that exists. Tests use it only when <see cref="Find"/> returns a path, so they pass
/// without it (a user's clone has no ../shared).
/// </summary>
public static class SsOracle
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SS_ORACLE") is { Length: > 0 } configured)
        {
            return configured;
        }
        var script = Path.Combine(RepositoryRoot(), "..", "shared", "oracle", "ss-6.10.sh");
        return File.Exists(script) ? Path.GetFullPath(script) : null;
    }

    /// <summary>The oracle, if there is one and its help lists <paramref name="option"/> (an ss built without libbpf
    /// has no --bpf-maps, for one).</summary>
    public static string? FindSupporting(string option) =>
        Find() is { } oracle && Run(oracle, ["-h"]).Stdout.Contains(option, StringComparison.Ordinal) ? oracle : null;

    /// <summary>The repository this test was built from (Support/ → SsNotebook.Core.Tests/ → kernel-tests/ → it);
    /// ../shared sits beside it, artifacts/ inside it.</summary>
    public static string RepositoryRoot() => Path.GetFullPath(Path.Combine(SupportDirectory(), "..", "..", ".."));

    /// <summary>Runs the oracle with <paramref name="args"/> and <paramref name="environment"/> added to ours.</summary>
    public static Outcome Run(string oracle, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(oracle)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Builds tipc-replies-preload.c (next to this file) with the system C compiler: the LD_PRELOAD shim that feeds
    /// hand-built TIPC replies to ss. Null when there is no compiler.
    /// </summary>
    public static string? BuildTipcRepliesShim(string directory)
    {
        var code = Path.Combine(SupportDirectory(), "tipc-replies-preload.c");
        var library = Path.Combine(directory, "tipc-replies.so");
        foreach (var compiler in (string[])["cc", "gcc", "clang"])
        {
            try
            {
                var start = new ProcessStartInfo(compiler) { UseShellExecute = false, RedirectStandardError = true };
                foreach (var arg in (string[])["-shared", "-fPIC", "-O1", "-o", library, code, "-ldl"])
                {
                    start.ArgumentList.Add(arg);
                }
                using var process = Process.Start(start)!;
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode == 0)
                {
                    return library;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed: try the next one.
            }
        }
        return null;
    }

    /// <summary>This source file's folder (the compiler records it; the tests run from the build tree).</summary>
    private static string SupportDirectory([CallerFilePath] string source = "") => Path.GetDirectoryName(source)!;

    /// <summary>Writes datagrams in the shim's file format: each as a little-endian u32 length, then its bytes.</summary>
    public static void WriteDatagrams(string path, IEnumerable<byte[]> datagrams)
    {
        using var file = File.Create(path);
        foreach (var datagram in datagrams)
        {
            file.Write(BitConverter.GetBytes((uint)datagram.Length));
            file.Write(datagram);
        }
    }
}
