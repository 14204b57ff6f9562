namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Packet</c> frame: one row per packet socket with what PACKET_DIAG tells — the protocol (its
/// number and ss's name), the bound interface, packet_diag_info (<c>ver</c>, <c>cpy_thresh</c>, the flags), the
/// rx and tx rings, the fanout group and the classic BPF filter, named as ss prints them with <c>-e</c> and <c>-b</c>.
/// </summary>
internal static class PacketFrameBuilder
{
    private static readonly string[] RingFields = ["blk_size", "blk_nr", "frm_size", "frm_nr", "tmo", "features"];

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "Cookie", "Inode", "Protocol", "ProtocolName", "Interface", "ver", "cpy_thresh", .. DetailNames.PacketInfoFlags,
        .. RingFields.Select(field => "ring_rx_" + field), .. RingFields.Select(field => "ring_tx_" + field),
        "fanout_id", "fanout_type", "filter_len", "filter",
    ];

    /// <param name="sockets">The sockets; only those of this kind get a row.</param>
    /// <param name="names">The invocation's interface names (its -N namespace's, or a replay's recorded ones); null:
    /// this machine's.</param>
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, InterfaceNames? names = null) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is PacketSocketDetails,
            (frame, packets) => AddColumns(frame, packets, names));

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets, InterfaceNames? names)
    {
        var count = sockets.Count;
        var inode = new FrameColumnBuilder<uint>(count);
        var protocol = new FrameColumnBuilder<ushort>(count);
        var protocolName = new string?[count];
        var protocolNames = new Dictionary<ushort, string>();
        var interfaceName = new string?[count];
        var interfaces = new InterfaceCells(names);
        var version = new FrameColumnBuilder<uint>(count);
        var copyThreshold = new FrameColumnBuilder<uint>(count);
        var flags = new FrameColumnBuilder<bool>[DetailNames.PacketInfoFlags.Count];
        for (var bit = 0; bit < flags.Length; bit++)
        {
            flags[bit] = new FrameColumnBuilder<bool>(count);
        }
        var rx = new RingColumns(count);
        var tx = new RingColumns(count);
        var fanoutId = new FrameColumnBuilder<ushort>(count);
        var fanoutType = new string?[count];
        var filterLength = new FrameColumnBuilder<int>(count);
        var filter = new string?[count];
        for (var row = 0; row < count; row++)
        {
            var socket = sockets[row];
            var packet = (PacketSocketDetails)socket.Local!;
            inode.Set(row, socket.Inode);
            protocol.Set(row, packet.Protocol);
            if (!protocolNames.TryGetValue(packet.Protocol, out var name))
            {
                name = LinkLayerProtocols.OfPacketSocket(packet.Protocol, numeric: false);
                protocolNames[packet.Protocol] = name;
            }
            protocolName[row] = name;
            interfaceName[row] = interfaces.Of(socket.InterfaceIndex);
            if (packet.Info is { } info)
            {
                version.Set(row, info.Version);
                copyThreshold.Set(row, info.CopyThreshold);
                for (var bit = 0; bit < flags.Length; bit++)
                {
                    flags[bit].Set(row, (info.Flags & (1u << bit)) != 0);
                }
            }
            rx.Set(row, packet.RxRing);
            tx.Set(row, packet.TxRing);
            if (packet.Fanout is { } fanout)
            {
                fanoutId.Set(row, (ushort)fanout);
                fanoutType[row] = DetailNames.FanoutType(fanout >> 16);
            }
            if (packet.Filter is { } program)
            {
                filterLength.Set(row, program.Length);
                filter[row] = DetailNames.PacketFilter(program);
            }
        }
        frame.Columns.Add(inode.ToColumn("Inode"));
        frame.Columns.Add(protocol.ToColumn("Protocol"));
        frame.Columns.Add(StringColumns.Of("ProtocolName", protocolName));
        frame.Columns.Add(StringColumns.Of("Interface", interfaceName));
        frame.Columns.Add(version.ToColumn("ver"));
        frame.Columns.Add(copyThreshold.ToColumn("cpy_thresh"));
        for (var bit = 0; bit < flags.Length; bit++)
        {
            frame.Columns.Add(flags[bit].ToColumn(DetailNames.PacketInfoFlags[bit]));
        }
        rx.AddTo(frame, "ring_rx_");
        tx.AddTo(frame, "ring_tx_");
        frame.Columns.Add(fanoutId.ToColumn("fanout_id"));
        frame.Columns.Add(StringColumns.Of("fanout_type", fanoutType));
        frame.Columns.Add(filterLength.ToColumn("filter_len"));
        frame.Columns.Add(StringColumns.Of("filter", filter));
    }

    /// <summary>The ring_rx(…) or ring_tx(…) fields (struct packet_diag_ring), null without a ring.</summary>
    private sealed class RingColumns(int rows)
    {
        private readonly FrameColumnBuilder<uint>[] _fields =
            [new(rows), new(rows), new(rows), new(rows), new(rows), new(rows)];

        public void Set(int row, PacketRing? ring)
        {
            if (ring is not { } value)
            {
                return;
            }
            _fields[0].Set(row, value.BlockSize);
            _fields[1].Set(row, value.BlockCount);
            _fields[2].Set(row, value.FrameSize);
            _fields[3].Set(row, value.FrameCount);
            _fields[4].Set(row, value.RetireTimeout);
            _fields[5].Set(row, value.Features);
        }

        public void AddTo(DataFrame frame, string prefix)
        {
            for (var field = 0; field < _fields.Length; field++)
            {
                frame.Columns.Add(_fields[field].ToColumn(prefix + RingFields[field]));
            }
        }
    }
}
