namespace SsNotebook.Query;

/// <summary>
/// An error the user caused or must see (bad option, malformed filter, kernel refusal), reported the way ss
/// reports it: <see cref="Exception.Message"/> is the exact text ss writes to stderr (without the trailing
/// newline), <see cref="ExitCode"/> its exit status. Nothing else is ever printed for it — no stack trace.
/// </summary>
public sealed class SsException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
