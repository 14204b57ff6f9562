using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook;

/// <summary>
/// Runs ss invocations in-process with our own collector and returns text and DataFrames: the library behind
/// <c>#!ss</c>, usable from any .NET program (<c>Ss.Run("-tan state established")</c>).
/// </summary>
public static class Ss
{
    /// <summary>The version line ss 6.10 prints for -V.</summary>
    public const string VersionText = "ss utility, iproute2-6.10.0\n";

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

    /// <summary>Runs ss with <paramref name="arguments"/> (argv without the program name).</summary>
    public static SsResult Run(IReadOnlyList<string> arguments, SsEnvironment? environment = null)
    {
        environment ??= SsEnvironment.FromProcess();
        var parsed = SsCommandLine.Parse(arguments, environment, TextReader.Null);
        var query = parsed.Query;
        if (parsed.Action == CommandLineAction.Version)
        {
            return new SsResult(arguments, query, [], null, VersionText, DateTimeOffset.UtcNow);
        }
        if (parsed.Action == CommandLineAction.Help)
        {
            throw new SsException("ss: -h/--help is not shown in a notebook: see `man ss`", 0);
        }
        if (query.Mode == QueryMode.Events)
        {
            // ss -E never returns; a notebook cell must.
            throw new SsException("ss: -E/--events waits for events forever and cannot run in a notebook");
        }

        var snapshot = new SocketCollector(environment).Collect(query);
        var processes = query.Show.Processes ? ProcessTable.Scan(environment.ProcRoot, query.Show.Threads) : null;
        using var output = new MemoryStream();
        new SsTextWriter(environment).Write(query, snapshot.Sockets, processes, output, TextLayout.Compact);
        var text = Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        return new SsResult(arguments, query, snapshot.Sockets, processes, text, snapshot.Timestamp);
    }
}
