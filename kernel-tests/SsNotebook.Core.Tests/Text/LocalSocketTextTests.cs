using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Text;

public class LocalSocketTextTests
{
    private static readonly StateSet AllStates = new(0x1fff & ~(1u << 12));

    private static SsQuery Query(TableSet tables, ShowOptions? show = null, StateSet? states = null) => new()
    {
        Tables = tables,
        States = states ?? AllStates,
        Families = (1UL << 1) | (1UL << 16) | (1UL << 17),
        Show = show ?? new ShowOptions { Numeric = true },
    };

    private static SocketRecord Unix(SocketTable table, SocketState state, uint inode, string? name, uint peer, uint recvQ = 0, uint sendQ = 0) => new()
    {
        Table = table,
        Family = 1,
        State = state,
        Inode = inode,
        RecvQ = recvQ,
        SendQ = sendQ,
        Local = new UnixSocketDetails { Name = name, PeerInode = peer },
    };

    [Fact]
    public void UnixListingMatchesSs()
    {
        var sockets = new[]
        {
            Unix(SocketTable.UnixStream, SocketState.Listen, 1761099, "/run/ssconf/24501.sock", 0, 0, 5),
            Unix(SocketTable.UnixStream, SocketState.Established, 1761106, null, 1761105),
            Unix(SocketTable.UnixDgram, SocketState.Close, 1761103, "@ssconf-dgram", 0),
        };
        var text = TextTestSupport.Render(Query(TableSet.Of(SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket)), sockets);
        Assert.Equal(
            "Netid State  Recv-Q Send-Q          Local Address:Port    Peer Address:Port   \n" +
            "u_str LISTEN 0      5      /run/ssconf/24501.sock 1761099            * 0      \n" +
            "u_str ESTAB  0      0                           * 1761106            * 1761105\n" +
            "u_dgr UNCONN 0      0               @ssconf-dgram 1761103            * 0      \n",
            text);
    }

    [Fact]
    public void UnixDetailsAndMemory()
    {
        var socket = Unix(SocketTable.UnixStream, SocketState.Established, 7, "/s", 8, 300);
        socket.Shutdown = 0;
        socket.Present = SocketAttributes.Shutdown | SocketAttributes.SkMemInfo;
        socket.SkMemInfo = new SkMemInfo(0, 212992, 0, 212992, 0, 0, 0, 0, 0, 9);
        var unix = (UnixSocketDetails)socket.Local!;
        unix.HasVfs = true;
        unix.VfsInode = 968451;
        unix.VfsDevice = 0x0FE00000;
        unix.PendingConnections = [11, 12];
        var text = TextTestSupport.Render(
            Query(TableSet.Of(SocketTable.UnixStream), new ShowOptions { Numeric = true, Details = true, Memory = true, NoHeader = true },
                StateSet.Of(SocketState.Established)),
            [socket]);
        Assert.Equal("300    0      /s 7 * 8 skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d0) <-> ino:968451 dev:0/65024 peers: 11 12\n", text);
    }

    [Fact]
    public void PacketSockets()
    {
        var all = new SocketRecord
        {
            Table = SocketTable.PacketRaw,
            Family = 17,
            State = SocketState.Close,
            InterfaceIndex = 1,
            Inode = 5,
            Cookie = 0x2a,
            Local = new PacketSocketDetails { Protocol = 3 },
        };
        var ip = new SocketRecord
        {
            Table = SocketTable.PacketDgram,
            Family = 17,
            State = SocketState.Close,
            Inode = 6,
            Uid = 1000,
            Local = new PacketSocketDetails
            {
                Protocol = 0x0800,
                Info = new PacketInfo(0, 2, 0, 0, 0, 0x3),
                Fanout = 0x00010007,
            },
        };
        var tables = TableSet.Of(SocketTable.PacketRaw, SocketTable.PacketDgram);
        Assert.Equal(
            "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            "p_raw UNCONN 0      0                  *:lo               *    \n" +
            "p_dgr UNCONN 0      0             [2048]:*                *    \n",
            TextTestSupport.Render(Query(tables), [all, ip]));
        Assert.Equal(
            "p_dgr UNCONN 0      0      ip:* * ino:6 sk:0 uid:1000 ver:2 cpy_thresh:0 flags( running auxdata ) fanout(id:7,type:lb)\n"
                .Replace(" ino:6 sk:0 uid:1000", " uid:1000 ino:6 sk:0", StringComparison.Ordinal),
            TextTestSupport.Render(Query(tables, new ShowOptions { Details = true, OneLine = true, NoHeader = true }), [ip]));
    }

    [Fact]
    public void PacketFiltersPrintAsSsListsThem()
    {
        ClassicBpfInstruction[] filter = [new(0x28, 0, 0, 12), new(0x15, 0, 1, 2048), new(0x06, 0, 0, uint.MaxValue)];
        var filtered = new SocketRecord
        {
            Table = SocketTable.PacketRaw,
            Family = 17,
            State = SocketState.Close,
            Inode = 6,
            Local = new PacketSocketDetails { Protocol = 0x0800, Filter = filter },
        };
        var show = new ShowOptions { Bpf = true, OneLine = true, NoHeader = true };
        Assert.Equal(
            "UNCONN 0      0      ip:* * bpf filter (3):  0x28 0 0 12, 0x15 0 1 2048, 0x06 0 0 4294967295,\n",
            TextTestSupport.Render(Query(TableSet.Of(SocketTable.PacketRaw), show), [filtered]));
    }

    [Fact]
    public void NetlinkSockets()
    {
        SocketRecord Netlink(byte protocol, int portId, byte state = 0, uint group = 0, int peer = 0) => new()
        {
            Table = SocketTable.Netlink,
            Family = 16,
            State = SocketState.Close,
            Local = new NetlinkSocketDetails { Protocol = protocol, PortId = portId, NetlinkState = state, DestinationGroup = group, DestinationPortId = peer },
        };
        var sockets = new[] { Netlink(0, 0), Netlink(4, -1), Netlink(16, -77), Netlink(99, 0, state: NetlinkSocketDetails.StateConnected, group: 3, peer: 12), Netlink(98, 0, state: 2, group: 3, peer: 12) };
        Assert.Equal(
            "   rtnl:kernel  *  \n" +
            "tcpdiag:*       *  \n" +
            "   genl:-77     *  \n" +
            "     99:kernel 3:12\n" +
            "     98:kernel  *  \n",
            TextTestSupport.Render(Query(TableSet.Of(SocketTable.Netlink), new ShowOptions { NoHeader = true, NoQueues = true },
                StateSet.Of(SocketState.Close)), sockets));
        Assert.Equal("0:0 *\n", TextTestSupport.Render(
            Query(TableSet.Of(SocketTable.Netlink), new ShowOptions { Numeric = true, NoHeader = true, NoQueues = true, Details = true },
                StateSet.Of(SocketState.Close)), [sockets[0]]));
    }

    [Fact]
    public void VsockSockets()
    {
        var listener = new SocketRecord
        {
            Table = SocketTable.VsockStream,
            Family = 40,
            State = SocketState.Listen,
            Inode = 1,
            Local = new VsockSocketDetails { Type = 1, LocalCid = uint.MaxValue, LocalPort = 5555, PeerCid = 0, PeerPort = uint.MaxValue },
        };
        var datagram = new SocketRecord
        {
            Table = SocketTable.VsockDgram,
            Family = 40,
            State = SocketState.Close,
            Inode = 2,
            Local = new VsockSocketDetails { Type = 2, LocalCid = 3, LocalPort = 1024, PeerCid = 2, PeerPort = 9 },
        };
        Assert.Equal(
            "v_str LISTEN *:5555 0:*\n" +
            "v_dgr UNCONN 3:1024 2:9\n",
            TextTestSupport.Render(Query(TableSet.Of(SocketTable.VsockStream, SocketTable.VsockDgram),
                new ShowOptions { NoHeader = true, NoQueues = true }), [listener, datagram]));
    }

    [Fact]
    public void XdpDetails()
    {
        var socket = new SocketRecord
        {
            Table = SocketTable.Xdp,
            Family = 44,
            State = SocketState.Close,
            Inode = 9,
            Cookie = 0x10,
            InterfaceIndex = 1,
            Local = new XdpSocketDetails
            {
                QueueId = 2,
                RxRingEntries = 8,
                Umem = new XdpUmem(4096, 1, 2, 2048, 0, 1, 2, 1, 3),
                FillRingEntries = 16,
                Statistics = new XdpStatistics(1, 2, 3, 4, 5, 6),
            },
        };
        Assert.Equal(
            "lo:q2 * ino:9 sk:10 rx(entries:8) tumem(id:1,size:4096,num_pages:2,chunk_size:2048,headroom:0,ifindex:1,qid:2,zc:1,refs:3) fr(entries:16)"
                + " stats(rx dropped:1,rx invalid:2,rx queue full:3,rx fill ring empty:4,tx invalid:5,tx ring empty:6)\n",
            TextTestSupport.Render(Query(TableSet.Of(SocketTable.Xdp), new ShowOptions { NoHeader = true, NoQueues = true, Details = true, OneLine = true },
                StateSet.Of(SocketState.Close)), [socket]));
    }
}
