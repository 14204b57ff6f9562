using System.Buffers.Binary;

namespace SsNotebook.Sockets;

/// <summary>
/// <c>struct mptcp_info</c> (linux/mptcp.h) decoded from <see cref="SocketRecord.MptcpInfo"/>, the fields named as
/// ss's mptcp_stats_print prints them. A payload shorter than the struct (an older kernel) reads as zeros past its
/// end, as in ss.
/// </summary>
public readonly record struct MptcpInfo(
    byte Subflows, byte AddAddrSignal, byte AddAddrAccepted, byte SubflowsMax, byte AddAddrSignalMax,
    byte AddAddrAcceptedMax, uint Flags, uint Token, ulong WriteSeq, ulong SndUna, ulong RcvNxt,
    byte LocalAddrUsed, byte LocalAddrMax, byte CsumEnabled, uint Retransmits, ulong BytesRetrans, ulong BytesSent,
    ulong BytesReceived, ulong BytesAcked, byte SubflowsTotal, uint LastDataSent, uint LastDataRecv, uint LastAckRecv)
{
    /// <summary>The size of the struct as this decoder knows it.</summary>
    public const int Size = 96;

    /// <summary>MPTCP_INFO_FLAG_FALLBACK: the connection fell back to plain TCP.</summary>
    public bool Fallback => (Flags & 1) != 0;

    /// <summary>MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED.</summary>
    public bool RemoteKey => (Flags & 2) != 0;

    public static MptcpInfo Read(ReadOnlySpan<byte> payload)
    {
        Span<byte> info = stackalloc byte[Size];
        info.Clear();
        payload[..Math.Min(payload.Length, Size)].CopyTo(info);
        return new MptcpInfo(
            info[0], info[1], info[2], info[3], info[4], info[5],
            BinaryPrimitives.ReadUInt32LittleEndian(info[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(info[12..]),
            BinaryPrimitives.ReadUInt64LittleEndian(info[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(info[24..]),
            BinaryPrimitives.ReadUInt64LittleEndian(info[32..]),
            info[40], info[41], info[42],
            BinaryPrimitives.ReadUInt32LittleEndian(info[44..]),
            BinaryPrimitives.ReadUInt64LittleEndian(info[48..]),
            BinaryPrimitives.ReadUInt64LittleEndian(info[56..]),
            BinaryPrimitives.ReadUInt64LittleEndian(info[64..]),
            BinaryPrimitives.ReadUInt64LittleEndian(info[72..]),
            info[80],
            BinaryPrimitives.ReadUInt32LittleEndian(info[84..]),
            BinaryPrimitives.ReadUInt32LittleEndian(info[88..]),
            BinaryPrimitives.ReadUInt32LittleEndian(info[92..]));
    }
}
