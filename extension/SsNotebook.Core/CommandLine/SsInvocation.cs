using SsNotebook.Diag;
using SsNotebook.Naming;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.CommandLine;

/// <summary>
/// One ss invocation, the single way from a command line to a run: the arguments parsed (<see cref="SsCommandLine"/>),
/// the environment and naming tables they run with, and the checks of what this implementation can list, each with
/// one message, the same for <c>ssn</c> (<see cref="SsApplication"/>), the library (<c>Ss.Run</c>), the sampler and
/// replays. It lives beside the parser, not in Query/, because Query/ is what the parser produces.
/// </summary>
internal sealed class SsInvocation
{
    private readonly ParsedCommandLine _parsed;
    private NamingTables? _naming;

    private SsInvocation(IReadOnlyList<string> arguments, SsEnvironment environment, ParsedCommandLine parsed)
    {
        Arguments = arguments;
        Environment = environment;
        _parsed = parsed;
        _naming = parsed.Naming;
    }

    /// <summary>Parses <paramref name="arguments"/> (argv without the program name). Errors throw
    /// <see cref="SsException"/> with ss's message and exit status. <paramref name="standardInput"/> serves <c>-F -</c>;
    /// <paramref name="printSummary"/> is called where ss prints its -s summary, so output and errors come in ss's order;
    /// <paramref name="loadBpfMap"/> loads a --bpf-map-id map as the option is read, as ss does.</summary>
    public static SsInvocation Parse(IReadOnlyList<string> arguments, SsEnvironment environment, TextReader? standardInput = null,
        Action<SsQuery>? printSummary = null, Action<uint, string>? loadBpfMap = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var parsed = printSummary is null && loadBpfMap is null
            ? SsCommandLine.Parse(arguments, environment, standardInput)
            : SsCommandLine.Parse(arguments, environment, standardInput, printSummary ?? (_ => { }), loadBpfMap);
        return new SsInvocation(arguments, environment, parsed);
    }

    /// <summary>The tables this implementation can list; a query naming others is refused or trimmed.</summary>
    public static TableSet ImplementedTables => SocketCollector.SupportedTables;

    public IReadOnlyList<string> Arguments { get; }

    public SsEnvironment Environment { get; }

    public SsQuery Query => _parsed.Query;

    public CommandLineAction Action => _parsed.Action;

    /// <summary>What ss prints on stderr before exiting successfully without listing (see <see cref="ParsedCommandLine.Notice"/>).</summary>
    public string? Notice => _parsed.Notice;

    /// <summary>The arguments a recording keeps (see <see cref="ParsedCommandLine.ReplayableArguments"/>).</summary>
    public IReadOnlyList<string> ReplayableArguments => _parsed.ReplayableArguments;

    /// <summary>The naming tables of the run: the filter's, so the text names with the same reading of each file.</summary>
    public NamingTables Naming => _naming ??= new NamingTables(Environment, Query.NetworkNamespace);

    /// <summary>True when the invocation lists sockets: not -h or -V, no notice, neither -s, -D, -E nor -K.</summary>
    public bool IsListing => Action == CommandLineAction.Run && Notice is null && Query.Mode == QueryMode.List;

    /// <summary>
    /// What a run that lists (or, with -D, dumps) can do of this query: the tables it will list, and the warning ssn
    /// prints when some asked for are missing. Throws <see cref="SsException"/> (exit 1) when it can do none of it: an
    /// option not implemented, or no table it can list.
    /// </summary>
    public ListingPlan PlanListing()
    {
        var listable = Query.Tables.Intersect(ImplementedTables);
        if (listable.IsEmpty)
        {
            throw new SsException($"ssn: {DescribeTables(Query.Tables)} sockets are not supported yet");
        }
        // ss -a and friends: list what can be listed, and say what is missing rather than show it empty.
        var warning = listable == Query.Tables ? null
            : $"ssn: {DescribeTables(new TableSet(Query.Tables.Mask & ~listable.Mask))} sockets are not supported yet and are not listed";
        return new ListingPlan(listable, warning);
    }

    private static string DescribeTables(TableSet tables)
    {
        var names = new List<string>();
        AddIfAny(names, tables, SsDefaults.UnixTables, "unix");
        AddIfAny(names, tables, SsDefaults.PacketTables, "packet");
        AddIfAny(names, tables, TableSet.Of(SocketTable.Netlink), "netlink");
        AddIfAny(names, tables, SsDefaults.VsockTables, "vsock");
        AddIfAny(names, tables, TableSet.Of(SocketTable.Tipc), "tipc");
        AddIfAny(names, tables, TableSet.Of(SocketTable.Xdp), "xdp");
        AddIfAny(names, tables, SsDefaults.InetTables, "inet");
        return string.Join(", ", names);
    }

    private static void AddIfAny(List<string> names, TableSet tables, TableSet group, string name)
    {
        if (!tables.Intersect(group).IsEmpty)
        {
            names.Add(name);
        }
    }
}

/// <summary>What a listing run will list (<see cref="Tables"/>) and the message for what it leaves out.</summary>
internal sealed record ListingPlan(TableSet Tables, string? Warning);
