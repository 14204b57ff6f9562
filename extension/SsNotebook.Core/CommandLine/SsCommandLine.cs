using SsNotebook.Query;

namespace SsNotebook.CommandLine;

/// <summary>What the command line asks the program to do.</summary>
public enum CommandLineAction
{
    Run,
    Help,
    Version,
}

/// <summary>A parsed ss command line.</summary>
public sealed record ParsedCommandLine(SsQuery Query, CommandLineAction Action);

/// <summary>Parses ss 6.10's command line (getopt_long semantics, state words, filter) into an <see cref="SsQuery"/>.</summary>
public static class SsCommandLine
{
    /// <summary>Parses <paramref name="args"/> (argv without the program name). Errors throw <see cref="SsException"/>
    /// carrying ss's message and exit status. <paramref name="standardInput"/> serves <c>-F -</c>.</summary>
    public static ParsedCommandLine Parse(IReadOnlyList<string> args, SsEnvironment environment, TextReader? standardInput = null) =>
        throw new NotImplementedException("owned by the command-line work: CommandLine/");
}
