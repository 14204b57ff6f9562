using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook;

/// <summary>
/// Runs ss invocations in-process with our own collector and returns text and DataFrames: the library behind
/// <c>#!ss</c>, usable from any .NET program (<c>Ss.Run("-tan state established")</c>).
/// </summary>
public static class Ss
{
    /// <summary>Runs one ss command line, split like a shell would split it. A leading "ss" word is ignored.
    /// Errors throw <see cref="SsException"/> with ss's message.</summary>
    public static SsResult Run(string commandLine, SsEnvironment? environment = null)
    {
        var words = ShellWords.Split(commandLine);
        if (words.Count > 0 && words[0] == "ss")
        {
            words = words.Skip(1).ToArray();
        }
        return Run(words, environment);
    }

    /// <summary>Runs ss with <paramref name="arguments"/> (argv without the program name), as <c>ssn</c> runs it
    /// (<see cref="SsInvocation"/>, <see cref="SsListing"/>): the same checks and messages, the text formatted inside
    /// the -N namespace, the -p scan beside the dump. -h, -V and ss's notices give a text-only result. Off Linux it
    /// throws <see cref="LiveCollectionNotSupportedException"/> before touching the system.</summary>
    public static SsResult Run(IReadOnlyList<string> arguments, SsEnvironment? environment = null)
    {
        LiveCollection.EnsureSupported();
        var invocation = SsInvocation.Parse(arguments, environment ?? SsEnvironment.FromProcess(), TextReader.Null);
        var query = invocation.Query;
        switch (invocation.Action)
        {
            case CommandLineAction.Help:
                return TextOnly(arguments, query, SsUsage.Text);
            case CommandLineAction.Version:
                return TextOnly(arguments, query, SsCommandLine.VersionText);
        }
        if (invocation.Notice is not null)
        {
            return TextOnly(arguments, query, invocation.Notice + "\n");
        }
        if (query.Mode is QueryMode.Dump or QueryMode.Summary)
        {
            // -D writes binary and -s a summary instead of sockets: neither is a DataFrame.
            throw new SsException($"ssn: {(query.Mode == QueryMode.Dump ? "-D (--diag)" : "-s (--summary)")} is not supported in a library call");
        }
        invocation.PlanListing(ListingCaller.Library);
        var records = new SocketListSink();
        var timestamp = DateTimeOffset.UtcNow;
        using var output = new MemoryStream();
        var outcome = SsListing.Write(invocation, new SocketCollector(invocation.Environment), output, TextLayout.Compact, records);
        var text = Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        return new SsResult(arguments, query, records.Sockets, outcome.Processes, text, timestamp) { Naming = invocation.Naming };
    }

    private static SsResult TextOnly(IReadOnlyList<string> arguments, SsQuery query, string text) =>
        new(arguments, query, [], null, text, DateTimeOffset.UtcNow);
}
