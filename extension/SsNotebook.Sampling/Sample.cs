namespace SsNotebook.Sampling;

/// <summary>One collection of a sampling run: its sockets exactly as the collector returned them.</summary>
/// <param name="Index">The sample's position in the run, from 0.</param>
/// <param name="Timestamp">When the collection started (UTC); every row of the sample in the Samples frame has
/// it.</param>
/// <param name="Sockets">The sockets ss would have listed, in ss's order.</param>
/// <param name="Processes">The processes holding them with -p, otherwise null.</param>
public sealed record Sample(int Index, DateTimeOffset Timestamp, IReadOnlyList<SocketRecord> Sockets, ProcessTable? Processes)
{
    /// <summary>What ss would have printed on stderr for this collection while still succeeding (e.g. a table the
    /// kernel refused to dump).</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];
}
