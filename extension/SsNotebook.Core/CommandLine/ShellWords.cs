namespace SsNotebook.CommandLine;

/// <summary>Splits one command line typed in a notebook into argv words the way a POSIX shell would
/// (single and double quotes, backslash escapes), so <c>#!ss -tn '( dport = :ssh )'</c> means what it means in bash.</summary>
public static class ShellWords
{
    /// <summary>Throws <see cref="SsNotebook.Query.SsException"/> on an unterminated quote.</summary>
    public static IReadOnlyList<string> Split(string line) =>
        throw new NotImplementedException("owned by the command-line work: CommandLine/");
}
