namespace SsNotebook.Diag;

/// <summary>Decodes one unix_diag reply (struct unix_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
internal static class UnixDiagParser
{
    private const ushort AttributeName = 0;
    private const ushort AttributeVfs = 1;
    private const ushort AttributePeer = 2;
    private const ushort AttributeIcons = 3;
    private const ushort AttributeRqlen = 4;
    private const ushort AttributeMemInfo = 5;
    private const ushort AttributeShutdown = 6;

    /// <summary>sun_path is 108 bytes; ss copies names into a 128-byte buffer.</summary>
    private const int MaxNameLength = 127;

    private const byte SockStream = 1;
    private const byte SockDgram = 2;
    private const byte SockSeqpacket = 5;

    /// <summary>The table of a unix socket type (ss shows unknown types as datagram sockets).</summary>
    public static SocketTable TableOf(byte type) => type switch
    {
        SockStream => SocketTable.UnixStream,
        SockSeqpacket => SocketTable.UnixSeqpacket,
        _ => SocketTable.UnixDgram,
    };

    /// <summary>ss skips only stream, dgram and seqpacket sockets whose table was not asked for.</summary>
    public static bool IsKnownType(byte type) => type is SockStream or SockDgram or SockSeqpacket;

    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out string? error)
    {
        var reader = new NetlinkAttributeReader(payload);
        if (reader.TryReadHeader<SockDiagHeader>("unix_diag_msg", out var header))
        {
            var details = new UnixSocketDetails();
            header.CopyTo(into, TableOf(header.Type), (SocketState)header.Byte2, details);
            while (reader.TryReadAttribute())
            {
                ReadAttribute(ref reader, into, details);
            }
        }
        error = reader.Error;
        return error is null;
    }

    private static void ReadAttribute(ref NetlinkAttributeReader reader, SocketRecord into, UnixSocketDetails details)
    {
        switch (reader.Type)
        {
            case AttributeName:
                details.Name = NameText(reader.Payload);
                break;
            case AttributeVfs:
                var vfs = reader.Read<UnixDiagVfs>();
                details.HasVfs = true;
                details.VfsInode = vfs.Inode;
                details.VfsDevice = vfs.Device;
                break;
            case AttributePeer:
                details.PeerInode = reader.UInt32();
                break;
            case AttributeIcons:
                // A trailing partial inode is ignored, as ss does.
                details.PendingConnections = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(
                    reader.Payload[..(reader.Payload.Length / sizeof(uint) * sizeof(uint))]).ToArray();
                break;
            case AttributeRqlen:
                var queues = reader.Read<UnixDiagRqlen>();
                into.RecvQ = queues.RecvQ;
                into.SendQ = queues.SendQ;
                break;
            case AttributeMemInfo:
                into.SkMemInfo = SockDiag.ReadSkMemInfo(ref reader, minimumCount: 7);
                into.Present |= SocketAttributes.SkMemInfo;
                break;
            case AttributeShutdown:
                into.Shutdown = reader.UInt8();
                into.Present |= SocketAttributes.Shutdown;
                break;
        }
    }

    /// <summary>
    /// The name as ss prints it: an abstract name (leading NUL) has every NUL shown as '@'; a path ends at its
    /// first NUL. Latin-1 keeps every byte as one char, so printing and globbing see the kernel's exact bytes.
    /// </summary>
    internal static string NameText(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxNameLength)
        {
            data = data[..MaxNameLength];
        }
        if (data.Length > 0 && data[0] == 0)
        {
            Span<byte> copy = stackalloc byte[data.Length];
            data.CopyTo(copy);
            copy.Replace((byte)0, (byte)'@');
            return Encoding.Latin1.GetString(copy);
        }
        var end = data.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? data : data[..end]);
    }

    /// <summary>struct unix_diag_vfs.</summary>
    private readonly record struct UnixDiagVfs(uint Inode, uint Device);

    /// <summary>struct unix_diag_rqlen.</summary>
    private readonly record struct UnixDiagRqlen(uint RecvQ, uint SendQ);
}
