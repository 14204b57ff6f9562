using SsNotebook.Processes;
using SsNotebook.Sockets;

namespace SsNotebook.Sampling;

/// <summary>One collection of a sampling run: its sockets exactly as the collector returned them.</summary>
public sealed record Sample(int Index, DateTimeOffset Timestamp, IReadOnlyList<SocketRecord> Sockets, ProcessTable? Processes)
{
    public IReadOnlyList<string> Diagnostics { get; init; } = [];
}
