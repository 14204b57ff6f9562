namespace SsNotebook.Netlink;

/// <summary>Receives the messages of a dump as <see cref="NetlinkDump"/> validates them.</summary>
internal interface INetlinkDumpHandler
{
    /// <summary>One data message of the dump (not DONE, not ERROR), from the kernel, with our sequence number.</summary>
    void OnMessage(in NetlinkMessage message);

    /// <summary>
    /// The kernel flagged the dump as interrupted (NLM_F_DUMP_INTR) and it is being run again from the start:
    /// forget everything received since the dump began.
    /// </summary>
    void OnRestart();

    /// <summary>Every raw datagram the kernel sent for the dump, before it is parsed (for recordings and <c>ss -D</c>).</summary>
    void OnBuffer(ReadOnlySpan<byte> buffer)
    {
    }
}

/// <summary>
/// Runs one multipart dump: sends the request, gathers every reply datagram until NLMSG_DONE, and checks each
/// message's sender, port id and sequence number. NLMSG_ERROR and a negative NLMSG_DONE raise a
/// <see cref="NetlinkException"/> with the errno; an interrupted dump is retried whole, so the handler never sees a
/// partial or duplicated list.
/// </summary>
internal static class NetlinkDump
{
    /// <summary>The sequence number ss uses for every dump (MAGIC_SEQ), kept so <c>-D</c> files match byte for byte.</summary>
    public const uint MagicSequence = 123456;

    public const int DefaultAttempts = 4;

    private const int BufferBytes = 64 * 1024;

    public static void Run(INetlinkTransport socket, ReadOnlySpan<byte> request, uint sequence, INetlinkDumpHandler handler, int attempts = DefaultAttempts)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                socket.Send(request);
                var interrupted = ReceiveUntilDone(socket, buffer, sequence, handler);
                if (!interrupted)
                {
                    return;
                }
                if (attempt >= attempts)
                {
                    throw new NetlinkException(LibC.Eintr, "Dump was interrupted and may be inconsistent.");
                }
                handler.OnRestart();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads datagrams until DONE; returns true when any message carried NLM_F_DUMP_INTR.</summary>
    private static bool ReceiveUntilDone(INetlinkTransport socket, byte[] buffer, uint sequence, INetlinkDumpHandler handler)
    {
        var interrupted = false;
        while (true)
        {
            var length = socket.Receive(buffer, out var sender);
            var received = buffer.AsSpan(0, length);
            if (sender == 0)
            {
                // Only the kernel's datagrams are part of the dump (Process skips the others): recordings and -D
                // files hold nothing else, which is why replaying them needs no port check.
                handler.OnBuffer(received);
            }
            if (Process(received, sender, socket.PortId, sequence, handler, ref interrupted))
            {
                return interrupted;
            }
        }
    }

    /// <summary>
    /// Handles the messages of one datagram addressed to <paramref name="portId"/> for <paramref name="sequence"/>.
    /// Returns true once NLMSG_DONE was seen. Public so that recorded buffers can be replayed through exactly the
    /// same checks.
    /// </summary>
    public static bool Process(ReadOnlySpan<byte> datagram, uint senderPortId, uint portId, uint sequence, INetlinkDumpHandler handler, ref bool interrupted)
    {
        if (senderPortId != 0)
        {
            // Only the kernel answers a dump; anything another process sends to our port is not part of it.
            return false;
        }
        var reader = new NetlinkReplyReader(datagram, sequence, portId);
        while (true)
        {
            while (reader.TryReadMessage(out var message))
            {
                handler.OnMessage(message);
            }
            interrupted |= reader.Interrupted;
            switch (reader.End)
            {
                case NetlinkReplyEnd.Done:
                    ThrowIfFailed(reader, "DONE truncated", acknowledged: false);
                    return true;
                case NetlinkReplyEnd.Error:
                    ThrowIfFailed(reader, "ERROR truncated", acknowledged: true);
                    // Error 0 acknowledges the request; the dump goes on.
                    continue;
            }
            if (reader.Error is not null)
            {
                throw new NetlinkException(0, reader.Error);
            }
            return false;
        }
    }

    /// <summary>A DONE whose status is negative, an ERROR whose status is not 0 (an acknowledgement), or either
    /// without a status fails the dump.</summary>
    private static void ThrowIfFailed(in NetlinkReplyReader reader, string truncated, bool acknowledged)
    {
        if (reader.Status is not { } status)
        {
            throw new NetlinkException(0, truncated);
        }
        if (acknowledged ? status != 0 : status < 0)
        {
            throw NetlinkException.FromErrno(-status, "RTNETLINK answers");
        }
    }
}
