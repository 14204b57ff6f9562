namespace SsNotebook.Recording;

/// <summary>Where and how a recording was made.</summary>
/// <param name="Host">The host name of the machine that recorded.</param>
/// <param name="KernelRelease">uname -r of that machine.</param>
/// <param name="Arguments">The ss arguments (without "ss"); replay parses them again to get the same query.</param>
/// <param name="Created">When recording started.</param>
public sealed record RecordingHeader(string Host, string KernelRelease, IReadOnlyList<string> Arguments, DateTimeOffset Created)
{
    /// <summary>What wrote the recording (informative only).</summary>
    public string Tool { get; init; } = "SsNotebook (ss 6.10)";
}

/// <summary>One raw netlink receive buffer of an inet dump, as the kernel sent it.</summary>
internal sealed record RecordedReply(SocketTable Table, byte Family, byte[] Buffer);

/// <summary>One process holding a socket inode (the -p data), kept so replay can show the same users.</summary>
internal readonly record struct RecordedHolder(uint Inode, SocketUser User);

/// <summary>
/// Everything one collection saw: the raw netlink replies, the sockets that came from /proc text instead (raw sockets
/// here: no raw_diag), the -p process holders of the listed sockets and the collector's diagnostics.
/// </summary>
internal sealed record RecordedSample(
    DateTimeOffset Timestamp,
    IReadOnlyList<RecordedReply> Replies,
    IReadOnlyList<SocketRecord> ProcRecords,
    IReadOnlyList<RecordedHolder>? Holders,
    IReadOnlyList<string> Diagnostics);

/// <summary>One replayed sample: the same snapshot and process table the live run had.</summary>
/// <param name="Snapshot">The sockets the live run collected, with its timestamp.</param>
/// <param name="Processes">The processes holding them (ss -p), or null when the run did not ask for them.</param>
public sealed record ReplayedSample(SocketSnapshot Snapshot, ProcessTable? Processes);

/// <summary>A recording turned back into what the collector returned, with the query its arguments give.</summary>
/// <param name="Header">Where, when and with which arguments it was recorded.</param>
/// <param name="Query">The query the recorded arguments parse to (addresses not resolved to names, no summary).</param>
/// <param name="Samples">The samples in recording order.</param>
/// <param name="Environment">The environment to render the samples' text in: the replay's, carrying the recorded
/// naming tables (services, protocols, port range, interfaces) when the recording has them (so nothing is read from
/// this machine's /etc or /proc).</param>
public sealed record ReplayedRecording(RecordingHeader Header, SsQuery Query, IReadOnlyList<ReplayedSample> Samples, SsEnvironment Environment);
