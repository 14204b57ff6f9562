namespace SsNotebook.Sockets;

/// <summary>
/// <c>struct mptcp_info</c> (linux/mptcp.h) decoded from <see cref="SocketRecord.MptcpInfo"/>, the fields named as
/// ss's mptcp_stats_print prints them. A payload shorter than the struct (an older kernel) reads as zeros past its
/// end, as in ss.
/// </summary>
/// <param name="Subflows">Subflows added by the path manager, the first not counted (mptcpi_subflows; ss's
/// subflows:).</param>
/// <param name="AddAddrSignal">ADD_ADDR announcements sent (add_addr_signal:).</param>
/// <param name="AddAddrAccepted">ADD_ADDR announcements accepted (add_addr_accepted:).</param>
/// <param name="SubflowsMax">The subflow limit (subflows_max:).</param>
/// <param name="AddAddrSignalMax">The limit of addresses announced (add_addr_signal_max:).</param>
/// <param name="AddAddrAcceptedMax">The limit of announced addresses accepted (add_addr_accepted_max:).</param>
/// <param name="Flags">MPTCP_INFO_FLAG_* bits; see <see cref="Fallback"/> and <see cref="RemoteKey"/>.</param>
/// <param name="Token">The connection's local token (token:).</param>
/// <param name="WriteSeq">The next data sequence number to write (write_seq:).</param>
/// <param name="SndUna">The oldest unacknowledged data sequence number (snd_una:).</param>
/// <param name="RcvNxt">The next data sequence number expected (rcv_nxt:).</param>
/// <param name="LocalAddrUsed">Local addresses in use by subflows (local_addr_used:).</param>
/// <param name="LocalAddrMax">The limit of local addresses (local_addr_max:).</param>
/// <param name="CsumEnabled">1 when DSS checksums are on (csum_enabled).</param>
/// <param name="Retransmits">Data retransmissions at the MPTCP level (retransmits:).</param>
/// <param name="BytesRetrans">Bytes retransmitted at the MPTCP level (bytes_retrans:).</param>
/// <param name="BytesSent">Bytes sent at the MPTCP level (bytes_sent:).</param>
/// <param name="BytesReceived">Bytes received at the MPTCP level (bytes_received:).</param>
/// <param name="BytesAcked">Bytes acknowledged at the MPTCP level (bytes_acked:).</param>
/// <param name="SubflowsTotal">Subflows in any state, the first included (subflows_total:).</param>
/// <param name="LastDataSent">Milliseconds since data was last sent (last_data_sent:).</param>
/// <param name="LastDataRecv">Milliseconds since data was last received (last_data_recv:).</param>
/// <param name="LastAckRecv">Milliseconds since a data ACK was last received (last_ack_recv:).</param>
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

    /// <summary>Decodes an INET_DIAG_INFO payload of an MPTCP socket (<see cref="SocketRecord.MptcpInfo"/>).</summary>
    /// <param name="payload">The raw struct mptcp_info, of any length.</param>
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
