namespace SsNotebook.Diag;

/// <summary>Everything one collection returned, in ss's table order.</summary>
/// <param name="Sockets">The sockets ss would list, in its order.</param>
/// <param name="Timestamp">When the collection started.</param>
public sealed record SocketSnapshot(IReadOnlyList<SocketRecord> Sockets, DateTimeOffset Timestamp)
{
    /// <summary>Messages ss would write to stderr while still succeeding (e.g. a cut TCPDIAG_FILE).</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];
}
