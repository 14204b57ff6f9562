namespace SsNotebook.Netlink;

/// <summary>
/// An AF_NETLINK raw socket bound to a kernel-assigned port id. The socket belongs to the network namespace of the
/// thread that opened it, which is how namespaced queries work (see <see cref="NetworkNamespace"/>).
/// </summary>
internal sealed unsafe class NetlinkSocket : INetlinkTransport, IDisposable
{
    private const int SockaddrNlLength = 12;
    private const int ReceiveBufferBytes = 1024 * 1024;

    private int _fd;

    private NetlinkSocket(int fd, uint portId)
    {
        _fd = fd;
        PortId = portId;
    }

    /// <summary>The port id the kernel assigned at bind time; replies to our requests carry it.</summary>
    public uint PortId { get; }

    /// <summary>Opens a socket of <paramref name="protocol"/>, joined to the multicast groups whose bits are set in
    /// <paramref name="groups"/> (bit N-1 for group N, as sockaddr_nl's nl_groups takes them).</summary>
    public static NetlinkSocket Open(int protocol, uint groups = 0)
    {
        var fd = LibC.Socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloexec, protocol);
        if (fd < 0)
        {
            throw NetlinkException.FromErrno(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "Cannot open netlink socket");
        }
        try
        {
            // A large receive buffer keeps big dumps from overrunning (as libnetlink's rtnl_open does).
            var size = ReceiveBufferBytes;
            LibC.SetSockOpt(fd, LibC.SolSocket, LibC.SoRcvbuf, &size, sizeof(int));
            size = 32768;
            LibC.SetSockOpt(fd, LibC.SolSocket, LibC.SoSndbuf, &size, sizeof(int));

            byte* address = stackalloc byte[SockaddrNlLength];
            new Span<byte>(address, SockaddrNlLength).Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(address, 2), LibC.AfNetlink);
            BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(address + 8, 4), groups);
            if (LibC.Bind(fd, address, SockaddrNlLength) < 0)
            {
                throw NetlinkException.FromErrno(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "Cannot bind netlink socket");
            }
            var length = SockaddrNlLength;
            if (LibC.GetSockName(fd, address, &length) < 0)
            {
                throw NetlinkException.FromErrno(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "Cannot getsockname");
            }
            var portId = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(address + 4, 4));
            return new NetlinkSocket(fd, portId);
        }
        catch
        {
            LibC.Close(fd);
            throw;
        }
    }

    /// <summary>Sends one request to the kernel (port 0).</summary>
    public void Send(ReadOnlySpan<byte> request)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        byte* address = stackalloc byte[SockaddrNlLength];
        new Span<byte>(address, SockaddrNlLength).Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(address, 2), LibC.AfNetlink);
        fixed (byte* data = request)
        {
            while (true)
            {
                var sent = LibC.SendTo(_fd, data, request.Length, 0, address, SockaddrNlLength);
                if (sent >= 0)
                {
                    return;
                }
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != LibC.Eintr)
                {
                    throw NetlinkException.FromErrno(errno, "Cannot send dump request");
                }
            }
        }
    }

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/>. Returns its length and the sender's port id
    /// (0 for the kernel). A datagram larger than the buffer is an error rather than a silent cut.
    /// </summary>
    public int Receive(Span<byte> buffer, out uint senderPortId)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        byte* address = stackalloc byte[SockaddrNlLength];
        fixed (byte* data = buffer)
        {
            while (true)
            {
                var addressLength = SockaddrNlLength;
                var received = LibC.RecvFrom(_fd, data, buffer.Length, LibC.MsgTrunc, address, &addressLength);
                if (received >= 0)
                {
                    if (received > buffer.Length)
                    {
                        throw new NetlinkException(0, $"Message truncated: {received} bytes in a {buffer.Length}-byte buffer");
                    }
                    senderPortId = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(address + 4, 4));
                    return (int)received;
                }
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != LibC.Eintr)
                {
                    throw NetlinkException.FromErrno(errno, "Netlink receive error");
                }
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for a datagram; true when one can be received.
    /// Lets a reader of multicast messages, which may never come, notice a cancellation.</summary>
    public bool WaitReadable(int timeoutMilliseconds)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var descriptor = new LibC.PollDescriptor { Fd = _fd, Events = LibC.PollIn };
        var ready = LibC.Poll(&descriptor, 1, timeoutMilliseconds);
        if (ready < 0)
        {
            var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno == LibC.Eintr)
            {
                return false;
            }
            throw NetlinkException.FromErrno(errno, "poll");
        }
        return ready > 0;
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            LibC.Close(_fd);
            _fd = -1;
        }
    }
}
