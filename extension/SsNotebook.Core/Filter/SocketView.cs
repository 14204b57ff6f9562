namespace SsNotebook.Filter;

/// <summary>
/// How a filter sees a socket of any family, the way ss fills its per-socket record: the address family, and the
/// "ports" ss compares (a unix socket's local port is its inode, a packet socket's its interface index).
/// The family-specific values come from <see cref="SocketRecord.Local"/> (unix names and peers, packet and netlink
/// protocols, vsock cids and ports, netlink port ids, xdp queues).
/// </summary>
internal static class SocketView
{
    public static int Family(SocketRecord socket) => socket.Table switch
    {
        SocketTable.UnixStream or SocketTable.UnixDgram or SocketTable.UnixSeqpacket => AddressFamilies.Unix,
        SocketTable.PacketRaw or SocketTable.PacketDgram => AddressFamilies.Packet,
        SocketTable.Netlink => AddressFamilies.Netlink,
        SocketTable.VsockStream or SocketTable.VsockDgram => AddressFamilies.Vsock,
        SocketTable.Tipc => AddressFamilies.Tipc,
        SocketTable.Xdp => AddressFamilies.Xdp,
        _ => socket.Family,
    };

    public static bool IsInet(int family) => family is AddressFamilies.Inet or AddressFamilies.Inet6;

    /// <summary>The number ss compares with <c>sport</c>.</summary>
    public static long LocalPort(SocketRecord socket, int family) => family switch
    {
        AddressFamilies.Unix => socket.Inode,
        AddressFamilies.Packet => socket.InterfaceIndex,
        AddressFamilies.Netlink => (socket.Local as NetlinkSocketDetails)?.PortId ?? 0,
        AddressFamilies.Vsock => (socket.Local as VsockSocketDetails)?.LocalPort ?? 0,
        AddressFamilies.Xdp => (socket.Local as XdpSocketDetails)?.QueueId ?? 0,
        _ => socket.LocalPort,
    };

    /// <summary>The number ss compares with <c>dport</c>: a unix socket's peer inode, -1 for netlink.</summary>
    public static long RemotePort(SocketRecord socket, int family) => family switch
    {
        AddressFamilies.Unix => (socket.Local as UnixSocketDetails)?.PeerInode ?? 0,
        AddressFamilies.Packet => 0,
        AddressFamilies.Netlink => -1,
        AddressFamilies.Vsock => (socket.Local as VsockSocketDetails)?.PeerPort ?? 0,
        _ => socket.PeerPort,
    };

    /// <summary>A unix socket's bound name (abstract names start with '@'); null when unnamed.</summary>
    public static string? UnixName(SocketRecord socket) => (socket.Local as UnixSocketDetails)?.Name;

    /// <summary>The value a link/netlink/vsock host condition compares: the local ethertype or netlink protocol (ss
    /// leaves the remote one zero), or the vsock cid of that end; null for a family that does not carry one.</summary>
    public static uint? FamilyValue(SocketRecord socket, int family, bool local) => socket.Local switch
    {
        PacketSocketDetails packet => local ? packet.Protocol : 0u,
        NetlinkSocketDetails netlink => local ? netlink.Protocol : 0u,
        VsockSocketDetails vsock => local ? vsock.LocalCid : vsock.PeerCid,
        _ => null,
    };
}
