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
}
