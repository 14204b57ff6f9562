using SsNotebook.Filter;
using SsNotebook.Sockets;

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

    public ShowOptions Show { get; init; } = new();

    public QueryMode Mode { get; init; } = QueryMode.List;

    /// <summary>-N NAME: the network namespace (a name under /var/run/netns) to look into.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>-D FILE (or "-" for stdout): where to write the raw TCP dump.</summary>
    public string? DumpFile { get; init; }

    public bool HasFamily(int addressFamily) => (Families & (1UL << addressFamily)) != 0;
}

/// <summary>What the invocation does with the sockets it selects.</summary>
public enum QueryMode
{
    List,
    Summary,
    Kill,
    Events,
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
}
