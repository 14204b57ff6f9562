namespace SsNotebook.Diag;

/// <summary>Builds the SOCK_DIAG_BY_FAMILY dump requests of the unix, packet, netlink, vsock, tipc and xdp tables as ss sends them.</summary>
internal static class LocalDiagRequest
{

    public const uint UnixShowName = 0x01;
    public const uint UnixShowVfs = 0x02;
    public const uint UnixShowPeer = 0x04;
    public const uint UnixShowIcons = 0x08;
    public const uint UnixShowRqlen = 0x10;
    public const uint UnixShowMemInfo = 0x20;

    public const uint PacketShowInfo = 0x01;
    public const uint PacketShowRingConfig = 0x04;
    public const uint PacketShowFanout = 0x08;
    public const uint PacketShowMemInfo = 0x10;
    public const uint PacketShowFilter = 0x20;

    public const uint NetlinkShowMemInfo = 0x01;
    public const uint NetlinkShowGroups = 0x02;

    /// <summary>NDIAG_PROTO_ALL: every netlink protocol in one dump.</summary>
    public const byte NetlinkProtocolAll = 255;

    /// <summary>unix_diag_req: NAME|PEER|RQLEN, +MEMINFO with -m, +VFS|ICONS with -e; the kernel filters the states.</summary>
    public static byte[] Unix(StateSet states, ShowOptions show, uint sequence = NetlinkDump.MagicSequence)
    {
        var flags = UnixShowName | UnixShowPeer | UnixShowRqlen;
        if (show.Memory)
        {
            flags |= UnixShowMemInfo;
        }
        if (show.Details)
        {
            flags |= UnixShowVfs | UnixShowIcons;
        }
        var builder = SockDiag.Request(AddressFamilies.Unix, 24, out var body, sequence: sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(body[4..], states.Mask);
        BinaryPrimitives.WriteUInt32LittleEndian(body[12..], flags);
        return builder.ToArray();
    }

    /// <summary>packet_diag_req: INFO|MEMINFO|FILTER|RING_CFG|FANOUT, whatever the options.</summary>
    public static byte[] Packet(uint sequence = NetlinkDump.MagicSequence)
    {
        var builder = SockDiag.Request(AddressFamilies.Packet, 20, out var body, sequence: sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..],
            PacketShowInfo | PacketShowMemInfo | PacketShowFilter | PacketShowRingConfig | PacketShowFanout);
        return builder.ToArray();
    }

    /// <summary>netlink_diag_req: every protocol, GROUPS|MEMINFO.</summary>
    public static byte[] Netlink(uint sequence = NetlinkDump.MagicSequence)
    {
        var builder = SockDiag.Request(AddressFamilies.Netlink, 20, out var body, sequence: sequence);
        body[1] = NetlinkProtocolAll;
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..], NetlinkShowGroups | NetlinkShowMemInfo);
        return builder.ToArray();
    }

    /// <summary>vsock_diag_req: the states only (the kernel filters them).</summary>
    public static byte[] Vsock(StateSet states, uint sequence = NetlinkDump.MagicSequence)
    {
        var builder = SockDiag.Request(AddressFamilies.Vsock, 24, out var body, sequence: sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(body[4..], states.Mask);
        return builder.ToArray();
    }

    /// <summary>tipc_sock_diag_req: the states only (the kernel filters them).</summary>
    public static byte[] Tipc(StateSet states, uint sequence = NetlinkDump.MagicSequence)
    {
        var builder = SockDiag.Request(AddressFamilies.Tipc, 8, out var body, sequence: sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(body[4..], states.Mask);
        return builder.ToArray();
    }

    /// <summary>xdp_diag_req: INFO|RING_CFG|UMEM|MEMINFO|STATS.</summary>
    public static byte[] Xdp(uint sequence = NetlinkDump.MagicSequence)
    {
        var builder = SockDiag.Request(AddressFamilies.Xdp, 20, out var body, sequence: sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(body[8..], 0x1f);
        return builder.ToArray();
    }
}
