using SsNotebook.Sockets;

namespace SsNotebook.Sampling;

/// <summary>
/// The per-interval rates of the Samples frame: the growth of a tcp_info counter between a socket's previous
/// sample and this one, divided by the time between the two samples. A socket's first sample, a socket without
/// tcp_info and a counter that went backwards have no rate (null).
/// </summary>
public static class SampleRates
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

    /// <summary>The rate of one counter, or null.</summary>
    public static double? Rate(SocketRecord? previous, SocketRecord current, double seconds, int index)
    {
        if (previous is null || seconds <= 0 || !previous.Has(SocketAttributes.TcpInfo) || !current.Has(SocketAttributes.TcpInfo))
        {
            return null;
        }
        var (_, counter, endOffset) = All[index];
        if (previous.TcpInfo.Length < endOffset || current.TcpInfo.Length < endOffset)
        {
            return null;
        }
        var before = counter(previous.TcpInfo);
        var now = counter(current.TcpInfo);
        return now < before ? null : (now - before) / seconds;
    }
}
