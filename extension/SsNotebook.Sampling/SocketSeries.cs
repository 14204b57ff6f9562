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

    /// <summary>A tcp_info value as a double, or null when the socket has no tcp_info (or too short a one).</summary>
    public static double? TcpValue(SocketRecord socket, string field)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!socket.Has(SocketAttributes.TcpInfo))
        {
            return null;
        }
        var info = TcpInfoField.All.FirstOrDefault(candidate => candidate.Name == field)
            ?? throw new ArgumentException($"unknown tcp_info field {field}", nameof(field));
        return info.IsPresentIn(socket.TcpInfo) ? info.ValueOf(socket.TcpInfo) : null;
    }
}
