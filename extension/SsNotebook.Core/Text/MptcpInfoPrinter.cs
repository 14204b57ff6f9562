using System.Buffers.Binary;

namespace SsNotebook.Text;

/// <summary>ss's mptcp_stats_print over a raw <c>struct mptcp_info</c>; a short payload reads as zeros, as in ss.</summary>
internal static class MptcpInfoPrinter
{
    private const int Size = 96;

    public static void Print(ColumnBuffer output, byte[] payload)
    {
        Span<byte> info = stackalloc byte[Size];
        info.Clear();
        payload.AsSpan(0, Math.Min(payload.Length, Size)).CopyTo(info);

        Field(output, " subflows:"u8, info[0]);
        Field(output, " add_addr_signal:"u8, info[1]);
        Field(output, " add_addr_accepted:"u8, info[2]);
        Field(output, " subflows_max:"u8, info[3]);
        Field(output, " add_addr_signal_max:"u8, info[4]);
        Field(output, " add_addr_accepted_max:"u8, info[5]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(info[8..]);
        if ((flags & 1) != 0)
        {
            output.Write(" fallback"u8);
        }
        if ((flags & 2) != 0)
        {
            output.Write(" remote_key"u8);
        }
        var token = BinaryPrimitives.ReadUInt32LittleEndian(info[12..]);
        if (token != 0)
        {
            output.Write(" token:"u8);
            output.WriteHex(token);
        }
        Field(output, " write_seq:"u8, BinaryPrimitives.ReadUInt64LittleEndian(info[16..]));
        Field(output, " snd_una:"u8, BinaryPrimitives.ReadUInt64LittleEndian(info[24..]));
        Field(output, " rcv_nxt:"u8, BinaryPrimitives.ReadUInt64LittleEndian(info[32..]));
        Field(output, " local_addr_used:"u8, info[40]);
        Field(output, " local_addr_max:"u8, info[41]);
        Field(output, " csum_enabled:"u8, info[42]);
        Field(output, " retransmits:"u8, BinaryPrimitives.ReadUInt32LittleEndian(info[44..]));
        Field(output, " bytes_retrans:"u8, BinaryPrimitives.ReadUInt64LittleEndian(info[48..]));
        Field(output, " bytes_sent:"u8, BinaryPrimitives.ReadUInt64LittleEndian(info[56..]));
        Field(output, " bytes_received:"u8, BinaryPrimitives.ReadUInt64LittleEndian(info[64..]));
        Field(output, " bytes_acked:"u8, BinaryPrimitives.ReadUInt64LittleEndian(info[72..]));
        Field(output, " subflows_total:"u8, info[80]);
        Field(output, " last_data_sent:"u8, BinaryPrimitives.ReadUInt32LittleEndian(info[84..]));
        Field(output, " last_data_recv:"u8, BinaryPrimitives.ReadUInt32LittleEndian(info[88..]));
        Field(output, " last_ack_recv:"u8, BinaryPrimitives.ReadUInt32LittleEndian(info[92..]));
    }

    private static void Field(ColumnBuffer output, ReadOnlySpan<byte> label, ulong value)
    {
        if (value != 0)
        {
            output.Write(label);
            output.WriteUInt(value);
        }
    }
}
