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
    /// <summary>Runs one ss command line, split like a shell would split it. A leading "ss" word is ignored.
    /// Errors throw <see cref="SsException"/> with ss's message.</summary>
    /// <param name="commandLine">ss's arguments, e.g. "-tni state established".</param>
    /// <param name="environment">Environment variables, /proc root and naming tables to run with; null for this
    /// process's.</param>
    public static SsResult Run(string commandLine, SsEnvironment? environment = null)
    {
        var words = ShellWords.Split(commandLine);
        if (words.Count > 0 && words[0] == "ss")
        {
            words = words.Skip(1).ToArray();
        }
        return Run(words, environment);
    }

    /// <summary>Runs ss with <paramref name="arguments"/> (argv without the program name). Off Linux it throws
    /// <see cref="LiveCollectionNotSupportedException"/> before touching the system.</summary>
    /// <param name="arguments">ss's arguments, one word each.</param>
    /// <param name="environment">Environment variables, /proc root and naming tables to run with; null for this
    /// process's.</param>
    public static SsResult Run(IReadOnlyList<string> arguments, SsEnvironment? environment = null)
    {
        LiveCollection.EnsureSupported();
        environment ??= SsEnvironment.FromProcess();
        var parsed = SsCommandLine.Parse(arguments, environment, TextReader.Null);
        var query = parsed.Query;
        switch (parsed.Action)
        {
            case CommandLineAction.Help:
                return TextOnly(arguments, query, SsUsage.Text);
            case CommandLineAction.Version:
                return TextOnly(arguments, query, SsCommandLine.VersionText);
        }
        if (parsed.Notice is not null)
        {
            return TextOnly(arguments, query, parsed.Notice + "\n");
        }
        if (UnsupportedMode(query.Mode) is { } mode)
        {
            throw new SsException($"ss: {mode} is not supported in SsNotebook");
        }
        var listable = query.Tables.Intersect(SsApplication.ImplementedTables);
        if (listable.IsEmpty && !query.Tables.IsEmpty)
        {
            throw new SsException("ss: these socket tables are not supported yet in SsNotebook");
        }

        var processes = query.Show.Processes ? ProcessTable.Scan(environment.ProcRoot, query.Show.Threads) : null;
        // --bpf-maps / --bpf-map-id: the maps stay open (their descriptors are in the request) until the text is
        // written; their values are also in each record's BpfStorages.
        using var bpfMaps = Bpf.BpfStorageMaps.Open(query, TextWriter.Null);
        var collector = new SocketCollector(environment) { BpfStorageRequest = bpfMaps?.RequestPayload() };
        var snapshot = collector.Collect(query with { Tables = listable });
        using var output = new MemoryStream();
        new SsTextWriter(environment) { BpfMaps = bpfMaps }.Write(query, snapshot.Sockets, processes, output, TextLayout.Compact);
        var text = Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        return new SsResult(arguments, query, snapshot.Sockets, processes, text, snapshot.Timestamp) { Naming = environment.Naming };
    }

    /// <summary>Modes that do not list sockets: -E never returns (a cell must), -K/-D/-s are not notebook material yet.</summary>
    private static string? UnsupportedMode(QueryMode mode) => mode switch
    {
        QueryMode.Events => "-E (--events)",
        QueryMode.Kill => "-K (--kill)",
        QueryMode.Dump => "-D (--diag)",
        QueryMode.Summary => "-s (--summary)",
        _ => null,
    };

    private static SsResult TextOnly(IReadOnlyList<string> arguments, SsQuery query, string text) =>
        new(arguments, query, [], null, text, DateTimeOffset.UtcNow);
}
