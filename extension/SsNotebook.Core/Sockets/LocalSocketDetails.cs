using System.Runtime.InteropServices;

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
    public uint VfsInode;
    public uint VfsDevice;

    /// <summary>The major number of <see cref="VfsDevice"/> as ss prints it (glibc's major() of a 32-bit dev_t).</summary>
    public uint VfsMajor => (VfsDevice >> 8) & 0xfff;

    /// <summary>The minor number of <see cref="VfsDevice"/> as ss prints it (glibc's minor() of a 32-bit dev_t).</summary>
    public uint VfsMinor => (VfsDevice & 0xff) | ((VfsDevice >> 12) & 0xfff00);

    /// <summary>UNIX_DIAG_ICONS: the inodes of the connections waiting on a listener (null when not sent).</summary>
    public uint[]? PendingConnections;
}

/// <summary>struct packet_diag_info.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct PacketInfo(uint InterfaceIndex, uint Version, uint ReserveSize, uint CopyThreshold, uint TpLoss, uint Flags);

/// <summary>struct packet_diag_ring.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct PacketRing(uint BlockSize, uint BlockCount, uint FrameSize, uint FrameCount, uint RetireTimeout, uint SizeofPriv, uint Features);

/// <summary>struct sock_filter: one classic BPF instruction (opcode, jump-if-true, jump-if-false, constant).</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct ClassicBpfInstruction(ushort Code, byte JumpTrue, byte JumpFalse, uint Constant);

/// <summary>A packet socket (PACKET_DIAG).</summary>
public sealed class PacketSocketDetails : LocalSocketDetails
{
    /// <summary>ETH_P_ALL: every protocol (ss shows it as "*").</summary>
    public const ushort AllProtocols = 3;

    /// <summary>pdiag_num: the ethertype bound, in host order (3 is ETH_P_ALL).</summary>
    public ushort Protocol;

    public PacketInfo? Info;
    public PacketRing? RxRing;
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

    public byte Protocol;
    public byte NetlinkState;

    /// <summary>ndiag_portid as ss reads it: an int, negative for kernel-assigned ids.</summary>
    public int PortId;

    public int DestinationPortId;
    public uint DestinationGroup;

    /// <summary>The first word of NETLINK_DIAG_GROUPS (0 when absent).</summary>
    public ulong Groups;

    /// <summary>The kernel addresses /proc/net/netlink shows (sk, and cb from its Dump column); 0 through sock_diag.</summary>
    public ulong ProcSk;
    public ulong ProcCallback;
}

/// <summary>A vsock socket (VSOCK_DIAG): everything comes from the fixed vsock_diag_msg.</summary>
public sealed class VsockSocketDetails : LocalSocketDetails
{
    /// <summary>VMADDR_CID_ANY / VMADDR_PORT_ANY: printed as "*".</summary>
    public const uint Any = uint.MaxValue;

    /// <summary>The socket type (SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5).</summary>
    public byte Type;

    public uint LocalCid;
    public uint LocalPort;
    public uint PeerCid;
    public uint PeerPort;
}

/// <summary>struct xdp_diag_umem.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct XdpUmem(ulong Size, uint Id, uint PageCount, uint ChunkSize, uint Headroom, uint InterfaceIndex, uint QueueId, uint Flags, uint References);

/// <summary>struct xdp_diag_stats.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct XdpStatistics(ulong RxDropped, ulong RxInvalid, ulong RxFull, ulong FillRingEmpty, ulong TxInvalid, ulong TxRingEmpty);

/// <summary>An AF_XDP socket (XDP_DIAG); the interface index is <see cref="SocketRecord.InterfaceIndex"/>.</summary>
public sealed class XdpSocketDetails : LocalSocketDetails
{
    public uint QueueId;
    public uint? RxRingEntries;
    public uint? TxRingEntries;
    public XdpUmem? Umem;
    public uint? FillRingEntries;
    public uint? CompletionRingEntries;
    public XdpStatistics? Statistics;
}

/// <summary>
/// The peer of a connected TIPC socket (TIPC_NLA_SOCK_CON): the peer's node and port reference, and the service
/// name (type, instance) it was connected through when <see cref="HasName"/> (TIPC_NLA_CON_FLAG) is set.
/// </summary>
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
