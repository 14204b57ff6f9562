using SsNotebook.Sockets;

namespace SsNotebook.Filter;

/// <summary>
/// How a filter sees a socket of any family, the way ss fills its per-socket record: the address family, and the
/// "ports" ss compares (a unix socket's local port is its inode, a packet socket's its interface index).
/// Fields that <see cref="SocketRecord"/> does not carry yet (unix names, packet and netlink protocols, vsock cids,
/// netlink pids) read as unknown here, in one place, so they slot in when the collector records them.
/// </summary>
internal static class SocketView
{
    public const int AfUnix = 1;
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int AfNetlink = 16;
    public const int AfPacket = 17;
    public const int AfTipc = 30;
    public const int AfVsock = 40;
    public const int AfXdp = 44;

    public static int Family(SocketRecord socket) => socket.Table switch
    {
        SocketTable.UnixStream or SocketTable.UnixDgram or SocketTable.UnixSeqpacket => AfUnix,
        SocketTable.PacketRaw or SocketTable.PacketDgram => AfPacket,
        SocketTable.Netlink => AfNetlink,
        SocketTable.VsockStream or SocketTable.VsockDgram => AfVsock,
        SocketTable.Tipc => AfTipc,
        SocketTable.Xdp => AfXdp,
        _ => socket.Family,
    };

    public static bool IsInet(int family) => family is AfInet or AfInet6;

    /// <summary>The number ss compares with <c>sport</c>.</summary>
    public static long LocalPort(SocketRecord socket, int family) => family switch
    {
        AfUnix => socket.Inode,
        AfPacket => socket.InterfaceIndex,
        _ => socket.LocalPort,
    };

    /// <summary>The number ss compares with <c>dport</c> (a unix socket's peer inode is not recorded yet: 0).</summary>
    public static long RemotePort(SocketRecord socket, int family) => family switch
    {
        AfUnix => 0,
        AfPacket => 0,
        _ => socket.PeerPort,
    };

    /// <summary>A unix socket's bound name (abstract names start with '@'); null when unnamed or not recorded.</summary>
    public static string? UnixName(SocketRecord socket) => null;

    /// <summary>The 32-bit value a link/netlink/vsock host condition compares (ethertype, netlink protocol, vsock
    /// cid); null while the record does not carry it.</summary>
    public static uint? FamilyValue(SocketRecord socket, int family, bool local) => null;
}
