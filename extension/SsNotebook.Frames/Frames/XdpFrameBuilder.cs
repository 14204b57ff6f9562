namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Xdp</c> frame: one row per AF_XDP socket with its interface and queue, the entries of its rx, tx,
/// fill and completion rings, its umem and its statistics, named as ss prints them with <c>-e</c>
/// (<c>umem(id:…,size:…)</c> becomes <c>umem_id</c>, <c>umem_size</c>; <c>stats(rx dropped:…)</c> becomes <c>rx_dropped</c>).
/// </summary>
internal static class XdpFrameBuilder
{
    /// <summary>struct xdp_diag_umem's 32-bit fields after id, as ss labels them (its one 64-bit field, size, comes
    /// between id and these).</summary>
    private static readonly string[] UmemFields = ["num_pages", "chunk_size", "headroom", "ifindex", "qid", "zc", "refs"];

    private static readonly string[] StatisticsFields =
        ["rx_dropped", "rx_invalid", "rx_queue_full", "rx_fill_ring_empty", "tx_invalid", "tx_ring_empty"];

    /// <param name="sockets">The sockets; only those of this kind get a row.</param>
    /// <param name="names">The invocation's interface names (its -N namespace's, or a replay's recorded ones); null:
    /// this machine's.</param>
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, InterfaceNames? names = null) =>
        FrameColumns.OfKind<XdpSocketDetails>(sockets, (columns, xdps) => AddColumns(columns, xdps, new InterfaceCells(names)));

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets, InterfaceCells interfaces)
    {
        var interfaceName = columns.Strings("Interface");
        var queueId = columns.Of<uint>("QueueId");
        var rings = columns.Each<uint>(["rx_entries", "tx_entries", "fr_entries", "cr_entries"]);
        var umemId = columns.Of<uint>("umem_id");
        var umemSize = columns.Of<ulong>("umem_size");
        var umem = columns.Each<uint>(UmemFields.Select(field => "umem_" + field));
        var statistics = columns.Each<ulong>(StatisticsFields);
        for (var row = 0; row < sockets.Count; row++)
        {
            var socket = sockets[row];
            var xdp = (XdpSocketDetails)socket.Local!;
            interfaceName[row] = interfaces.Of(socket.InterfaceIndex);
            if (socket.InterfaceIndex != 0)
            {
                // ss shows the queue (q0) only for a bound socket.
                queueId.Set(row, xdp.QueueId);
            }
            // Each ring's entries, null for a ring the socket has not set up.
            rings[0].Set(row, xdp.RxRingEntries);
            rings[1].Set(row, xdp.TxRingEntries);
            rings[2].Set(row, xdp.FillRingEntries);
            rings[3].Set(row, xdp.CompletionRingEntries);
            if (xdp.Umem is { } u)
            {
                umemId.Set(row, u.Id);
                umemSize.Set(row, u.Size);
                umem.Set(row, u.PageCount, u.ChunkSize, u.Headroom, u.InterfaceIndex, u.QueueId, u.Flags & 1, u.References);
            }
            if (xdp.Statistics is { } s)
            {
                statistics.Set(row, s.RxDropped, s.RxInvalid, s.RxFull, s.FillRingEmpty, s.TxInvalid, s.TxRingEmpty);
            }
        }
    }
}
