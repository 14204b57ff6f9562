namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Xdp</c> frame: one row per AF_XDP socket with its interface and queue, the entries of its rx, tx,
/// fill and completion rings, its umem and its statistics, named as ss prints them with <c>-e</c>
/// (<c>umem(id:…,size:…)</c> becomes <c>umem_id</c>, <c>umem_size</c>; <c>stats(rx dropped:…)</c> becomes <c>rx_dropped</c>).
/// </summary>
internal static class XdpFrameBuilder
{
    /// <summary>struct xdp_diag_umem's 32-bit fields as ss labels them; its one 64-bit field, size, comes second.</summary>
    private static readonly string[] UmemFields = ["id", "num_pages", "chunk_size", "headroom", "ifindex", "qid", "zc", "refs"];

    private static readonly string[] StatisticsFields =
        ["rx_dropped", "rx_invalid", "rx_queue_full", "rx_fill_ring_empty", "tx_invalid", "tx_ring_empty"];

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "Cookie", "Inode", "Interface", "QueueId", "rx_entries", "tx_entries", "fr_entries", "cr_entries",
        "umem_id", "umem_size", .. UmemFields.Skip(1).Select(field => "umem_" + field), .. StatisticsFields,
    ];

    /// <param name="sockets">The sockets; only those of this kind get a row.</param>
    /// <param name="names">The invocation's interface names (its -N namespace's, or a replay's recorded ones); null:
    /// this machine's.</param>
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, InterfaceNames? names = null) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is XdpSocketDetails,
            (frame, xdps) => AddColumns(frame, xdps, names));

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets, InterfaceNames? names)
    {
        var count = sockets.Count;
        var inode = new FrameColumnBuilder<uint>(count);
        var interfaceName = new string?[count];
        var interfaces = new InterfaceCells(names);
        var queueId = new FrameColumnBuilder<uint>(count);
        var rings = new[] { new FrameColumnBuilder<uint>(count), new(count), new(count), new(count) };
        var umemSize = new FrameColumnBuilder<ulong>(count);
        var umem = new FrameColumnBuilder<uint>[UmemFields.Length];
        for (var field = 0; field < umem.Length; field++)
        {
            umem[field] = new FrameColumnBuilder<uint>(count);
        }
        var statistics = new FrameColumnBuilder<ulong>[StatisticsFields.Length];
        for (var field = 0; field < statistics.Length; field++)
        {
            statistics[field] = new FrameColumnBuilder<ulong>(count);
        }
        for (var row = 0; row < count; row++)
        {
            var socket = sockets[row];
            var xdp = (XdpSocketDetails)socket.Local!;
            inode.Set(row, socket.Inode);
            interfaceName[row] = interfaces.Of(socket.InterfaceIndex);
            if (socket.InterfaceIndex != 0)
            {
                // ss shows the queue (q0) only for a bound socket.
                queueId.Set(row, xdp.QueueId);
            }
            rings[0].Set(row, xdp.RxRingEntries);
            rings[1].Set(row, xdp.TxRingEntries);
            rings[2].Set(row, xdp.FillRingEntries);
            rings[3].Set(row, xdp.CompletionRingEntries);
            if (xdp.Umem is { } u)
            {
                umem[0].Set(row, u.Id);
                umemSize.Set(row, u.Size);
                umem[1].Set(row, u.PageCount);
                umem[2].Set(row, u.ChunkSize);
                umem[3].Set(row, u.Headroom);
                umem[4].Set(row, u.InterfaceIndex);
                umem[5].Set(row, u.QueueId);
                umem[6].Set(row, u.Flags & 1);
                umem[7].Set(row, u.References);
            }
            if (xdp.Statistics is { } s)
            {
                statistics[0].Set(row, s.RxDropped);
                statistics[1].Set(row, s.RxInvalid);
                statistics[2].Set(row, s.RxFull);
                statistics[3].Set(row, s.FillRingEmpty);
                statistics[4].Set(row, s.TxInvalid);
                statistics[5].Set(row, s.TxRingEmpty);
            }
        }
        frame.Columns.Add(inode.ToColumn("Inode"));
        frame.Columns.Add(StringColumns.Of("Interface", interfaceName));
        frame.Columns.Add(queueId.ToColumn("QueueId"));
        frame.Columns.Add(rings[0].ToColumn("rx_entries"));
        frame.Columns.Add(rings[1].ToColumn("tx_entries"));
        frame.Columns.Add(rings[2].ToColumn("fr_entries"));
        frame.Columns.Add(rings[3].ToColumn("cr_entries"));
        frame.Columns.Add(umem[0].ToColumn("umem_id"));
        frame.Columns.Add(umemSize.ToColumn("umem_size"));
        for (var field = 1; field < umem.Length; field++)
        {
            frame.Columns.Add(umem[field].ToColumn("umem_" + UmemFields[field]));
        }
        for (var field = 0; field < statistics.Length; field++)
        {
            frame.Columns.Add(statistics[field].ToColumn(StatisticsFields[field]));
        }
    }
}
