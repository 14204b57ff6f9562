using System.Buffers.Binary;
using System.Text;
using SsNotebook.Netlink;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Decodes one unix_diag reply (struct unix_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
public static class UnixDiagParser
{
    public const int MessageLength = 16;

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
        if (payload.Length < MessageLength)
        {
            error = $"unix_diag_msg truncated: {payload.Length} bytes, need {MessageLength}";
            return false;
        }
        var details = new UnixSocketDetails();
        into.Family = payload[0];
        into.Table = TableOf(payload[1]);
        into.State = (SocketState)payload[2];
        into.Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        into.Cookie = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        into.Local = details;
        var attributes = new NetlinkAttributeReader(payload[MessageLength..]);
        while (attributes.TryReadAttribute())
        {
            ReadAttribute(ref attributes, into, details);
        }
        error = attributes.Error;
        return error is null;
    }

    private static void ReadAttribute(ref NetlinkAttributeReader reader, SocketRecord into, UnixSocketDetails details)
    {
        var data = reader.Payload;
        switch (reader.Type)
        {
            case AttributeName:
                details.Name = NameText(data);
                break;
            case AttributeVfs when Require(ref reader, 8):
                details.HasVfs = true;
                details.VfsInode = BinaryPrimitives.ReadUInt32LittleEndian(data);
                details.VfsDevice = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
                break;
            case AttributePeer when Require(ref reader, 4):
                details.PeerInode = BinaryPrimitives.ReadUInt32LittleEndian(data);
                break;
            case AttributeIcons:
                var icons = new uint[data.Length / 4];
                for (var i = 0; i < icons.Length; i++)
                {
                    icons[i] = BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]);
                }
                details.PendingConnections = icons;
                break;
            case AttributeRqlen when Require(ref reader, 8):
                into.RecvQ = BinaryPrimitives.ReadUInt32LittleEndian(data);
                into.SendQ = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
                break;
            case AttributeMemInfo when Require(ref reader, 7 * 4):
                into.SkMemInfo = InetDiagParser.ReadSkMemInfo(data);
                into.Present |= SocketAttributes.SkMemInfo;
                break;
            case AttributeShutdown when Require(ref reader, 1):
                into.Shutdown = data[0];
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

    internal static bool Require(ref NetlinkAttributeReader reader, int size)
    {
        if (reader.Payload.Length >= size)
        {
            return true;
        }
        reader.SetError($"attribute {reader.Type} has {reader.Payload.Length} bytes, need {size}");
        return false;
    }
}
