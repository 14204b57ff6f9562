using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Everything one collection returned, in ss's table order.</summary>
public sealed record SocketSnapshot(IReadOnlyList<SocketRecord> Sockets, DateTimeOffset Timestamp);

/// <summary>
/// Collects the sockets an <see cref="SsQuery"/> selects: sock_diag over netlink, /proc/net where ss falls back
/// to it, TCPDIAG_FILE replays. Kernel-side filtering (state mask, bytecode) happens here; the user-space
/// filter is applied here too, so callers get exactly the sockets ss would print.
/// </summary>
public sealed class SocketCollector(SsEnvironment environment)
{
    public SsEnvironment Environment { get; } = environment;

    public SocketSnapshot Collect(SsQuery query) =>
        throw new NotImplementedException("owned by the collector work: Netlink/ and Diag/");
}
