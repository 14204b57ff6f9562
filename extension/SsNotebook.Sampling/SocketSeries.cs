namespace SsNotebook.Sampling;

/// <summary>
/// The top-N rule of the charts: sockets are ranked by the bytes they moved during the run (growth of bytes_acked +
/// bytes_received between their first and last sample), then, for sockets without tcp_info or equal traffic, by
/// their largest Send-Q + Recv-Q, then in order of first appearance; the first <c>top</c> are drawn.
/// </summary>
internal static class SocketSeriesExtractor
{
    /// <summary>The default number of sockets a chart draws.</summary>
    public const int DefaultTop = 8;

    /// <summary>The cookies of the busiest sockets, busiest first (see the type's top-N rule).</summary>
    public static IReadOnlyList<ulong> TopSockets(SampleSet set, int top = DefaultTop)
    {
        ArgumentNullException.ThrowIfNull(set);
        return SocketActivity.Busiest(SocketActivity.Track(set)).Take(Math.Max(0, top)).Select(socket => socket.Cookie).ToArray();
    }
}
