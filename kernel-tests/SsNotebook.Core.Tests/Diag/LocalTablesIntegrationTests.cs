using System.Net.Sockets;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>Unix, packet and netlink sockets made in a private namespace, listed through our sock_diag collector.</summary>
public sealed class LocalTablesIntegrationTests : IDisposable
{
    private const ulong LocalFamilies = (1UL << 1) | (1UL << 16) | (1UL << 17);
    private static readonly StateSet AllStates = new(0x1fff & ~(1u << 12));

    private readonly TestNamespace _namespace = new("ssn-families");

    public void Dispose() => _namespace.Dispose();

    private SocketSnapshot Collect(TableSet tables, StateSet states, SsNotebook.Filter.SocketFilter? filter = null) =>
        new SocketCollector(new SsEnvironment()).Collect(new SsQuery
        {
            Tables = tables,
            States = states,
            Families = LocalFamilies,
            Show = new ShowOptions { Details = true, Memory = true },
            NetworkNamespace = _namespace.Name,
            Filter = filter,
        });

    [Fact]
    public void ListsAbstractUnixListenerAndItsConnection()
    {
        var name = "ssn-it-" + Guid.NewGuid().ToString("N")[..8];
        var listener = _namespace.CreateSocket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        listener.Listen(5);
        var client = _namespace.CreateSocket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint("\0" + name));
        var server = _namespace.Own(listener.Accept());
        client.Send("hi"u8);
        var listenerInode = TestNamespace.InodeOf(listener);
        var clientInode = TestNamespace.InodeOf(client);
        var serverInode = TestNamespace.InodeOf(server);

        var sockets = Collect(TableSet.Of(SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket), AllStates).Sockets;

        var listening = Assert.Single(sockets, s => s.Inode == listenerInode);
        Assert.Equal(SocketState.Listen, listening.State);
        Assert.Equal("@" + name, ((UnixSocketDetails)listening.Local!).Name);
        Assert.Equal(0u, listening.RecvQ);
        Assert.Equal(5u, listening.SendQ);
        Assert.True(listening.Has(SocketAttributes.SkMemInfo));
        var accepted = Assert.Single(sockets, s => s.Inode == serverInode);
        Assert.Equal(SocketState.Established, accepted.State);
        Assert.Equal(2u, accepted.RecvQ);
        Assert.Equal(clientInode, ((UnixSocketDetails)accepted.Local!).PeerInode);
        Assert.Equal("@" + name, ((UnixSocketDetails)accepted.Local!).Name);
        var connecting = Assert.Single(sockets, s => s.Inode == clientInode);
        Assert.Null(((UnixSocketDetails)connecting.Local!).Name);
        Assert.Equal(serverInode, ((UnixSocketDetails)connecting.Local!).PeerInode);

        var onlyListening = Collect(TableSet.Of(SocketTable.UnixStream), StateSet.Of(SocketState.Listen)).Sockets;
        Assert.Contains(onlyListening, s => s.Inode == listenerInode);
        Assert.DoesNotContain(onlyListening, s => s.Inode == serverInode);
        Assert.DoesNotContain(Collect(TableSet.Of(SocketTable.UnixDgram), AllStates).Sockets, s => s.Inode == listenerInode);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static extern int NativeSocketCall(int domain, int type, int protocol);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static extern int NativeConnect(int fd, byte[] address, int length);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static extern int NativeBind(int fd, byte[] address, int length);

    private static nint NativeSocket(int domain, int type, int protocol) => NativeSocketCall(domain, type, protocol);

    private static uint InodeOfDescriptor(nint fd)
    {
        var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget!;
        return uint.Parse(target.AsSpan(8, target.Length - 9), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void ListsPacketAndNetlinkSockets()
    {
        // ETH_P_IP in network order, as socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP)) takes it.
        var packet = _namespace.CreateSocket(AddressFamily.Packet, SocketType.Dgram, (ProtocolType)0x0008);
        // .NET has no AddressFamily for netlink: socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC) through libc.
        var netlinkFd = _namespace.Run(() => NativeSocket(16, 3, 16));
        Assert.True(netlinkFd >= 0);
        // Only bound netlink sockets are in the kernel's table: sockaddr_nl with pid 0 asks for an automatic port id.
        Assert.Equal(0, NativeBind((int)netlinkFd, [16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 12));
        var netlink = _namespace.Own(new SafeSocketHandle(netlinkFd, ownsHandle: true));
        // A second one connected to the kernel (port id 0, no group): NETLINK_CONNECTED with destination 0:0.
        var connectedFd = _namespace.Run(() => NativeSocket(16, 3, 16));
        Assert.True(connectedFd >= 0);
        var connected = _namespace.Own(new SafeSocketHandle(connectedFd, ownsHandle: true));
        Assert.Equal(0, NativeConnect((int)connectedFd, [16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 12));
        var connectedInode = InodeOfDescriptor(connected.DangerousGetHandle());
        var packetInode = TestNamespace.InodeOf(packet);
        var netlinkInode = InodeOfDescriptor(netlink.DangerousGetHandle());

        var sockets = Collect(TableSet.Of(SocketTable.Netlink, SocketTable.PacketRaw, SocketTable.PacketDgram), AllStates).Sockets;

        var packetRecord = Assert.Single(sockets, s => s.Inode == packetInode);
        Assert.Equal(SocketTable.PacketDgram, packetRecord.Table);
        Assert.Equal(SocketState.Close, packetRecord.State);
        Assert.Equal((ushort)0x0800, ((PacketSocketDetails)packetRecord.Local!).Protocol);
        Assert.Equal(0u, packetRecord.InterfaceIndex);
        var netlinkRecord = Assert.Single(sockets, s => s.Inode == netlinkInode);
        Assert.Equal(SocketTable.Netlink, netlinkRecord.Table);
        Assert.Equal(16, ((NetlinkSocketDetails)netlinkRecord.Local!).Protocol);
        // An unconnected socket keeps the TCP_CLOSE (7) that sock_init_data gave it; only connect() sets NETLINK_CONNECTED.
        Assert.Equal(7, ((NetlinkSocketDetails)netlinkRecord.Local!).NetlinkState);
        var connectedRecord = (NetlinkSocketDetails)Assert.Single(sockets, s => s.Inode == connectedInode).Local!;
        Assert.Equal(NetlinkSocketDetails.StateConnected, connectedRecord.NetlinkState);
        Assert.Equal((0u, 0), (connectedRecord.DestinationGroup, connectedRecord.DestinationPortId));
        // Netlink dumps come first, then packet (ss's order).
        Assert.True(sockets.ToList().IndexOf(netlinkRecord) < sockets.ToList().IndexOf(packetRecord));
        // Neither table is dumped when UNCONN is not wanted.
        Assert.Empty(Collect(TableSet.Of(SocketTable.Netlink, SocketTable.PacketDgram), StateSet.Of(SocketState.Listen)).Sockets);
    }
}
