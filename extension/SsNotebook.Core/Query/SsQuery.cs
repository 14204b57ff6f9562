namespace SsNotebook.Query;

/// <summary>What an ss invocation asks for, after its command line has been parsed: the single input of the
/// collector and of every renderer. Nothing downstream reads argv.</summary>
public sealed record SsQuery
{
    /// <summary>The tables to dump, after ss's defaults and family merging.</summary>
    public TableSet Tables { get; init; }

    /// <summary>The state mask sent as idiag_states (and applied to /proc records).</summary>
    public StateSet States { get; init; }

    /// <summary>Address families as a mask of (1 &lt;&lt; AF_*): AF_INET 2, AF_INET6 10, AF_UNIX 1, AF_PACKET 17, AF_NETLINK 16, AF_VSOCK 40, AF_TIPC 30, AF_XDP 44.</summary>
    public ulong Families { get; init; }

    /// <summary>The parsed filter expression, or null for none.</summary>
    public SocketFilter? Filter { get; init; }

    /// <summary>What to print for each socket: -n, -r, -e, -m, -i, -p, … (ss's show_* switches).</summary>
    public ShowOptions Show { get; init; } = new();

    /// <summary>What to do with the selected sockets: list them (the default), summarise, kill, follow events or
    /// dump.</summary>
    public QueryMode Mode { get; init; } = QueryMode.List;

    /// <summary>-N NAME: the network namespace (a name under /var/run/netns) to look into.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>-D FILE (or "-" for stdout): where to write the raw TCP dump.</summary>
    public string? DumpFile { get; init; }

    /// <summary>ss's preferred_family: the last family chosen by -4/-6/-0/-x/-f/--vsock/--tipc/--xdp (AF_UNSPEC, 0, when
    /// none). Inet dumps ask only for AF_INET6 when it is AF_INET6 and only for AF_INET when it is AF_INET; host
    /// words of the filter without a "family:" prefix are read in this family.</summary>
    public int PreferredFamily { get; init; }

    /// <summary>-s: the /proc/net/sockstat summary comes first (SsApplication prints it while parsing, where ss does).
    /// With <see cref="QueryMode.Summary"/> nothing else is printed; with another mode (-s plus a table option or
    /// filter words) the listing follows.</summary>
    public bool PrintSummary { get; init; }

    /// <summary>-K: close each selected socket (SOCK_DESTROY) and print the ones closed. Also set with -E (ss allows both).</summary>
    public bool Kill { get; init; }

    /// <summary>--bpf-maps: show every BPF socket-local storage map.</summary>
    public bool ShowAllBpfMaps { get; init; }

    /// <summary>--bpf-map-id=ID (repeatable): the BPF socket-local storage maps to show, each id once, in the
    /// order given (ss loads at most 32).</summary>
    public IReadOnlyList<uint> BpfMapIds { get; init; } = [];

    /// <summary>The text each of <see cref="BpfMapIds"/> was given as (ss quotes it when the map has the wrong type).</summary>
    public IReadOnlyList<string> BpfMapIdArguments { get; init; } = [];

    /// <summary>True when <paramref name="addressFamily"/> (an AF_* number) is among <see cref="Families"/>.</summary>
    public bool HasFamily(int addressFamily) => (Families & (1UL << addressFamily)) != 0;
}

/// <summary>What the invocation does with the sockets it selects.</summary>
public enum QueryMode
{
    /// <summary>List the selected sockets (ss without -s, -K, -E or -D).</summary>
    List,
    /// <summary>-s alone: print the /proc/net/sockstat summary only.</summary>
    Summary,
    /// <summary>-K: close the selected sockets and list the ones closed.</summary>
    Kill,
    /// <summary>-E: print socket destruction events as they happen.</summary>
    Events,
    /// <summary>-D FILE: write the raw TCP dump instead of listing.</summary>
    Dump,
}

/// <summary>The display switches of an invocation (ss's global show_* flags).</summary>
public sealed record ShowOptions
{
    /// <summary>-n: no service or host names.</summary>
    public bool Numeric { get; init; }

    /// <summary>-r: resolve host names.</summary>
    public bool Resolve { get; init; }

    /// <summary>-o, also implied by -e and -b.</summary>
    public bool Options { get; init; }

    /// <summary>-e.</summary>
    public bool Details { get; init; }

    /// <summary>-m.</summary>
    public bool Memory { get; init; }

    /// <summary>-i.</summary>
    public bool TcpInfo { get; init; }

    /// <summary>-p.</summary>
    public bool Processes { get; init; }

    /// <summary>-T.</summary>
    public bool Threads { get; init; }

    /// <summary>-b.</summary>
    public bool Bpf { get; init; }

    /// <summary>-Z.</summary>
    public bool ProcessContext { get; init; }

    /// <summary>-z.</summary>
    public bool SocketContext { get; init; }

    /// <summary>--tos.</summary>
    public bool Tos { get; init; }

    /// <summary>--cgroup.</summary>
    public bool Cgroup { get; init; }

    /// <summary>--inet-sockopt.</summary>
    public bool InetSockopt { get; init; }

    /// <summary>-O.</summary>
    public bool OneLine { get; init; }

    /// <summary>-H.</summary>
    public bool NoHeader { get; init; }

    /// <summary>-Q.</summary>
    public bool NoQueues { get; init; }

    /// <summary>--tipcinfo.</summary>
    public bool TipcInfo { get; init; }

    /// <summary>How many times -e was given (ss counts show_details).</summary>
    public int DetailsLevel { get; init; }
}
