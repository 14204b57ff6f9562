namespace SsNotebook.Sockets;

/// <summary>
/// The address family numbers (AF_* of linux/socket.h) that ss selects by and sock_diag replies carry, as in
/// <see cref="SocketRecord.Family"/> and in family masks (bit 1 &lt;&lt; AF_*).
/// </summary>
public static class AddressFamilies
{
    /// <summary>AF_UNSPEC: no family (all families, in a request).</summary>
    public const byte Unspecified = 0;
    /// <summary>AF_UNIX: unix domain sockets (ss -x).</summary>
    public const byte Unix = 1;
    /// <summary>AF_INET: IPv4 (ss -4).</summary>
    public const byte Inet = 2;
    /// <summary>AF_INET6: IPv6 (ss -6).</summary>
    public const byte Inet6 = 10;
    /// <summary>AF_NETLINK: netlink sockets (ss --netlink).</summary>
    public const byte Netlink = 16;
    /// <summary>AF_PACKET: packet sockets (ss -0).</summary>
    public const byte Packet = 17;
    /// <summary>AF_TIPC: TIPC sockets (ss --tipc).</summary>
    public const byte Tipc = 30;
    /// <summary>AF_VSOCK: virtio sockets (ss --vsock).</summary>
    public const byte Vsock = 40;
    /// <summary>AF_XDP: XDP sockets (ss --xdp).</summary>
    public const byte Xdp = 44;

    /// <summary>The bit of <paramref name="family"/> in a family mask.</summary>
    public static ulong Mask(int family) => 1UL << family;
}
