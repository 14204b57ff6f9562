namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Packet</c> frame: one row per packet socket with what PACKET_DIAG tells — the protocol (its
/// number and ss's name), the bound interface, packet_diag_info (<c>ver</c>, <c>cpy_thresh</c>, the flags), the
/// rx and tx rings, the fanout group and the classic BPF filter, named as ss prints them with <c>-e</c> and <c>-b</c>.
/// </summary>
internal static class PacketFrameBuilder
{
    private static readonly string[] RingFields = ["blk_size", "blk_nr", "frm_size", "frm_nr", "tmo", "features"];

    /// <param name="sockets">The sockets; only those of this kind get a row.</param>
    /// <param name="names">The invocation's interface names (its -N namespace's, or a replay's recorded ones); null:
    /// this machine's.</param>
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, InterfaceNames? names = null) =>
        FrameColumns.OfKind<PacketSocketDetails>(sockets, (columns, packets) => AddColumns(columns, packets, new InterfaceCells(names)));

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets, InterfaceCells interfaces)
    {
        var protocol = columns.Of<ushort>("Protocol");
        var protocolName = columns.Strings("ProtocolName");
        var interfaceName = columns.Strings("Interface");
        var version = columns.Of<uint>("ver");
        var copyThreshold = columns.Of<uint>("cpy_thresh");
        var flags = columns.Each<bool>(DetailNames.PacketInfoFlags);
        var rx = RingColumns(columns, "ring_rx_");
        var tx = RingColumns(columns, "ring_tx_");
        var fanoutId = columns.Of<ushort>("fanout_id");
        var fanoutType = columns.Strings("fanout_type");
        var filterLength = columns.Of<int>("filter_len");
        var filter = columns.Strings("filter");
        var protocolNames = new Dictionary<ushort, string>();
        for (var row = 0; row < sockets.Count; row++)
        {
            var socket = sockets[row];
            var packet = (PacketSocketDetails)socket.Local!;
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
            SetRing(rx, row, packet.RxRing);
            SetRing(tx, row, packet.TxRing);
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
    }

    /// <summary>The ring_rx(…) or ring_tx(…) fields (struct packet_diag_ring): the next six columns, named
    /// <paramref name="prefix"/> and the field.</summary>
    private static FrameColumnBuilder<uint>[] RingColumns(FrameColumnSet columns, string prefix) =>
        columns.Each<uint>(RingFields.Select(field => prefix + field));

    /// <summary>Row <paramref name="row"/> of a ring's columns; null without a ring.</summary>
    private static void SetRing(FrameColumnBuilder<uint>[] fields, int row, PacketRing? ring)
    {
        if (ring is { } value)
        {
            fields.Set(row, value.BlockSize, value.BlockCount, value.FrameSize, value.FrameCount, value.RetireTimeout, value.Features);
        }
    }
}
