using SsNotebook.Sockets;

namespace SsNotebook.Sampling;

/// <summary>One socket's values over the samples it was in: what one chart trace draws.</summary>
public sealed record SocketSeries(ulong Cookie, string Label, IReadOnlyList<DateTime> Timestamps, IReadOnlyList<double?> Values);

/// <summary>
/// Picks the sockets a chart draws and extracts their series. The top-N rule: sockets are ranked by the bytes
/// they moved during the run (growth of bytes_acked + bytes_received between their first and last sample), then,
/// for sockets without tcp_info or equal traffic, by their largest Send-Q + Recv-Q, then in order of first appearance;
/// the first <c>top</c> are drawn. Sockets never having the charted value are left out.
/// </summary>
public static class SocketSeriesExtractor
{
    /// <summary>The default number of sockets a chart draws.</summary>
    public const int DefaultTop = 8;

    /// <summary>The cookies of the busiest sockets, busiest first (see the type's top-N rule).</summary>
    public static IReadOnlyList<ulong> TopSockets(SampleSet set, int top = DefaultTop, Func<SocketRecord, bool>? eligible = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var ranks = new Dictionary<ulong, Rank>();
        var order = 0;
        foreach (var sample in set.Snapshots)
        {
            foreach (var socket in sample.Sockets)
            {
                if (eligible is not null && !eligible(socket))
                {
                    continue;
                }
                var moved = socket.Has(SocketAttributes.TcpInfo) ? socket.TcpInfo.BytesAcked + socket.TcpInfo.BytesReceived : 0;
                var queued = (ulong)socket.SendQ + socket.RecvQ;
                ranks[socket.Cookie] = ranks.TryGetValue(socket.Cookie, out var rank)
                    ? rank with { LastMoved = moved, MaxQueued = Math.Max(rank.MaxQueued, queued) }
                    : new Rank(order++, moved, moved, queued);
            }
        }
        return ranks
            .OrderByDescending(pair => pair.Value.LastMoved - Math.Min(pair.Value.FirstMoved, pair.Value.LastMoved))
            .ThenByDescending(pair => pair.Value.MaxQueued)
            .ThenBy(pair => pair.Value.Order)
            .Take(Math.Max(0, top))
            .Select(pair => pair.Key)
            .ToArray();
    }

    /// <summary>The series of <paramref name="value"/> for each of <paramref name="cookies"/>, in that order.
    /// <paramref name="value"/> gets the socket, its record in the previous sample (or null) and the seconds since it.</summary>
    public static IReadOnlyList<SocketSeries> Extract(SampleSet set, IReadOnlyList<ulong> cookies,
        Func<SocketRecord, SocketRecord?, double, double?> value)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(cookies);
        ArgumentNullException.ThrowIfNull(value);
        var wanted = new Dictionary<ulong, (string? Label, List<DateTime> Times, List<double?> Values)>();
        foreach (var cookie in cookies)
        {
            wanted[cookie] = (null, [], []);
        }
        var previous = new Dictionary<ulong, SocketRecord>();
        DateTimeOffset? previousTime = null;
        foreach (var sample in set.Snapshots)
        {
            var seconds = previousTime is { } before ? (sample.Timestamp - before).TotalSeconds : 0;
            var current = new Dictionary<ulong, SocketRecord>();
            foreach (var socket in sample.Sockets)
            {
                if (!wanted.TryGetValue(socket.Cookie, out var series))
                {
                    continue;
                }
                current[socket.Cookie] = socket;
                series.Label ??= SocketLabels.Of(socket);
                series.Times.Add(sample.Timestamp.UtcDateTime);
                series.Values.Add(value(socket, previous.GetValueOrDefault(socket.Cookie), seconds));
                wanted[socket.Cookie] = series;
            }
            previous = current;
            previousTime = sample.Timestamp;
        }
        return cookies
            .Select(cookie => (cookie, series: wanted[cookie]))
            .Where(item => item.series.Values.Any(v => v is not null))
            .Select(item => new SocketSeries(item.cookie, item.series.Label!, item.series.Times, item.series.Values))
            .ToArray();
    }

    /// <summary>A tcp_info value as a double, or null when the socket has no tcp_info (or too short a one).</summary>
    public static double? TcpValue(SocketRecord socket, string field)
    {
        if (!socket.Has(SocketAttributes.TcpInfo))
        {
            return null;
        }
        var info = TcpInfoField.All.FirstOrDefault(candidate => candidate.Name == field)
            ?? throw new ArgumentException($"unknown tcp_info field {field}", nameof(field));
        return info.IsPresentIn(socket.TcpInfo) ? info.ValueOf(socket.TcpInfo) : null;
    }

    private readonly record struct Rank(int Order, ulong FirstMoved, ulong LastMoved, ulong MaxQueued);
}
