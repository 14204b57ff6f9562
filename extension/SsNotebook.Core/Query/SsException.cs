namespace SsNotebook.Query;

/// <summary>
/// An error the user caused or must see (bad option, malformed filter, kernel refusal), reported the way ss
/// reports it: <see cref="Exception.Message"/> is the exact text ss writes to stderr (without the trailing
/// newline), <see cref="ExitCode"/> its exit status. Nothing else is ever printed for it — no stack trace.
/// </summary>
/// <param name="message">ss's message, as it writes it to stderr.</param>
/// <param name="exitCode">ss's exit status.</param>
public sealed class SsException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The exit status ss exits with for this error (1 for most, 255 after usage).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>True when ss follows the message with its usage text on stderr (its usage() call, exit status 255),
    /// as after a filter that does not parse. The text is then the message immediately followed by the usage,
    /// without a newline between them unless the message ends with one.</summary>
    public bool ShowUsage { get; init; }
}
