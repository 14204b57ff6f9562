namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Mptcp</c> frame: one row per MPTCP socket that sent <c>struct mptcp_info</c> (<c>-M -i</c>), its
/// fields named as ss prints them (<c>subflows</c>, <c>token</c>, <c>write_seq</c>, <c>bytes_sent</c>, …) in the
/// kernel's widths; the flags are the two booleans <c>fallback</c> and <c>remote_key</c>.
/// </summary>
internal static class MptcpFrameBuilder
{
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.MptcpInfo is not null, AddColumns);

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets)
    {
        // In struct mptcp_info's order and widths, which is also the order ss prints them in.
        var counts = columns.Each<byte>(
            ["subflows", "add_addr_signal", "add_addr_accepted", "subflows_max", "add_addr_signal_max", "add_addr_accepted_max"]);
        var flags = columns.Each<bool>(["fallback", "remote_key"]);
        var token = columns.Of<uint>("token");
        var sequences = columns.Each<ulong>(["write_seq", "snd_una", "rcv_nxt"]);
        var addresses = columns.Each<byte>(["local_addr_used", "local_addr_max", "csum_enabled"]);
        var retransmits = columns.Of<uint>("retransmits");
        var bytes = columns.Each<ulong>(["bytes_retrans", "bytes_sent", "bytes_received", "bytes_acked"]);
        var subflowsTotal = columns.Of<byte>("subflows_total");
        var lastTimes = columns.Each<uint>(["last_data_sent", "last_data_recv", "last_ack_recv"]);
        for (var row = 0; row < sockets.Count; row++)
        {
            var info = MptcpInfo.Read(sockets[row].MptcpInfo!);
            counts.Set(row, info.Subflows, info.AddAddrSignal, info.AddAddrAccepted, info.SubflowsMax, info.AddAddrSignalMax,
                info.AddAddrAcceptedMax);
            flags.Set(row, info.Fallback, info.RemoteKey);
            token.Set(row, info.Token);
            sequences.Set(row, info.WriteSeq, info.SndUna, info.RcvNxt);
            addresses.Set(row, info.LocalAddrUsed, info.LocalAddrMax, info.CsumEnabled);
            retransmits.Set(row, info.Retransmits);
            bytes.Set(row, info.BytesRetrans, info.BytesSent, info.BytesReceived, info.BytesAcked);
            subflowsTotal.Set(row, info.SubflowsTotal);
            lastTimes.Set(row, info.LastDataSent, info.LastDataRecv, info.LastAckRecv);
        }
    }
}
