namespace SsNotebook.Sampling;

/// <summary>
/// Builds the <c>Samples</c> frame: one row per socket per sample, in sample order then ss's order. Columns:
/// Sample, Timestamp (UTC, the same on every row of a sample), Cookie, Netid, State, LocalAddress, LocalPort,
/// PeerAddress, PeerPort, Socket (<see cref="SocketLabels"/>), Process and Pid with -p, RecvQ, SendQ, Timer,
/// ExpiresMs, Retransmits; the skmem fields (named as in the Memory frame) when any socket has them; every
/// tcp_info field (named as in <see cref="TcpInfoField"/>) and congestion when any socket has tcp_info, followed
/// by the <see cref="SampleRates"/> columns.
/// </summary>
/// <remarks>
/// Built for hundreds of thousands of rows: one pass sizes the frame, a second fills typed buffers in place
/// (<see cref="FrameColumnBuilder{T}"/>), and the strings naming a socket are made once per socket, not once per row.
/// </remarks>
internal static class SamplesFrameBuilder
{
    /// <summary>The columns that lead the frame, in this order, when present; the others follow.</summary>
    public static IReadOnlyList<string> LeadingColumns { get; } =
    [
        "Sample", "Timestamp", "Socket", "Netid", "State", "Process", "Pid",
        "rtt", "rttvar", "min_rtt", "snd_cwnd", "snd_ssthresh", "bytes_acked_per_sec", "bytes_received_per_sec",
        "delivery_rate", "pacing_rate", "total_retrans", "retrans_per_sec", "RecvQ", "SendQ", "notsent_bytes", "congestion",
        "LocalAddress", "LocalPort", "PeerAddress", "PeerPort", "Cookie",
    ];

    public static DataFrame Build(IReadOnlyList<Sample> samples, bool withProcesses)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var count = 0;
        var longest = 0;
        var present = SocketAttributes.None;
        foreach (var sample in samples)
        {
            foreach (var socket in sample.Sockets)
            {
                present |= socket.Present;
                if (socket.Has(SocketAttributes.TcpInfo))
                {
                    longest = Math.Max(longest, socket.TcpInfo.Length);
                }
            }
            count += sample.Sockets.Count;
        }

        // No rows at all: every column anyway, so code written against a busy run works on an empty one.
        var columns = new Columns(count, withProcesses, count == 0 || (present & SocketAttributes.SkMemInfo) != 0,
            count == 0 ? TcpInfo.KnownSize : (present & SocketAttributes.TcpInfo) != 0 ? longest : null);
        var identities = new SocketIdentity.Cache();
        var previous = new Dictionary<ulong, SocketRecord>();
        var current = new Dictionary<ulong, SocketRecord>();
        DateTimeOffset? previousTime = null;
        var row = 0;
        foreach (var sample in samples)
        {
            var seconds = previousTime is { } before ? (sample.Timestamp - before).TotalSeconds : 0;
            var timestamp = sample.Timestamp.UtcDateTime;
            current.Clear();
            foreach (var socket in sample.Sockets)
            {
                columns.Set(row++, sample, timestamp, socket, identities.Of(socket), previous.GetValueOrDefault(socket.Cookie), seconds);
                current[socket.Cookie] = socket;
            }
            (previous, current) = (current, previous);
            previousTime = sample.Timestamp;
        }
        return columns.ToFrame();
    }

    /// <summary>The frame's columns while they are filled.</summary>
    private sealed class Columns
    {
        private readonly FrameColumnBuilder<int> _sample;
        private readonly FrameColumnBuilder<DateTime> _timestamp;
        private readonly FrameColumnBuilder<ulong> _cookie;
        private readonly string?[] _netid;
        private readonly string?[] _state;
        private readonly string?[] _localAddress;
        private readonly FrameColumnBuilder<int> _localPort;
        private readonly string?[] _peerAddress;
        private readonly FrameColumnBuilder<int> _peerPort;
        private readonly string?[] _label;
        private readonly string?[]? _process;
        private readonly FrameColumnBuilder<int>? _pid;
        private readonly FrameColumnBuilder<uint> _recvQ;
        private readonly FrameColumnBuilder<uint> _sendQ;
        private readonly string?[] _timer;
        private readonly FrameColumnBuilder<uint> _expires;
        private readonly FrameColumnBuilder<byte> _retransmits;
        private readonly SkMemInfoColumns? _memory;
        private readonly TcpInfoColumns? _tcpInfo;
        private readonly string?[]? _congestion;
        private readonly FrameColumnBuilder<double>[]? _rates;

        /// <param name="count">The number of rows.</param>
        /// <param name="withProcesses">Whether the Process and Pid columns are wanted (-p).</param>
        /// <param name="withMemory">Whether any row has skmem.</param>
        /// <param name="longestTcpInfo">The longest tcp_info of the rows, or null when none has tcp_info.</param>
        public Columns(int count, bool withProcesses, bool withMemory, int? longestTcpInfo)
        {
            _sample = new(count);
            _timestamp = new(count);
            _cookie = new(count);
            _netid = new string?[count];
            _state = new string?[count];
            _localAddress = new string?[count];
            _localPort = new(count);
            _peerAddress = new string?[count];
            _peerPort = new(count);
            _label = new string?[count];
            _process = withProcesses ? new string?[count] : null;
            _pid = withProcesses ? new(count) : null;
            _recvQ = new(count);
            _sendQ = new(count);
            _timer = new string?[count];
            _expires = new(count);
            _retransmits = new(count);
            _memory = withMemory ? new SkMemInfoColumns(count) : null;
            if (longestTcpInfo is { } longest)
            {
                _tcpInfo = new TcpInfoColumns(count, longest);
                _congestion = new string?[count];
                _rates = new FrameColumnBuilder<double>[SampleRates.All.Count];
                for (var rate = 0; rate < _rates.Length; rate++)
                {
                    _rates[rate] = new(count);
                }
            }
        }

        public void Set(int row, Sample sample, DateTime timestamp, SocketRecord socket, SocketIdentity identity,
            SocketRecord? previous, double seconds)
        {
            _sample.Set(row, sample.Index);
            _timestamp.Set(row, timestamp);
            _cookie.Set(row, socket.Cookie);
            _netid[row] = SocketNames.Netid(socket);
            _state[row] = SocketNames.State(socket.State);
            _localAddress[row] = identity.LocalAddress;
            _peerAddress[row] = identity.PeerAddress;
            if (socket.Local is null)
            {
                _localPort.Set(row, socket.LocalPort);
                _peerPort.Set(row, socket.PeerPort);
            }
            _label[row] = identity.Label;
            _recvQ.Set(row, socket.RecvQ);
            _sendQ.Set(row, socket.SendQ);
            if (socket.Timer != 0)
            {
                _timer[row] = SocketNames.Timer(socket.Timer);
                _expires.Set(row, TimerFrameBuilder.ExpiresMilliseconds(socket));
            }
            _retransmits.Set(row, socket.Retransmits);
            if (_process is not null && sample.Processes is { } processes)
            {
                var users = processes.UsersOf(socket.Inode);
                if (!users.IsEmpty)
                {
                    _process[row] = SocketFrameBuilder.JoinCommands(users);
                    _pid!.Set(row, users[0].Pid);
                }
            }
            if (_memory is not null && socket.Has(SocketAttributes.SkMemInfo))
            {
                _memory.Set(row, socket.SkMemInfo);
            }
            if (_tcpInfo is not null)
            {
                _congestion![row] = socket.Congestion;
                if (socket.Has(SocketAttributes.TcpInfo))
                {
                    ref readonly var info = ref socket.TcpInfo;
                    _tcpInfo.Set(row, info);
                    if (previous is not null && previous.Has(SocketAttributes.TcpInfo))
                    {
                        for (var rate = 0; rate < _rates!.Length; rate++)
                        {
                            _rates[rate].Set(row, SampleRates.Rate(previous.TcpInfo, info, seconds, rate));
                        }
                    }
                }
            }
        }

        public DataFrame ToFrame()
        {
            var frame = new DataFrame(
                _sample.ToColumn("Sample"), _timestamp.ToColumn("Timestamp"), _cookie.ToColumn("Cookie"),
                StringColumns.Of("Netid", _netid), StringColumns.Of("State", _state),
                StringColumns.Of("LocalAddress", _localAddress), _localPort.ToColumn("LocalPort"),
                StringColumns.Of("PeerAddress", _peerAddress), _peerPort.ToColumn("PeerPort"),
                StringColumns.Of("Socket", _label));
            if (_process is not null)
            {
                frame.Columns.Add(StringColumns.Of("Process", _process));
                frame.Columns.Add(_pid!.ToColumn("Pid"));
            }
            frame.Columns.Add(_recvQ.ToColumn("RecvQ"));
            frame.Columns.Add(_sendQ.ToColumn("SendQ"));
            frame.Columns.Add(StringColumns.Of("Timer", _timer));
            frame.Columns.Add(_expires.ToColumn("ExpiresMs"));
            frame.Columns.Add(_retransmits.ToColumn("Retransmits"));
            _memory?.AddTo(frame);
            if (_tcpInfo is not null)
            {
                _tcpInfo.AddTo(frame);
                frame.Columns.Add(StringColumns.Of("congestion", _congestion!));
                for (var rate = 0; rate < _rates!.Length; rate++)
                {
                    frame.Columns.Add(_rates[rate].ToColumn(SampleRates.All[rate].Column));
                }
            }
            return FrameColumns.Reordered(frame, LeadingColumns);
        }
    }
}
