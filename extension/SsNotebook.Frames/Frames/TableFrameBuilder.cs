namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Table</c> frame: one row per socket with every column of the Sockets, Timers, Memory and TcpInfo
/// frames side by side (one Cookie, no join suffixes), the figures an investigation starts from first.
/// </summary>
/// <remarks>
/// The skmem and tcp_info columns are there when any socket has them, and always on an empty result, so code
/// written against a busy host runs unchanged on a quiet one. A socket without them is null in those columns.
/// </remarks>
internal static class TableFrameBuilder
{
    /// <summary>The columns that lead the Table, in this order, when present; the others follow in their frame's order.</summary>
    public static IReadOnlyList<string> LeadingColumns { get; } =
    [
        "Netid", "State", "LocalAddress", "LocalPort", "PeerAddress", "PeerPort", "Process", "Pid",
        "ProcessContext", "SocketContext",
        "rtt", "rttvar", "min_rtt", "snd_cwnd", "snd_ssthresh", "bytes_acked", "bytes_received", "delivery_rate",
        "pacing_rate", "total_retrans", "RecvQ", "SendQ", "notsent_bytes", "congestion", "Interface",
    ];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, ProcessTable? processes, InterfaceNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        var frame = SocketFrameBuilder.Build(sockets, processes, names);
        TimerFrameBuilder.AddColumns(frame, sockets);
        if (sockets.Count == 0 || sockets.Any(socket => socket.Has(SocketAttributes.SkMemInfo)))
        {
            MemoryFrameBuilder.AddColumns(frame, sockets);
        }
        TcpInfoFrameBuilder.AddColumns(frame, sockets, fullSchemaWhenNone: sockets.Count == 0);
        return FrameColumns.Reordered(frame, LeadingColumns);
    }
}
