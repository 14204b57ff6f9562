namespace SsNotebook.Sampling;

/// <summary>
/// Builds <see cref="SampleSet.Summary"/>: one row per socket of a run, in order of first appearance, answering
/// "how did this flow do, and what held it back?". Columns:
/// <list type="bullet">
/// <item>Cookie, Socket (the legend label: process, congestion control, endpoints), Process (with -p), congestion,
/// State (as last seen), Samples (how many samples held the socket);</item>
/// <item>first_seen_s, last_seen_s (seconds since the run's first sample), FirstSeen, LastSeen (UTC);</item>
/// <item>rtt_median_ms, rtt_p95_ms, rtt_max_ms (over the samples' rtt), min_rtt_ms (the smallest min_rtt),
/// cwnd_min, cwnd_max (segments);</item>
/// <item>bytes_acked, bytes_received, retrans (growth of bytes_acked, bytes_received and total_retrans from the
/// socket's first to its last sample with tcp_info), throughput_bps (the bytes of both directions, in bit/s over
/// that time);</item>
/// <item>app_limited_share, rwnd_limited_share, sndbuf_limited_share, network_limited_share: the shares of that time the sender had
/// nothing to send (1 − Δbusy_time), was held by the peer's receive window (Δrwnd_limited), by its own send buffer
/// (Δsndbuf_limited), or was sending as fast as cwnd and the network let it (the rest of Δbusy_time); they add up
/// to 1;</item>
/// <item>limited_by: the largest of the four — "application", "rwnd", "sndbuf" or "network" — or "idle" when the
/// socket moved nothing, "receiver" when it only received (its sender's row says why).</item>
/// </list>
/// Values a socket lacks (no -i, a single sample, a kernel without busy_time) are null.
/// </summary>
/// <remarks>One pass over the samples with a dictionary lookup per row into per-socket accumulators; the rtt values
/// are gathered into one array grouped by socket for the percentiles. No per-row allocation.</remarks>
internal static class SampleSummaryBuilder
{
    /// <summary>tcp_info must reach sndbuf_limited (ending at byte 192) for the limits.</summary>
    private const int ChronoEnd = 192;

    public static DataFrame Build(SampleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var rows = 0;
        foreach (var sample in set.Snapshots)
        {
            rows += sample.Sockets.Count;
        }
        var index = new Dictionary<ulong, int>();
        var sockets = new Accumulator[16];
        var count = 0;
        var rttOwner = new int[rows];
        var rttValue = new uint[rows];
        var rtts = 0;
        foreach (var sample in set.Snapshots)
        {
            foreach (var socket in sample.Sockets)
            {
                if (!index.TryGetValue(socket.Cookie, out var at))
                {
                    at = count++;
                    index.Add(socket.Cookie, at);
                    if (at == sockets.Length)
                    {
                        Array.Resize(ref sockets, sockets.Length * 2);
                    }
                    sockets[at].Start(socket, sample);
                }
                ref var accumulator = ref sockets[at];
                accumulator.Add(socket, sample);
                if (socket.Has(SocketAttributes.TcpInfo) && socket.TcpInfo.Rtt != 0)
                {
                    rttOwner[rtts] = at;
                    rttValue[rtts++] = socket.TcpInfo.Rtt;
                }
            }
        }

        // Group the rtt values by socket (a counting sort keeps each socket's samples together).
        var offsets = new int[count + 1];
        for (var i = 0; i < rtts; i++)
        {
            offsets[rttOwner[i] + 1]++;
        }
        for (var i = 0; i < count; i++)
        {
            offsets[i + 1] += offsets[i];
        }
        var grouped = new uint[rtts];
        var fill = offsets[..count];
        for (var i = 0; i < rtts; i++)
        {
            grouped[fill[rttOwner[i]]++] = rttValue[i];
        }

        var start = set.Count == 0 ? default : set.Snapshots[0].Timestamp;
        var columns = new Columns(count);
        for (var row = 0; row < count; row++)
        {
            var socketRtts = grouped.AsSpan(offsets[row], offsets[row + 1] - offsets[row]);
            socketRtts.Sort();
            columns.Set(row, sockets[row], socketRtts, start);
        }
        return columns.ToFrame();
    }

    /// <summary>The value at quantile <paramref name="q"/> of sorted values, interpolated linearly between the two
    /// nearest (as pandas' and numpy's default); null for none.</summary>
    public static double? Quantile(ReadOnlySpan<uint> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return null;
        }
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * ((double)sorted[above] - sorted[below]);
    }

    /// <summary>What one socket did over the run, gathered sample by sample.</summary>
    private struct Accumulator
    {
        public SocketRecord First;
        public SocketRecord Last;
        public string? Process;
        public string? Congestion;
        public int Samples;
        public DateTimeOffset FirstSeen;
        public DateTimeOffset LastSeen;
        public bool HasInfo;
        public bool HasChrono;
        public DateTimeOffset FirstInfoTime;
        public DateTimeOffset LastInfoTime;
        public TcpCounters FirstCounters;
        public TcpCounters LastCounters;
        public uint CwndMin;
        public uint CwndMax;
        public uint MinRtt;
        public uint RttMax;

        public void Start(SocketRecord socket, Sample sample)
        {
            First = socket;
            FirstSeen = sample.Timestamp;
            CwndMin = uint.MaxValue;
            MinRtt = uint.MaxValue;
        }

        public void Add(SocketRecord socket, Sample sample)
        {
            Last = socket;
            LastSeen = sample.Timestamp;
            Samples++;
            if (socket.Congestion is { Length: > 0 } congestion)
            {
                Congestion = congestion;
            }
            if (Process is null && sample.Processes is { } processes)
            {
                var users = processes.UsersOf(socket.Inode);
                if (!users.IsEmpty)
                {
                    Process = SocketFrameBuilder.JoinCommands(users);
                }
            }
            if (!socket.Has(SocketAttributes.TcpInfo))
            {
                return;
            }
            ref readonly var info = ref socket.TcpInfo;
            var counters = new TcpCounters(info.BytesAcked, info.BytesReceived, info.TotalRetrans, info.BusyTime, info.RwndLimited, info.SndbufLimited);
            if (!HasInfo)
            {
                HasInfo = true;
                HasChrono = info.Length >= ChronoEnd;
                FirstInfoTime = sample.Timestamp;
                FirstCounters = counters;
            }
            HasChrono &= info.Length >= ChronoEnd;
            LastInfoTime = sample.Timestamp;
            LastCounters = counters;
            CwndMin = Math.Min(CwndMin, info.SndCwnd);
            CwndMax = Math.Max(CwndMax, info.SndCwnd);
            RttMax = Math.Max(RttMax, info.Rtt);
            if (info.MinRtt != 0)
            {
                MinRtt = Math.Min(MinRtt, info.MinRtt);
            }
        }
    }

    private readonly record struct TcpCounters(ulong BytesAcked, ulong BytesReceived, uint TotalRetrans, ulong BusyTime, ulong RwndLimited, ulong SndbufLimited);

    /// <summary>The frame's columns while they are filled.</summary>
    private sealed class Columns(int count)
    {
        private readonly FrameColumnBuilder<ulong> _cookie = new(count);
        private readonly string?[] _label = new string?[count];
        private readonly string?[] _process = new string?[count];
        private readonly string?[] _congestion = new string?[count];
        private readonly string?[] _state = new string?[count];
        private readonly FrameColumnBuilder<int> _samples = new(count);
        private readonly FrameColumnBuilder<double> _firstSeconds = new(count);
        private readonly FrameColumnBuilder<double> _lastSeconds = new(count);
        private readonly FrameColumnBuilder<DateTime> _firstSeen = new(count);
        private readonly FrameColumnBuilder<DateTime> _lastSeen = new(count);
        private readonly FrameColumnBuilder<double> _rttMedian = new(count);
        private readonly FrameColumnBuilder<double> _rttP95 = new(count);
        private readonly FrameColumnBuilder<double> _rttMax = new(count);
        private readonly FrameColumnBuilder<double> _minRtt = new(count);
        private readonly FrameColumnBuilder<uint> _cwndMin = new(count);
        private readonly FrameColumnBuilder<uint> _cwndMax = new(count);
        private readonly FrameColumnBuilder<ulong> _bytesAcked = new(count);
        private readonly FrameColumnBuilder<ulong> _bytesReceived = new(count);
        private readonly FrameColumnBuilder<uint> _retrans = new(count);
        private readonly FrameColumnBuilder<double> _throughput = new(count);
        private readonly FrameColumnBuilder<double> _appLimited = new(count);
        private readonly FrameColumnBuilder<double> _rwndLimited = new(count);
        private readonly FrameColumnBuilder<double> _sndbufLimited = new(count);
        private readonly FrameColumnBuilder<double> _networkLimited = new(count);
        private readonly string?[] _limitedBy = new string?[count];

        public void Set(int row, in Accumulator socket, ReadOnlySpan<uint> sortedRtts, DateTimeOffset start)
        {
            _cookie.Set(row, socket.First.Cookie);
            _label[row] = SocketLabels.Describe(socket.Process, socket.Congestion, SocketLabels.Of(socket.First));
            _process[row] = socket.Process;
            _congestion[row] = socket.Congestion;
            _state[row] = SocketNames.State(socket.Last.State);
            _samples.Set(row, socket.Samples);
            _firstSeconds.Set(row, (socket.FirstSeen - start).TotalSeconds);
            _lastSeconds.Set(row, (socket.LastSeen - start).TotalSeconds);
            _firstSeen.Set(row, socket.FirstSeen.UtcDateTime);
            _lastSeen.Set(row, socket.LastSeen.UtcDateTime);
            if (!socket.HasInfo)
            {
                return;
            }
            _rttMedian.Set(row, Quantile(sortedRtts, 0.5) / 1000.0);
            _rttP95.Set(row, Quantile(sortedRtts, 0.95) / 1000.0);
            if (!sortedRtts.IsEmpty)
            {
                _rttMax.Set(row, socket.RttMax / 1000.0);
            }
            if (socket.MinRtt != uint.MaxValue)
            {
                _minRtt.Set(row, socket.MinRtt / 1000.0);
            }
            _cwndMin.Set(row, socket.CwndMin);
            _cwndMax.Set(row, socket.CwndMax);
            var first = socket.FirstCounters;
            var last = socket.LastCounters;
            var acked = Growth(first.BytesAcked, last.BytesAcked);
            var received = Growth(first.BytesReceived, last.BytesReceived);
            _bytesAcked.Set(row, acked);
            _bytesReceived.Set(row, received);
            _retrans.Set(row, last.TotalRetrans - Math.Min(first.TotalRetrans, last.TotalRetrans));
            var seconds = (socket.LastInfoTime - socket.FirstInfoTime).TotalSeconds;
            if (seconds <= 0)
            {
                // One sample: nothing to measure growth over.
                return;
            }
            _throughput.Set(row, (acked + received) * 8.0 / seconds);
            if (acked + received == 0)
            {
                _limitedBy[row] = "idle";
            }
            else if (acked == 0)
            {
                _limitedBy[row] = "receiver";
            }
            if (!socket.HasChrono)
            {
                return;
            }
            var micros = seconds * 1e6;
            var busy = Math.Min(1.0, Growth(first.BusyTime, last.BusyTime) / micros);
            var rwnd = Math.Min(busy, Growth(first.RwndLimited, last.RwndLimited) / micros);
            var sndbuf = Math.Min(busy - rwnd, Growth(first.SndbufLimited, last.SndbufLimited) / micros);
            double[] shares = [1 - busy, rwnd, sndbuf, busy - rwnd - sndbuf];
            _appLimited.Set(row, shares[0]);
            _rwndLimited.Set(row, shares[1]);
            _sndbufLimited.Set(row, shares[2]);
            _networkLimited.Set(row, shares[3]);
            if (_limitedBy[row] is null)
            {
                var largest = 0;
                for (var i = 1; i < shares.Length; i++)
                {
                    largest = shares[i] > shares[largest] ? i : largest;
                }
                _limitedBy[row] = Verdicts[largest];
            }
        }

        private static readonly string[] Verdicts = ["application", "rwnd", "sndbuf", "network"];

        private static ulong Growth(ulong first, ulong last) => last - Math.Min(first, last);

        public DataFrame ToFrame() => new(
            _cookie.ToColumn("Cookie"), StringColumns.Of("Socket", _label), StringColumns.Of("Process", _process),
            StringColumns.Of("congestion", _congestion), StringColumns.Of("State", _state), _samples.ToColumn("Samples"),
            _firstSeconds.ToColumn("first_seen_s"), _lastSeconds.ToColumn("last_seen_s"),
            _firstSeen.ToColumn("FirstSeen"), _lastSeen.ToColumn("LastSeen"),
            _rttMedian.ToColumn("rtt_median_ms"), _rttP95.ToColumn("rtt_p95_ms"), _rttMax.ToColumn("rtt_max_ms"),
            _minRtt.ToColumn("min_rtt_ms"), _cwndMin.ToColumn("cwnd_min"), _cwndMax.ToColumn("cwnd_max"),
            _bytesAcked.ToColumn("bytes_acked"), _bytesReceived.ToColumn("bytes_received"), _retrans.ToColumn("retrans"),
            _throughput.ToColumn("throughput_bps"),
            _appLimited.ToColumn("app_limited_share"), _rwndLimited.ToColumn("rwnd_limited_share"),
            _sndbufLimited.ToColumn("sndbuf_limited_share"), _networkLimited.ToColumn("network_limited_share"),
            StringColumns.Of("limited_by", _limitedBy));
    }
}
