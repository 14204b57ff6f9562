namespace SsNotebook.Sockets;

/// <summary>
/// The address family numbers (AF_* of linux/socket.h) that ss selects by and sock_diag replies carry, as in
/// <see cref="SocketRecord.Family"/> and in family masks (bit 1 &lt;&lt; AF_*).
/// </summary>
public static class AddressFamilies
{
    public const byte Unspecified = 0;
    public const byte Unix = 1;
    public const byte Inet = 2;
    public const byte Inet6 = 10;
    public const byte Netlink = 16;
    public const byte Packet = 17;
    public const byte Tipc = 30;
    public const byte Vsock = 40;
    public const byte Xdp = 44;

    /// <summary>The bit of <paramref name="family"/> in a family mask.</summary>
    public static ulong Mask(int family) => 1UL << family;
}
