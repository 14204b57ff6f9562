namespace SsNotebook.Sockets;

/// <summary>
/// What a non-inet socket carries beyond the common <see cref="SocketRecord"/> fields. Kept in one small side
/// object per record (<see cref="SocketRecord.Local"/>) so that inet records pay a single null reference for it.
/// </summary>
public abstract class LocalSocketDetails
{
    private protected LocalSocketDetails()
    {
    }
}

/// <summary>A unix socket (UNIX_DIAG): its name, its peer and the optional -e attributes.</summary>
public sealed class UnixSocketDetails : LocalSocketDetails
{
    /// <summary>The bound path or abstract name (NUL bytes shown as '@'); null when unnamed.</summary>
    public string? Name;

    /// <summary>UNIX_DIAG_PEER: the peer's inode, 0 without a peer.</summary>
    public uint PeerInode;

    /// <summary>True when UNIX_DIAG_VFS came: the inode and device of the bound path.</summary>
    public bool HasVfs;
    /// <summary>UNIX_DIAG_VFS: the inode of the bound path.</summary>
    public uint VfsInode;
    /// <summary>UNIX_DIAG_VFS: the device of the bound path, as the kernel encodes dev_t.</summary>
    public uint VfsDevice;

    /// <summary>The major number of <see cref="VfsDevice"/> as ss prints it (glibc's major() of a 32-bit dev_t).</summary>
    public uint VfsMajor => (VfsDevice >> 8) & 0xfff;

    /// <summary>The minor number of <see cref="VfsDevice"/> as ss prints it (glibc's minor() of a 32-bit dev_t).</summary>
    public uint VfsMinor => (VfsDevice & 0xff) | ((VfsDevice >> 12) & 0xfff00);

    /// <summary>UNIX_DIAG_ICONS: the inodes of the connections waiting on a listener (null when not sent).</summary>
    public uint[]? PendingConnections;
}

/// <summary>struct packet_diag_info: PACKET_DIAG_INFO of a packet socket.</summary>
/// <param name="InterfaceIndex">pdi_index: the interface it is bound to, 0 for all.</param>
/// <param name="Version">pdi_version: the PACKET_VERSION (TPACKET_V1 0, V2 1, V3 2).</param>
/// <param name="ReserveSize">pdi_reserve: PACKET_RESERVE headroom in bytes.</param>
/// <param name="CopyThreshold">pdi_copy_thresh: PACKET_COPY_THRESH.</param>
/// <param name="TpLoss">pdi_tstamp: PACKET_LOSS.</param>
/// <param name="Flags">pdi_flags: PDI_RUNNING, PDI_AUXDATA, PDI_ORIGDEV, PDI_VNETHDR, PDI_LOSS bits.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct PacketInfo(uint InterfaceIndex, uint Version, uint ReserveSize, uint CopyThreshold, uint TpLoss, uint Flags);

/// <summary>struct packet_diag_ring: one PACKET_MMAP ring.</summary>
/// <param name="BlockSize">pdr_block_size in bytes.</param>
/// <param name="BlockCount">pdr_block_nr.</param>
/// <param name="FrameSize">pdr_frame_size in bytes.</param>
/// <param name="FrameCount">pdr_frame_nr.</param>
/// <param name="RetireTimeout">pdr_retire_tmo in milliseconds (TPACKET_V3).</param>
/// <param name="SizeofPriv">pdr_sizeof_priv: private bytes per block (TPACKET_V3).</param>
/// <param name="Features">pdr_features: TP_FT_* bits.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct PacketRing(uint BlockSize, uint BlockCount, uint FrameSize, uint FrameCount, uint RetireTimeout, uint SizeofPriv, uint Features);

/// <summary>struct sock_filter: one classic BPF instruction (opcode, jump-if-true, jump-if-false, constant).</summary>
/// <param name="Code">The opcode (BPF_LD | BPF_H | BPF_ABS, …).</param>
/// <param name="JumpTrue">Instructions to skip when a jump's condition holds.</param>
/// <param name="JumpFalse">Instructions to skip when it does not.</param>
/// <param name="Constant">The operand (k).</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct ClassicBpfInstruction(ushort Code, byte JumpTrue, byte JumpFalse, uint Constant);

/// <summary>A packet socket (PACKET_DIAG).</summary>
public sealed class PacketSocketDetails : LocalSocketDetails
{
    /// <summary>ETH_P_ALL: every protocol (ss shows it as "*").</summary>
    public const ushort AllProtocols = 3;

    /// <summary>pdiag_num: the ethertype bound, in host order (3 is ETH_P_ALL).</summary>
    public ushort Protocol;

    /// <summary>PACKET_DIAG_INFO, null when not sent.</summary>
    public PacketInfo? Info;
    /// <summary>PACKET_DIAG_RX_RING: the receive ring of a PACKET_MMAP socket, null without one.</summary>
    public PacketRing? RxRing;
    /// <summary>PACKET_DIAG_TX_RING: the transmit ring, null without one.</summary>
    public PacketRing? TxRing;

    /// <summary>PACKET_DIAG_FANOUT: id in the low 16 bits, type in the high 16.</summary>
    public uint? Fanout;

    /// <summary>PACKET_DIAG_FILTER: the classic BPF program attached with SO_ATTACH_FILTER (null when none).</summary>
    public ClassicBpfInstruction[]? Filter;
}

/// <summary>A netlink socket (NETLINK_DIAG).</summary>
public sealed class NetlinkSocketDetails : LocalSocketDetails
{
    /// <summary>NETLINK_CONNECTED in ndiag_state (af_netlink.h: NETLINK_UNCONNECTED is 0, NETLINK_CONNECTED 1).</summary>
    public const byte StateConnected = 1;

    /// <summary>ndiag_protocol: the netlink protocol (NETLINK_ROUTE 0, NETLINK_SOCK_DIAG 4, …).</summary>
    public byte Protocol;
    /// <summary>ndiag_state: <see cref="StateConnected"/> or 0.</summary>
    public byte NetlinkState;

    /// <summary>ndiag_portid as ss reads it: an int, negative for kernel-assigned ids.</summary>
    public int PortId;

    /// <summary>ndiag_dst_portid: the port id it is connected to, 0 when unconnected.</summary>
    public int DestinationPortId;
    /// <summary>ndiag_dst_group: the multicast group it sends to, 0 for none.</summary>
    public uint DestinationGroup;

    /// <summary>The first word of NETLINK_DIAG_GROUPS (0 when absent).</summary>
    public ulong Groups;

    /// <summary>The kernel addresses /proc/net/netlink shows (sk, and cb from its Dump column); 0 through sock_diag.</summary>
    public ulong ProcSk;
    /// <summary>The cb address of /proc/net/netlink's Dump column; 0 through sock_diag.</summary>
    public ulong ProcCallback;
}

/// <summary>A vsock socket (VSOCK_DIAG): everything comes from the fixed vsock_diag_msg.</summary>
public sealed class VsockSocketDetails : LocalSocketDetails
{
    /// <summary>VMADDR_CID_ANY / VMADDR_PORT_ANY: printed as "*".</summary>
    public const uint Any = uint.MaxValue;

    /// <summary>The socket type (SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5).</summary>
    public byte Type;

    /// <summary>vdiag_src_cid: the local context id (<see cref="Any"/> for any).</summary>
    public uint LocalCid;
    /// <summary>vdiag_src_port: the local port (<see cref="Any"/> for any).</summary>
    public uint LocalPort;
    /// <summary>vdiag_dst_cid: the peer's context id (<see cref="Any"/> when unconnected).</summary>
    public uint PeerCid;
    /// <summary>vdiag_dst_port: the peer's port (<see cref="Any"/> when unconnected).</summary>
    public uint PeerPort;
}

/// <summary>struct xdp_diag_umem: an AF_XDP socket's UMEM.</summary>
/// <param name="Size">The UMEM size in bytes.</param>
/// <param name="Id">The UMEM id.</param>
/// <param name="PageCount">Pages it spans.</param>
/// <param name="ChunkSize">Bytes per chunk (frame).</param>
/// <param name="Headroom">Headroom bytes per chunk.</param>
/// <param name="InterfaceIndex">The interface of its zero-copy binding.</param>
/// <param name="QueueId">The queue of its zero-copy binding.</param>
/// <param name="Flags">XDP_DU_F_* flags (zero-copy).</param>
/// <param name="References">Sockets sharing it.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct XdpUmem(ulong Size, uint Id, uint PageCount, uint ChunkSize, uint Headroom, uint InterfaceIndex, uint QueueId, uint Flags, uint References);

/// <summary>struct xdp_diag_stats: an AF_XDP socket's drop counters, in descriptors.</summary>
/// <param name="RxDropped">Received frames dropped for lack of room.</param>
/// <param name="RxInvalid">Received descriptors that were invalid.</param>
/// <param name="RxFull">Times the receive ring was full.</param>
/// <param name="FillRingEmpty">Times the fill ring was empty.</param>
/// <param name="TxInvalid">Transmit descriptors that were invalid.</param>
/// <param name="TxRingEmpty">Times the transmit ring was empty.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct XdpStatistics(ulong RxDropped, ulong RxInvalid, ulong RxFull, ulong FillRingEmpty, ulong TxInvalid, ulong TxRingEmpty);

/// <summary>An AF_XDP socket (XDP_DIAG); the interface index is <see cref="SocketRecord.InterfaceIndex"/>.</summary>
public sealed class XdpSocketDetails : LocalSocketDetails
{
    /// <summary>xdiag_queue_id: the interface queue the socket is bound to.</summary>
    public uint QueueId;
    /// <summary>XDP_DIAG_RX_RING: the receive ring's entries, null without one.</summary>
    public uint? RxRingEntries;
    /// <summary>XDP_DIAG_TX_RING: the transmit ring's entries, null without one.</summary>
    public uint? TxRingEntries;
    /// <summary>XDP_DIAG_UMEM: the socket's UMEM, null when not sent.</summary>
    public XdpUmem? Umem;
    /// <summary>XDP_DIAG_UMEM_FILL_RING: the fill ring's entries, null without one.</summary>
    public uint? FillRingEntries;
    /// <summary>XDP_DIAG_UMEM_COMPLETION_RING: the completion ring's entries, null without one.</summary>
    public uint? CompletionRingEntries;
    /// <summary>XDP_DIAG_STATS: the socket's drop counters, null when not sent.</summary>
    public XdpStatistics? Statistics;
}

/// <summary>
/// The peer of a connected TIPC socket (TIPC_NLA_SOCK_CON): the peer's node and port reference, and the service
/// name (type, instance) it was connected through when <see cref="HasName"/> (TIPC_NLA_CON_FLAG) is set.
/// </summary>
/// <param name="Node">The peer's node address.</param>
/// <param name="Reference">The peer's port reference.</param>
/// <param name="HasName">Whether the connection was made through a service name.</param>
/// <param name="NameType">The service name's type, when <paramref name="HasName"/>.</param>
/// <param name="NameInstance">The service name's instance, when <paramref name="HasName"/>.</param>
public readonly record struct TipcConnection(uint Node, uint Reference, bool HasName, uint NameType, uint NameInstance);

/// <summary>A TIPC socket (TIPC's sock_diag reply: a TIPC_NLA_SOCK nest of generic-netlink-style attributes).</summary>
public sealed class TipcSocketDetails : LocalSocketDetails
{
    /// <summary>The socket type (SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_RDM 4, SOCK_SEQPACKET 5).</summary>
    public uint Type;

    /// <summary>TIPC_NLA_SOCK_ADDR: this node's TIPC address.</summary>
    public uint Node;

    /// <summary>TIPC_NLA_SOCK_REF: the socket's port reference on <see cref="Node"/>.</summary>
    public uint Reference;

    /// <summary>TIPC_NLA_SOCK_CON: set only for a connected socket.</summary>
    public TipcConnection? Connection;

    /// <summary>TIPC_NLA_SOCK_HAS_PUBL: the socket has published service names (never set with a connection).</summary>
    public bool HasPublications;

    /// <summary>TIPC_NLA_SOCK_STAT_DROP: messages the socket dropped.</summary>
    public uint Drops;

    /// <summary>TIPC_NLA_SOCK_STAT_LINK_CONG: a link the socket sends over is congested.</summary>
    public bool LinkCongested;

    /// <summary>TIPC_NLA_SOCK_STAT_CONN_CONG: the connection's send window is full.</summary>
    public bool ConnectionCongested;

    /// <summary>The congestion as <c>--tipcinfo</c>'s <c>cong:</c> names it: link (which wins), conn or none.</summary>
    public string Congestion => LinkCongested ? "link" : ConnectionCongested ? "conn" : "none";
}
