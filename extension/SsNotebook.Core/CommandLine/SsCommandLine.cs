namespace SsNotebook.CommandLine;

/// <summary>What the command line asks the program to do.</summary>
public enum CommandLineAction
{
    /// <summary>Run <see cref="ParsedCommandLine.Query"/> (unless there is a notice).</summary>
    Run,
    /// <summary>-h: print the usage text on stdout and exit successfully.</summary>
    Help,
    /// <summary>-V: print <see cref="SsCommandLine.VersionText"/> and exit successfully.</summary>
    Version,
}

/// <summary>A parsed ss command line. <see cref="Notice"/> is a message ss prints on stderr before exiting
/// successfully without listing anything (e.g. "ss: no socket tables to show with such filter.");
/// <see cref="Query"/> is then not to be run.</summary>
/// <param name="Query">What to list: tables, states, filter and what to show.</param>
/// <param name="Action">Whether to run the query or print help or the version.</param>
public sealed record ParsedCommandLine(SsQuery Query, CommandLineAction Action)
{
    /// <summary>The message ss prints on stderr before exiting successfully without listing, or null.</summary>
    public string? Notice { get; init; }

    /// <summary>The arguments a recording of this command keeps: the command line itself, except that -F FILE is
    /// replaced by the filter text the file held, so a replay never needs (or opens) the file. Empty when the parse
    /// stopped before the filter (help, version, notices).</summary>
    public IReadOnlyList<string> ReplayableArguments { get; init; } = [];

    /// <summary>The naming tables the filter was parsed with (null without a filter): the text reuses them, so each
    /// naming file is read once per invocation.</summary>
    internal Naming.NamingTables? Naming { get; init; }
}

/// <summary>Parses ss 6.10's command line (getopt_long semantics, state words, filter) into an <see cref="SsQuery"/>.</summary>
public static class SsCommandLine
{
    /// <summary>"ss utility, iproute2-6.10.0": what -V prints.</summary>
    public const string VersionText = "ss utility, iproute2-6.10.0\n";

    /// <summary>Parses <paramref name="args"/> (argv without the program name). Errors throw <see cref="SsException"/>
    /// carrying ss's message and exit status. <paramref name="standardInput"/> serves <c>-F -</c>.</summary>
    /// <param name="args">ss's arguments, one word each.</param>
    /// <param name="environment">The variables ss reads (POSIXLY_CORRECT, PROC_ROOT, …) and where names come
    /// from.</param>
    /// <param name="standardInput">What <c>-F -</c> reads; null reads nothing.</param>
    public static ParsedCommandLine Parse(IReadOnlyList<string> args, SsEnvironment environment, TextReader? standardInput = null) =>
        new SsCommandLineParser(environment, standardInput).Parse(args);

    /// <summary>As <see cref="Parse(IReadOnlyList{string}, SsEnvironment, TextReader?)"/>, calling
    /// <paramref name="printSummary"/> where ss prints its -s summary (after the options, before the state words,
    /// the "nothing to show" checks and the filter), so output and errors come in ss's order.</summary>
    /// <param name="args">ss's arguments, one word each.</param>
    /// <param name="environment">The variables ss reads and where names come from.</param>
    /// <param name="standardInput">What <c>-F -</c> reads; null reads nothing.</param>
    /// <param name="printSummary">Prints the -s summary of the query parsed so far.</param>
    /// <param name="loadBpfMap">Called for each new --bpf-map-id as the option is read, with the id and its text:
    /// ss loads the map there, so its errors come before those of later options.</param>
    internal static ParsedCommandLine Parse(IReadOnlyList<string> args, SsEnvironment environment, TextReader? standardInput,
        Action<SsQuery> printSummary, Action<uint, string>? loadBpfMap = null) =>
        new SsCommandLineParser(environment, standardInput, printSummary, loadBpfMap).Parse(args);
}
