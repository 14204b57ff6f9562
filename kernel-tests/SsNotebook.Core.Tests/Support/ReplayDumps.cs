using System.Runtime.CompilerServices;

namespace SsNotebook.Core.Tests.Support;

/// <summary>The TCPDIAG_FILE dumps in kernel-tests/conformance/filter (see make-dumps.sh there), found from this
/// source file so the tests read the repository's copy wherever they run.</summary>
internal static class ReplayDumps
{
    public static string Path(string name, [CallerFilePath] string source = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, "..", "..", "conformance", "filter", name));
}
