using System.Buffers.Binary;
using System.Net;
using SsNotebook.Sockets;

namespace SsNotebook.Frames.Tests;

/// <summary>Hand-built records covering the shapes the frames must handle.</summary>
internal static class SampleSockets
{
    public static SocketRecord Listener() => new()
    {
        Table = SocketTable.Tcp,
        Family = AddressFamilies.Inet,
        State = SocketState.Listen,
        LocalAddress = InetAddress.FromIPAddress(IPAddress.Parse("127.0.0.1")),
        LocalPort = 8080,
        PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse("0.0.0.0")),
        PeerPort = 0,
        RecvQ = 0,
        SendQ = 4096,
        Uid = 1000,
        Inode = 4242,
        Cookie = 0x1234,
    };

    /// <summary>An established IPv6 connection with a retransmit timer, skmem and a 6.18-sized tcp_info from BBR.</summary>
    public static SocketRecord Connection()
    {
        var tcpInfoBytes = new byte[TcpInfo.KnownSize];
        tcpInfoBytes[0] = 1; // state
        tcpInfoBytes[6] = 0x97; // rcv_wscale 9, snd_wscale 7
        BinaryPrimitives.WriteUInt32LittleEndian(tcpInfoBytes.AsSpan(68), 1234); // rtt
        BinaryPrimitives.WriteUInt32LittleEndian(tcpInfoBytes.AsSpan(72), 567); // rttvar
        BinaryPrimitives.WriteUInt32LittleEndian(tcpInfoBytes.AsSpan(80), 10); // snd_cwnd
        BinaryPrimitives.WriteUInt64LittleEndian(tcpInfoBytes.AsSpan(120), 5_000_000_000); // bytes_acked
        BinaryPrimitives.WriteUInt64LittleEndian(tcpInfoBytes.AsSpan(160), 987_654_321); // delivery_rate
        BinaryPrimitives.WriteUInt16LittleEndian(tcpInfoBytes.AsSpan(240), 3); // total_rto
        var record = new SocketRecord
        {
            Table = SocketTable.Tcp,
            Family = AddressFamilies.Inet6,
            State = SocketState.Established,
            Timer = 1,
            Retransmits = 2,
            Expires = 204,
            LocalAddress = InetAddress.FromIPAddress(IPAddress.Parse("::1")),
            LocalPort = 22,
            PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse("::1")),
            PeerPort = 50000,
            RecvQ = 7,
            SendQ = 9,
            Uid = 0,
            Inode = 777,
            Cookie = 0xdeadbeefcafe,
            Present = SocketAttributes.SkMemInfo | SocketAttributes.TcpInfo | SocketAttributes.Congestion | SocketAttributes.Bbr,
            SkMemInfo = new SkMemInfo(1, 131072, 3, 87040, 5, 6, 7, 8, 9, 9),
            Congestion = "bbr",
            Bbr = new BbrInfo(0x10, 0x1, 4000, 739, 512),
        };
        record.SetTcpInfo(TcpInfo.Read(tcpInfoBytes));
        return record;
    }

    /// <summary>A UDP socket from an old kernel: skmem of 8 entries (no drops), a 104-byte tcp_info-less record.</summary>
    public static SocketRecord OldKernelUdp() => new()
    {
        Table = SocketTable.Udp,
        Family = AddressFamilies.Inet,
        State = SocketState.Close,
        LocalAddress = InetAddress.FromIPAddress(IPAddress.Parse("0.0.0.0")),
        LocalPort = 53,
        PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse("0.0.0.0")),
        Inode = 99,
        Cookie = 3,
        Present = SocketAttributes.SkMemInfo,
        SkMemInfo = new SkMemInfo(10, 20, 30, 40, 50, 60, 70, 80, 0, 8),
    };

    /// <summary>A unix stream listener at a path, with -e's VFS inode and device and two connections waiting.</summary>
    public static SocketRecord UnixListener() => new()
    {
        Table = SocketTable.UnixStream,
        State = SocketState.Listen,
        Inode = 5001,
        Cookie = 0x501,
        Present = SocketAttributes.Shutdown,
        Local = new UnixSocketDetails
        {
            Name = "/run/app.sock",
            HasVfs = true,
            VfsInode = 812,
            VfsDevice = 0x00100803, // major 8, minor 259 (glibc's split of a 32-bit dev_t)
            PendingConnections = [5003, 5004],
        },
    };

    /// <summary>Two ends of a socketpair: an abstract name and an unnamed peer, one end shut for sending.</summary>
    public static SocketRecord[] UnixPair() =>
    [
        new()
        {
            Table = SocketTable.UnixStream,
            State = SocketState.Established,
            Inode = 6001,
            Cookie = 0x601,
            Present = SocketAttributes.Shutdown,
            Shutdown = 2,
            Local = new UnixSocketDetails { Name = "@bus", PeerInode = 6002 },
        },
        new()
        {
            Table = SocketTable.UnixStream,
            State = SocketState.Established,
            Inode = 6002,
            Cookie = 0x602,
            Present = SocketAttributes.Shutdown,
            Shutdown = 1,
            Local = new UnixSocketDetails { PeerInode = 6001 },
        },
    ];

    /// <summary>A packet socket for IPv4 on interface 7 with info, an rx ring, a fanout group and a 2-instruction filter.</summary>
    public static SocketRecord Packet()
    {
        ClassicBpfInstruction[] filter = [new(0x28, 0, 0, 12), new(0x15, 0, 1, 2048)];
        return new SocketRecord
        {
            Table = SocketTable.PacketRaw,
            State = SocketState.Close,
            InterfaceIndex = 7,
            Inode = 7001,
            Cookie = 0x701,
            Local = new PacketSocketDetails
            {
                Protocol = 0x0800,
                Info = new PacketInfo(7, 2, 0, 1, 0, 0x1 | 0x4),
                RxRing = new PacketRing(4096, 2, 2048, 4, 60, 0, 1),
                Fanout = (3u << 16) | 42,
                Filter = filter,
            },
        };
    }

    /// <summary>A packet socket for every protocol, bound to no interface, without -e's attributes.</summary>
    public static SocketRecord PacketAll() => new()
    {
        Table = SocketTable.PacketDgram,
        State = SocketState.Close,
        Inode = 7002,
        Cookie = 0x702,
        Local = new PacketSocketDetails { Protocol = PacketSocketDetails.AllProtocols },
    };

    /// <summary>A route netlink socket connected to the kernel's group 0, port -4001, in groups 1 and 3.</summary>
    public static SocketRecord Netlink() => new()
    {
        Table = SocketTable.Netlink,
        State = SocketState.Close,
        Inode = 8001,
        Cookie = 0x801,
        Local = new NetlinkSocketDetails
        {
            Protocol = 0,
            PortId = -4001,
            Groups = 0x5,
            NetlinkState = NetlinkSocketDetails.StateConnected,
            DestinationGroup = 0,
            DestinationPortId = 0,
        },
    };

    /// <summary>An unconnected netlink socket of a protocol iproute2 has no name for.</summary>
    public static SocketRecord NetlinkUnnamed() => new()
    {
        Table = SocketTable.Netlink,
        State = SocketState.Close,
        Inode = 8002,
        Cookie = 0x802,
        Local = new NetlinkSocketDetails { Protocol = 31, PortId = 77 },
    };

    /// <summary>A vsock stream listener on any CID, port 1234.</summary>
    public static SocketRecord Vsock() => new()
    {
        Table = SocketTable.VsockStream,
        State = SocketState.Listen,
        Inode = 9001,
        Cookie = 0x901,
        Local = new VsockSocketDetails
        {
            Type = 1,
            LocalCid = VsockSocketDetails.Any,
            LocalPort = 1234,
            PeerCid = 3,
            PeerPort = VsockSocketDetails.Any,
        },
    };

    /// <summary>An AF_XDP socket on interface 7 queue 2 with rings, a zero-copy umem and statistics.</summary>
    public static SocketRecord Xdp() => new()
    {
        Table = SocketTable.Xdp,
        State = SocketState.Close,
        InterfaceIndex = 7,
        Inode = 10001,
        Cookie = 0xa01,
        Local = new XdpSocketDetails
        {
            QueueId = 2,
            RxRingEntries = 2048,
            TxRingEntries = 1024,
            Umem = new XdpUmem(1UL << 33, 5, 2_097_152, 4096, 256, 7, 2, 1, 1),
            FillRingEntries = 4096,
            CompletionRingEntries = 512,
            Statistics = new XdpStatistics(1, 2, 3, 4, 5, ulong.MaxValue),
        },
    };

    /// <summary>A TCP6 listener with every inet extra: tos/tclass/class_id, mark, cgroup, v6only, sockopt, md5 keys, TLS.</summary>
    public static SocketRecord InetExtras()
    {
        var record = Connection();
        record.Present |= SocketAttributes.Tos | SocketAttributes.TClass | SocketAttributes.ClassId | SocketAttributes.Mark
            | SocketAttributes.CgroupId | SocketAttributes.V6Only | SocketAttributes.Shutdown | SocketAttributes.SockOpt
            | SocketAttributes.Md5Sig | SocketAttributes.Ulp;
        record.Tos = 0x10;
        record.TClass = 0xb8;
        record.ClassId = 0x10002;
        record.Mark = 0x2a;
        record.CgroupId = 0xfeedfacecafe0001; // no cgroup has this inode number
        record.V6Only = 1;
        record.Shutdown = 3;
        record.SockOpt = 0x4 | 0x10 | 0x400; // freebind, mc_loop, defer_connect
        record.Md5Keys =
        [
            new Md5Key(AddressFamilies.Inet, 32, InetAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")), 0, "se cr,t\\"u8.ToArray()),
            new Md5Key(AddressFamilies.Inet6, 64, InetAddress.FromIPAddress(IPAddress.Parse("fe80::1")), 0, [0x01, (byte)'k']),
        ];
        record.Ulp = new UlpInfo("tls") { Tls = new TlsUlpInfo(0x0304, 52, 1, 7, true, false) };
        return record;
    }

    /// <summary>An MPTCP subflow's TCP socket (ULP mptcp) and the MPTCP socket with its mptcp_info.</summary>
    public static SocketRecord[] Mptcp()
    {
        var subflow = Connection();
        subflow.Cookie = 0xb01;
        subflow.Present |= SocketAttributes.Ulp;
        subflow.Ulp = new UlpInfo("mptcp") { MptcpSubflow = new MptcpSubflowInfo(0x1c1, 0xab, 0x12345, 1, 2, 0x1_0000_1000, 0x20, 0x30, 0x40, 0) };
        var info = new byte[MptcpInfo.Size];
        info[0] = 2; // subflows
        info[3] = 8; // subflows_max
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(8), 3); // fallback | remote_key
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(12), 0xbeef); // token
        BinaryPrimitives.WriteUInt64LittleEndian(info.AsSpan(16), 12345); // write_seq
        info[42] = 1; // csum_enabled
        BinaryPrimitives.WriteUInt64LittleEndian(info.AsSpan(56), 7_000_000_000); // bytes_sent
        info[80] = 3; // subflows_total
        BinaryPrimitives.WriteUInt32LittleEndian(info.AsSpan(92), 250); // last_ack_recv
        var mptcp = new SocketRecord
        {
            Table = SocketTable.Mptcp,
            Family = AddressFamilies.Inet,
            State = SocketState.Established,
            Cookie = 0xb02,
            Present = SocketAttributes.MptcpInfo,
            MptcpInfo = info,
        };
        return [subflow, mptcp];
    }

    /// <summary>A TIPC stream connection made through service name {18888,17}, congested on its link, and an RDM
    /// socket with publications.</summary>
    public static SocketRecord[] Tipc() =>
    [
        new()
        {
            Table = SocketTable.Tipc,
            State = SocketState.Established,
            Inode = 12001,
            Cookie = 0xc01,
            Local = new TipcSocketDetails
            {
                Type = 1,
                Node = 16777217,
                Reference = 4065531200,
                Connection = new TipcConnection(16777218, 1745093113, true, 18888, 17),
                Drops = 7,
                LinkCongested = true,
                ConnectionCongested = true,
            },
        },
        new()
        {
            Table = SocketTable.Tipc,
            State = SocketState.Close,
            Inode = 12002,
            Cookie = 0xc02,
            Local = new TipcSocketDetails { Type = 4, Node = 16777217, Reference = 9, HasPublications = true },
        },
    ];
}
