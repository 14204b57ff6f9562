using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Everything one collection returned, in ss's table order.</summary>
/// <param name="Diagnostics">Messages ss would write to stderr while still succeeding (e.g. a cut TCPDIAG_FILE).</param>
public sealed record SocketSnapshot(IReadOnlyList<SocketRecord> Sockets, DateTimeOffset Timestamp)
{
    public IReadOnlyList<string> Diagnostics { get; init; } = [];
}
