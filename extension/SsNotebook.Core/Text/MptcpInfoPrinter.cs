namespace SsNotebook.Text;

/// <summary>ss's mptcp_stats_print over a raw <c>struct mptcp_info</c>; a short payload reads as zeros, as in ss.</summary>
internal static class MptcpInfoPrinter
{
    public static void Print(ColumnBuffer output, byte[] payload)
    {
        var info = MptcpInfo.Read(payload);
        Field(output, " subflows:"u8, info.Subflows);
        Field(output, " add_addr_signal:"u8, info.AddAddrSignal);
        Field(output, " add_addr_accepted:"u8, info.AddAddrAccepted);
        Field(output, " subflows_max:"u8, info.SubflowsMax);
        Field(output, " add_addr_signal_max:"u8, info.AddAddrSignalMax);
        Field(output, " add_addr_accepted_max:"u8, info.AddAddrAcceptedMax);
        if (info.Fallback)
        {
            output.Write(" fallback"u8);
        }
        if (info.RemoteKey)
        {
            output.Write(" remote_key"u8);
        }
        if (info.Token != 0)
        {
            output.Write(" token:"u8);
            output.WriteHex(info.Token);
        }
        Field(output, " write_seq:"u8, info.WriteSeq);
        Field(output, " snd_una:"u8, info.SndUna);
        Field(output, " rcv_nxt:"u8, info.RcvNxt);
        Field(output, " local_addr_used:"u8, info.LocalAddrUsed);
        Field(output, " local_addr_max:"u8, info.LocalAddrMax);
        Field(output, " csum_enabled:"u8, info.CsumEnabled);
        Field(output, " retransmits:"u8, info.Retransmits);
        Field(output, " bytes_retrans:"u8, info.BytesRetrans);
        Field(output, " bytes_sent:"u8, info.BytesSent);
        Field(output, " bytes_received:"u8, info.BytesReceived);
        Field(output, " bytes_acked:"u8, info.BytesAcked);
        Field(output, " subflows_total:"u8, info.SubflowsTotal);
        Field(output, " last_data_sent:"u8, info.LastDataSent);
        Field(output, " last_data_recv:"u8, info.LastDataRecv);
        Field(output, " last_ack_recv:"u8, info.LastAckRecv);
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
