using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SsNotebook.Interop;
using SsNotebook.Netlink;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>
/// A private namespace (<see cref="NamespaceSockets"/>) holding sockets of every table we can open from .NET, each
/// with details set: a unix listener with an accepted, half-closed connection and one waiting; a packet socket on
/// lo with a ring, a fanout group and a filter; two rtnetlink sockets, one connected to the other; a UDP socket with
/// tos, mark and freebind; an IPv6-only TCP listener with a traffic class; a TCP listener with an MD5 key; an MPTCP
/// connection. Everything is closed and the namespace deleted on dispose.
/// </summary>
internal sealed class DetailSockets : IDisposable
{
    public const int UdpPort = 40200;
    public const int V6OnlyPort = 40201;
    public const int Md5Port = 40202;
    public const int MptcpPort = 40203;
    public const uint NetlinkListenerPort = 4242;
    public const uint NetlinkConnectedPort = 4343;
    public const byte Tos = 0x10;
    public const byte TrafficClass = 0xb8;
    public const uint Mark = 0x2a;
    public const ushort FanoutId = 42;
    public const ushort FanoutCpu = 2;

    private const int SolSocket = 1;
    private const int SolPacket = 263;
    private const int SoMark = 36;
    private const int SoAttachFilter = 26;
    private const int IpFreebind = 15;
    private const int Ipv6Tclass = 67;
    private const int TcpMd5Sig = 14;
    private const int PacketRxRing = 5;
    private const int PacketFanout = 18;
    private const int IpProtoMptcp = 262;
    private const int AddressFamilyInet = 2;
    private const int SockStream = 1;

    private readonly NamespaceSockets _namespace = new();
    private readonly List<IDisposable> _owned = [];
    private readonly List<int> _descriptors = [];
    private readonly IntPtr _filterProgram = Marshal.AllocHGlobal(8);

    public DetailSockets()
    {
        UnixPath = Path.Combine(Path.GetTempPath(), $"{Name}.sock");
        try
        {
            NetworkNamespace.Run(Name, () =>
            {
                OpenUnix();
                OpenPacket();
                OpenNetlink();
                OpenInet();
                OpenMptcp();
                return 0;
            });
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name => _namespace.Name;

    public string UnixPath { get; }

    public uint UnixListenerInode { get; private set; }

    public uint UnixClientInode { get; private set; }

    public uint UnixServerInode { get; private set; }

    public uint UnixWaitingInode { get; private set; }

    public uint PacketInode { get; private set; }

    private void OpenUnix()
    {
        var listener = Own(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified));
        listener.Bind(new UnixDomainSocketEndPoint(UnixPath));
        listener.Listen(4);
        var client = Own(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified));
        client.Connect(new UnixDomainSocketEndPoint(UnixPath));
        var server = Own(listener.Accept());
        client.Shutdown(SocketShutdown.Send);
        var waiting = Own(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified));
        waiting.Connect(new UnixDomainSocketEndPoint(UnixPath));
        UnixListenerInode = InodeOf(listener);
        UnixClientInode = InodeOf(client);
        UnixServerInode = InodeOf(server);
        UnixWaitingInode = InodeOf(waiting);
    }

    private void OpenPacket()
    {
        // socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IP)) bound to lo (index 1 in a new namespace).
        var packet = Own(new Socket(AddressFamily.Packet, SocketType.Raw, (ProtocolType)0x0008));
        var address = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(address.AsSpan(2), 0x0800);
        BinaryPrimitives.WriteInt32LittleEndian(address.AsSpan(4), 1);
        packet.Bind(new RawEndPoint(AddressFamily.Packet, address));
        // tpacket_req: 2 blocks of 4096 bytes holding 4 frames of 2048.
        var ring = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(ring, 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(ring.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(ring.AsSpan(8), 2048);
        BinaryPrimitives.WriteUInt32LittleEndian(ring.AsSpan(12), 4);
        packet.SetRawSocketOption(SolPacket, PacketRxRing, ring);
        packet.SetRawSocketOption(SolPacket, PacketFanout, BitConverter.GetBytes(FanoutId | (FanoutCpu << 16)));
        // One instruction, "ret #0xffffffff" (accept everything), as struct sock_fprog { len; filter* }.
        Marshal.Copy(new byte[] { 0x06, 0, 0, 0, 0xff, 0xff, 0xff, 0xff }, 0, _filterProgram, 8);
        var program = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(program, 1);
        BinaryPrimitives.WriteInt64LittleEndian(program.AsSpan(8), _filterProgram.ToInt64());
        packet.SetRawSocketOption(SolSocket, SoAttachFilter, program);
        PacketInode = InodeOf(packet);
    }

    /// <summary>An MPTCP socket through libc (.NET refuses IPPROTO_MPTCP), then handed to .NET.</summary>
    private static Socket MptcpSocket()
    {
        var fd = LibC.Socket(AddressFamilyInet, SockStream | LibC.SockCloexec, IpProtoMptcp);
        if (fd < 0)
        {
            throw new InvalidOperationException($"mptcp socket: errno {Marshal.GetLastPInvokeError()}");
        }
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    private int Descriptor(int fd, string what)
    {
        Check(fd < 0 ? -1 : 0, what);
        _descriptors.Add(fd);
        return fd;
    }

    private static void Check(int status, string what)
    {
        if (status < 0)
        {
            throw new InvalidOperationException($"{what}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Two rtnetlink sockets through libc (.NET has no netlink address family): one bound to port
    /// <see cref="NetlinkListenerPort"/> in group 1, one bound to <see cref="NetlinkConnectedPort"/> and connected to it.</summary>
    private unsafe void OpenNetlink()
    {
        var listener = NetlinkSocket(NetlinkListenerPort, groups: 1);
        var connected = NetlinkSocket(NetlinkConnectedPort, groups: 0);
        byte* address = stackalloc byte[12];
        NetlinkAddress(new Span<byte>(address, 12), NetlinkListenerPort, groups: 0);
        Check(LibC.Connect(connected, address, 12), "netlink connect");
        _ = listener;
    }

    private unsafe int NetlinkSocket(uint port, uint groups)
    {
        var fd = Descriptor(LibC.Socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloexec, 0), "netlink socket");
        byte* address = stackalloc byte[12];
        NetlinkAddress(new Span<byte>(address, 12), port, groups);
        Check(LibC.Bind(fd, address, 12), "netlink bind");
        return fd;
    }

    /// <summary>struct sockaddr_nl: family, port id and multicast groups.</summary>
    private static void NetlinkAddress(Span<byte> address, uint port, uint groups)
    {
        address.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(address, LibC.AfNetlink);
        BinaryPrimitives.WriteUInt32LittleEndian(address[4..], port);
        BinaryPrimitives.WriteUInt32LittleEndian(address[8..], groups);
    }

    private void OpenInet()
    {
        var udp = Own(new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        udp.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, Tos);
        udp.SetRawSocketOption(SolSocket, SoMark, BitConverter.GetBytes(Mark));
        udp.SetRawSocketOption((int)SocketOptionLevel.IP, IpFreebind, BitConverter.GetBytes(1));
        udp.Bind(new IPEndPoint(IPAddress.Loopback, UdpPort));

        var v6Only = Own(new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp));
        v6Only.DualMode = false;
        v6Only.SetRawSocketOption((int)SocketOptionLevel.IPv6, Ipv6Tclass, BitConverter.GetBytes((int)TrafficClass));
        v6Only.Bind(new IPEndPoint(IPAddress.IPv6Loopback, V6OnlyPort));
        v6Only.Listen(1);

        // struct tcp_md5sig: the peer 127.0.0.2 (a sockaddr_storage), no flags, key length 3, ifindex 0, "key".
        var md5 = Own(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        var signature = new byte[216];
        BinaryPrimitives.WriteUInt16LittleEndian(signature, 2);
        IPAddress.Parse("127.0.0.2").GetAddressBytes().CopyTo(signature, 4);
        BinaryPrimitives.WriteUInt16LittleEndian(signature.AsSpan(130), 3);
        "key"u8.CopyTo(signature.AsSpan(136));
        md5.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpMd5Sig, signature);
        md5.Bind(new IPEndPoint(IPAddress.Loopback, Md5Port));
        md5.Listen(1);
    }

    private void OpenMptcp()
    {
        var listener = Own(MptcpSocket());
        listener.Bind(new IPEndPoint(IPAddress.Loopback, MptcpPort));
        listener.Listen(1);
        var client = Own(MptcpSocket());
        client.Connect(new IPEndPoint(IPAddress.Loopback, MptcpPort));
        var server = Own(listener.Accept());
        client.Send(new byte[1000]);
        var buffer = new byte[1000];
        var received = 0;
        while (received < buffer.Length)
        {
            received += server.Receive(buffer, received, buffer.Length - received, SocketFlags.None);
        }
    }

    /// <summary>The socket's inode, from its /proc/self/fd link ("socket:[INODE]").</summary>
    private static uint InodeOf(Socket socket)
    {
        var target = new FileInfo($"/proc/self/fd/{socket.Handle}").LinkTarget!;
        return uint.Parse(target.AsSpan("socket:[".Length, target.Length - "socket:[".Length - 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The inode of <paramref name="path"/> and its device as ss prints it: the kernel sends its own dev_t
    /// (major &lt;&lt; 20 | minor) and ss splits that with glibc's major()/minor(), made for the user-space encoding.
    /// </summary>
    public static (uint Inode, uint Major, uint Minor) SsDevice(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%i %D", path]) { RedirectStandardOutput = true })!;
        var fields = process.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
        process.WaitForExit();
        var device = Convert.ToUInt64(fields[1], 16);
        var major = (uint)(((device >> 8) & 0xfff) | ((device >> 32) & 0xfffff000));
        var minor = (uint)((device & 0xff) | ((device >> 12) & 0xffffff00));
        var kernel = (major << 20) | minor;
        return (uint.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture),
            (kernel >> 8) & 0xfff, (kernel & 0xff) | ((kernel >> 12) & 0xfff00));
    }

    private T Own<T>(T resource) where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
        _owned.Clear();
        foreach (var fd in _descriptors)
        {
            LibC.Close(fd);
        }
        _descriptors.Clear();
        Marshal.FreeHGlobal(_filterProgram);

        File.Delete(UnixPath);
        _namespace.Dispose();
    }

    /// <summary>A socket address given as its bytes (the family's two bytes are written by <see cref="SocketAddress"/>).</summary>
    private sealed class RawEndPoint(AddressFamily family, byte[] bytes) : EndPoint
    {
        public override AddressFamily AddressFamily => family;

        public override SocketAddress Serialize()
        {
            var address = new SocketAddress(family, bytes.Length);
            for (var i = 2; i < bytes.Length; i++)
            {
                address[i] = bytes[i];
            }
            return address;
        }

        public override EndPoint Create(SocketAddress socketAddress)
        {
            var copy = new byte[socketAddress.Size];
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = socketAddress[i];
            }
            return new RawEndPoint(family, copy);
        }
    }
}
