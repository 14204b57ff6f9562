namespace SsNotebook.Sampling;

/// <summary>
/// The per-interval rates of the Samples frame: the growth of a tcp_info counter between a socket's previous
/// sample and this one, divided by the time between the two samples. A socket's first sample, a socket without
/// tcp_info and a counter that went backwards have no rate (null).
/// </summary>
internal static class SampleRates
{
    /// <summary>Column name, then the counter it derives from.</summary>
    public static IReadOnlyList<(string Column, Func<TcpInfo, ulong> Counter, int EndOffset)> All { get; } =
    [
        ("bytes_acked_per_sec", info => info.BytesAcked, 128),
        ("bytes_received_per_sec", info => info.BytesReceived, 136),
        ("bytes_sent_per_sec", info => info.BytesSent, 208),
        ("bytes_retrans_per_sec", info => info.BytesRetrans, 216),
        ("segs_out_per_sec", info => info.SegsOut, 140),
        ("segs_in_per_sec", info => info.SegsIn, 144),
        ("retrans_per_sec", info => info.TotalRetrans, 104),
        ("delivered_per_sec", info => info.Delivered, 196),
    ];

    /// <summary>The counter of each rate of <see cref="All"/>, read in place (the delegates copy the whole
    /// tcp_info on every call).</summary>
    private static readonly TcpInfoField[] Counters =
        [.. new[] { "bytes_acked", "bytes_received", "bytes_sent", "bytes_retrans", "segs_out", "segs_in", "total_retrans", "delivered" }
            .Select(TcpInfoField.Named)];

    /// <summary>The rate of one counter, or null.</summary>
    public static double? Rate(SocketRecord? previous, SocketRecord current, double seconds, int index)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null || !previous.Has(SocketAttributes.TcpInfo) || !current.Has(SocketAttributes.TcpInfo))
        {
            return null;
        }
        return Rate(previous.TcpInfo, current.TcpInfo, seconds, index);
    }

    /// <summary>The rate of counter <paramref name="index"/> between two tcp_info of one socket, or null when
    /// either lacks the counter, no time passed, or the counter went backwards.</summary>
    internal static double? Rate(in TcpInfo previous, in TcpInfo current, double seconds, int index)
    {
        var counter = Counters[index];
        var end = All[index].EndOffset;
        if (seconds <= 0 || previous.Length < end || current.Length < end)
        {
            return null;
        }
        var before = counter.ValueOf(previous);
        var now = counter.ValueOf(current);
        return now < before ? null : (now - before) / seconds;
    }
}
