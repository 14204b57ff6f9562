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
}
