namespace SsNotebook.Sampling;

/// <summary>
/// What one socket did during a run: when it was first seen, the bytes it moved (bytes_acked + bytes_received: their
/// growth from its first to its last sample, or for a socket that appeared after the run's first sample, all of
/// them), its largest Send-Q + Recv-Q, and the names it goes by. A socket that moved nothing and never queued
/// anything is idle.
/// </summary>
internal sealed class SocketActivity
{
    private readonly SocketRecord _first;

    /// <summary>True for a socket absent from the run's first sample: everything it moved, it moved during the run.</summary>
    private readonly bool _appeared;
    private string? _endpoints;
    private ulong _firstMoved;
    private ulong _lastMoved;

    private SocketActivity(SocketRecord first, int order, bool appeared)
    {
        _first = first;
        Cookie = first.Cookie;
        Order = order;
        _appeared = appeared;
    }

    public ulong Cookie { get; }

    /// <summary>0 for the first socket seen in the run, 1 for the next, and so on.</summary>
    public int Order { get; }

    /// <summary><c>local:port→peer:port</c> (see <see cref="SocketLabels.Of"/>), made when first asked for: a run
    /// of 20k sockets charts only a few.</summary>
    public string Endpoints => _endpoints ??= SocketLabels.Of(_first);

    /// <summary>The command holding the socket (with -p), or null.</summary>
    public string? Process { get; private set; }

    /// <summary>The congestion control last reported (with -i), or null.</summary>
    public string? Congestion { get; private set; }

    /// <summary>The legend label: process, congestion control and endpoints (see <see cref="SocketLabels.Describe"/>).</summary>
    public string Label => SocketLabels.Describe(Process, Congestion, Endpoints);

    public bool HasTcpInfo { get; private set; }

    /// <summary>Bytes acked plus bytes received during the run (0 for a counter that went backwards).</summary>
    public ulong BytesMoved => _lastMoved - Math.Min(_firstMoved, _lastMoved);

    /// <summary>The largest Send-Q + Recv-Q seen.</summary>
    public ulong MaxQueued { get; private set; }

    /// <summary>True when the socket moved no bytes and queued none during the run.</summary>
    public bool IsIdle => BytesMoved == 0 && MaxQueued == 0;

    /// <summary>The sockets of <paramref name="set"/> (those <paramref name="selector"/> matches, or all), in order of
    /// first appearance.</summary>
    public static IReadOnlyList<SocketActivity> Track(SampleSet set, SocketSelector? selector = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var byCookie = new Dictionary<ulong, SocketActivity>();
        var ordered = new List<SocketActivity>();
        var first = set.Count == 0 ? null : set.Snapshots[0];
        foreach (var sample in set.Snapshots)
        {
            foreach (var socket in sample.Sockets)
            {
                if (!byCookie.TryGetValue(socket.Cookie, out var activity))
                {
                    if (selector is not null && !selector.Matches(socket))
                    {
                        continue;
                    }
                    activity = new SocketActivity(socket, ordered.Count, appeared: sample != first);
                    byCookie.Add(socket.Cookie, activity);
                    ordered.Add(activity);
                }
                activity.Add(socket, sample);
            }
        }
        return ordered;
    }

    /// <summary>Busiest first: by bytes moved, then largest queue, then first appearance.</summary>
    public static IReadOnlyList<SocketActivity> Busiest(IEnumerable<SocketActivity> sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        return sockets
            .OrderByDescending(socket => socket.BytesMoved)
            .ThenByDescending(socket => socket.MaxQueued)
            .ThenBy(socket => socket.Order)
            .ToArray();
    }

    private void Add(SocketRecord socket, Sample sample)
    {
        if (socket.Has(SocketAttributes.TcpInfo))
        {
            if (!HasTcpInfo && !_appeared)
            {
                // Counting starts at the socket's first tcp_info in the run.
                _firstMoved = Moved(socket);
            }
            HasTcpInfo = true;
            _lastMoved = Moved(socket);
        }
        MaxQueued = Math.Max(MaxQueued, (ulong)socket.SendQ + socket.RecvQ);
        if (socket.Congestion is { Length: > 0 } congestion)
        {
            Congestion = congestion;
        }
        if (Process is null && sample.Processes is { } processes)
        {
            var users = processes.UsersOf(socket.Inode);
            if (!users.IsEmpty)
            {
                Process = users[0].Command;
            }
        }
    }

    private static ulong Moved(SocketRecord socket) =>
        socket.Has(SocketAttributes.TcpInfo) ? socket.TcpInfo.BytesAcked + socket.TcpInfo.BytesReceived : 0;
}
