using System.Buffers.Binary;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Decodes one vsock_diag reply (struct vsock_diag_msg; the kernel sends no attributes).</summary>
public static class VsockDiagParser
{
    public const int MessageLength = 32;

    private const byte SockDgram = 2;

    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out string? error)
    {
        if (payload.Length < MessageLength)
        {
            error = $"vsock_diag_msg truncated: {payload.Length} bytes, need {MessageLength}";
            return false;
        }
        into.Family = payload[0];
        into.Table = payload[1] == SockDgram ? SocketTable.VsockDgram : SocketTable.VsockStream;
        into.State = (SocketState)payload[2];
        into.Shutdown = payload[3];
        into.Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[20..]);
        into.Cookie = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(payload[28..]) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(payload[24..]);
        into.Local = new VsockSocketDetails
        {
            Type = payload[1],
            LocalCid = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]),
            LocalPort = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]),
            PeerCid = BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]),
            PeerPort = BinaryPrimitives.ReadUInt32LittleEndian(payload[16..]),
        };
        error = null;
        return true;
    }
}
