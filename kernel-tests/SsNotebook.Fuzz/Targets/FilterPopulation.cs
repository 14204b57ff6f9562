using System.Net;
using SsNotebook.Sockets;

namespace SsNotebook.Fuzz.Targets;

/// <summary>A fixed handful of sockets of every family, for evaluating filters that parsed.</summary>
public static class FilterPopulation
{
    public static IReadOnlyList<SocketRecord> Sockets { get; } =
    [
        Inet(SocketTable.Tcp, "127.0.0.1", 22, "127.0.0.2", 40001, SocketState.Established, mark: 0x15, device: 1),
        Inet(SocketTable.Tcp, "::1", 443, "::1", 50000, SocketState.Established, mark: 0x1234),
        Inet(SocketTable.Tcp, "::ffff:127.0.0.1", 8080, "::ffff:127.0.0.1", 40003, SocketState.Established),
        Inet(SocketTable.Tcp, "0.0.0.0", 22, "0.0.0.0", 0, SocketState.Listen),
        Inet(SocketTable.Udp, "::", 5353, "::", 0, SocketState.Close, device: 2),
        new()
        {
            Table = SocketTable.UnixStream, Family = 1, State = SocketState.Established, Inode = 77,
            Local = new UnixSocketDetails { Name = "@/tmp/.X11-unix/X0" },
        },
        new()
        {
            Table = SocketTable.PacketRaw, Family = 17, State = SocketState.Close, InterfaceIndex = 2,
            Local = new PacketSocketDetails { Protocol = 3 },
        },
        new()
        {
            Table = SocketTable.Netlink, Family = 16, State = SocketState.Close,
            Local = new NetlinkSocketDetails { Protocol = 0, PortId = -1234 },
        },
        new()
        {
            Table = SocketTable.VsockStream, Family = 40, State = SocketState.Listen,
            Local = new VsockSocketDetails { Type = 1, LocalCid = 3, LocalPort = 1024, PeerCid = VsockSocketDetails.Any, PeerPort = VsockSocketDetails.Any },
        },
    ];

    private static SocketRecord Inet(SocketTable table, string local, ushort localPort, string peer, ushort peerPort,
        SocketState state, uint mark = 0, uint device = 0)
    {
        var localAddress = InetAddress.FromIPAddress(IPAddress.Parse(local));
        return new SocketRecord
        {
            Table = table,
            Family = localAddress.Family,
            State = state,
            LocalAddress = localAddress,
            LocalPort = localPort,
            PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse(peer)),
            PeerPort = peerPort,
            Mark = mark,
            InterfaceIndex = device,
            CgroupId = 4242,
        };
    }
}
