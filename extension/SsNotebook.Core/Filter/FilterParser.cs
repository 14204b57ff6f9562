using SsNotebook.Query;

namespace SsNotebook.Filter;

/// <summary>The state a filter parse reads and changes: ss's host prefixes (<c>inet6:</c>, <c>unix:</c>, …) reset the family mask.</summary>
public sealed class FilterParseContext(SsEnvironment environment)
{
    public SsEnvironment Environment { get; } = environment;

    /// <summary>The family mask (bits 1 &lt;&lt; AF_*) before the parse; the parse may replace it.</summary>
    public ulong Families { get; set; }

    /// <summary>-F FILE ("-" for <see cref="StandardInput"/>), read after the argv words as ss does.</summary>
    public string? FilterFile { get; init; }

    public TextReader? StandardInput { get; init; }
}

/// <summary>Parses ss's filter expression language.</summary>
public static class FilterParser
{
    /// <summary>Parses the words left after options and state words (plus the -F file). Returns null for an empty
    /// expression; throws <see cref="SsException"/> with ss's message for a malformed one.</summary>
    public static SocketFilter? Parse(IReadOnlyList<string> words, FilterParseContext context) =>
        throw new NotImplementedException("owned by the filter work: Filter/");
}
