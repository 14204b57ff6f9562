namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Mptcp</c> frame: one row per MPTCP socket that sent <c>struct mptcp_info</c> (<c>-M -i</c>), its
/// fields named as ss prints them (<c>subflows</c>, <c>token</c>, <c>write_seq</c>, <c>bytes_sent</c>, …) in the
/// kernel's widths; the flags are the two booleans <c>fallback</c> and <c>remote_key</c>.
/// </summary>
internal static class MptcpFrameBuilder
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "Cookie", "subflows", "add_addr_signal", "add_addr_accepted", "subflows_max", "add_addr_signal_max",
        "add_addr_accepted_max", "fallback", "remote_key", "token", "write_seq", "snd_una", "rcv_nxt",
        "local_addr_used", "local_addr_max", "csum_enabled", "retransmits", "bytes_retrans", "bytes_sent",
        "bytes_received", "bytes_acked", "subflows_total", "last_data_sent", "last_data_recv", "last_ack_recv",
    ];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.MptcpInfo is not null, AddColumns);

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        var count = sockets.Count;
        var bytes = new FrameColumnBuilder<byte>[10];
        var words = new FrameColumnBuilder<uint>[5];
        var longs = new FrameColumnBuilder<ulong>[7];
        var flags = new[] { new FrameColumnBuilder<bool>(count), new(count) };
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = new FrameColumnBuilder<byte>(count);
        }
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = new FrameColumnBuilder<uint>(count);
        }
        for (var i = 0; i < longs.Length; i++)
        {
            longs[i] = new FrameColumnBuilder<ulong>(count);
        }
        for (var row = 0; row < count; row++)
        {
            var info = MptcpInfo.Read(sockets[row].MptcpInfo!);
            bytes[0].Set(row, info.Subflows);
            bytes[1].Set(row, info.AddAddrSignal);
            bytes[2].Set(row, info.AddAddrAccepted);
            bytes[3].Set(row, info.SubflowsMax);
            bytes[4].Set(row, info.AddAddrSignalMax);
            bytes[5].Set(row, info.AddAddrAcceptedMax);
            flags[0].Set(row, info.Fallback);
            flags[1].Set(row, info.RemoteKey);
            words[0].Set(row, info.Token);
            longs[0].Set(row, info.WriteSeq);
            longs[1].Set(row, info.SndUna);
            longs[2].Set(row, info.RcvNxt);
            bytes[6].Set(row, info.LocalAddrUsed);
            bytes[7].Set(row, info.LocalAddrMax);
            bytes[8].Set(row, info.CsumEnabled);
            words[1].Set(row, info.Retransmits);
            longs[3].Set(row, info.BytesRetrans);
            longs[4].Set(row, info.BytesSent);
            longs[5].Set(row, info.BytesReceived);
            longs[6].Set(row, info.BytesAcked);
            bytes[9].Set(row, info.SubflowsTotal);
            words[2].Set(row, info.LastDataSent);
            words[3].Set(row, info.LastDataRecv);
            words[4].Set(row, info.LastAckRecv);
        }
        DataFrameColumn[] columns =
        [
            bytes[0].ToColumn(ColumnNames[1]), bytes[1].ToColumn(ColumnNames[2]), bytes[2].ToColumn(ColumnNames[3]),
            bytes[3].ToColumn(ColumnNames[4]), bytes[4].ToColumn(ColumnNames[5]), bytes[5].ToColumn(ColumnNames[6]),
            flags[0].ToColumn(ColumnNames[7]), flags[1].ToColumn(ColumnNames[8]), words[0].ToColumn(ColumnNames[9]),
            longs[0].ToColumn(ColumnNames[10]), longs[1].ToColumn(ColumnNames[11]), longs[2].ToColumn(ColumnNames[12]),
            bytes[6].ToColumn(ColumnNames[13]), bytes[7].ToColumn(ColumnNames[14]), bytes[8].ToColumn(ColumnNames[15]),
            words[1].ToColumn(ColumnNames[16]), longs[3].ToColumn(ColumnNames[17]), longs[4].ToColumn(ColumnNames[18]),
            longs[5].ToColumn(ColumnNames[19]), longs[6].ToColumn(ColumnNames[20]), bytes[9].ToColumn(ColumnNames[21]),
            words[2].ToColumn(ColumnNames[22]), words[3].ToColumn(ColumnNames[23]), words[4].ToColumn(ColumnNames[24]),
        ];
        foreach (var column in columns)
        {
            frame.Columns.Add(column);
        }
    }
}
