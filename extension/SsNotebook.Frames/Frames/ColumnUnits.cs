namespace SsNotebook.Frames;

/// <summary>
/// The unit of each column whose values have one. Column names stay the names users type (the kernel's tcp_info
/// field names, ss's column names); displays show the unit after the name in parentheses: <c>rtt (µs)</c>,
/// <c>delivery_rate (B/s)</c>. Values are in the kernel's units, never rescaled.
/// </summary>
public static class ColumnUnits
{
    private static readonly Dictionary<string, string> Units = Build();

    /// <summary>The unit of column <paramref name="column"/>, or null for counts, names and flags.</summary>
    /// <param name="column">A column name of the frames, e.g. "rtt".</param>
    public static string? Of(string column) => Units.GetValueOrDefault(column);

    /// <summary>The header a display shows: the name, then the unit in parentheses when there is one.</summary>
    /// <param name="column">A column name of the frames, e.g. "rtt" gives "rtt (µs)".</param>
    public static string Header(string column) => Of(column) is { } unit ? $"{column} ({unit})" : column;

    private static Dictionary<string, string> Build()
    {
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        void Set(string unit, params string[] columns)
        {
            foreach (var column in columns)
            {
                units[column] = unit;
            }
        }
        Set("µs", "rto", "ato", "rtt", "rttvar", "rcv_rtt", "min_rtt", "busy_time", "rwnd_limited", "sndbuf_limited",
            "bbr_min_rtt", "vegas_rtt", "vegas_min_rtt");
        Set("ms", "last_data_sent", "last_ack_sent", "last_data_recv", "last_ack_recv", "total_rto_time");
        Set("bytes", "RecvQ", "SendQ", "snd_mss", "rcv_mss", "pmtu", "rcv_ssthresh", "advmss", "rcv_space",
            "bytes_acked", "bytes_received", "bytes_sent", "bytes_retrans", "notsent_bytes", "snd_wnd", "rcv_wnd",
            "delivered_e1_bytes", "delivered_e0_bytes", "delivered_ce_bytes", "received_e1_bytes", "received_e0_bytes",
            "received_ce_bytes");
        Set("bytes", MemoryFrameBuilder.FieldNames.Where(name => name != "drops").ToArray());
        Set("bytes", "ring_rx_blk_size", "ring_rx_frm_size", "ring_tx_blk_size", "ring_tx_frm_size",
            "umem_size", "umem_chunk_size", "umem_headroom");
        Set("ms", "ring_rx_tmo", "ring_tx_tmo");
        Set("B/s", "pacing_rate", "max_pacing_rate", "delivery_rate", "bbr_bw", "bytes_acked_per_sec",
            "bytes_received_per_sec", "bytes_sent_per_sec", "bytes_retrans_per_sec");
        Set("segments", "snd_cwnd", "snd_ssthresh", "unacked", "sacked", "lost", "retrans", "fackets", "reordering");
        Set("1/s", "segs_out_per_sec", "segs_in_per_sec", "retrans_per_sec", "delivered_per_sec");
        Set("UTC", "Timestamp", "FirstSeen", "LastSeen");
        return units;
    }
}
