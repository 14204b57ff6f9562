namespace SsNotebook.Sampling;

/// <summary>
/// Sockets appearing and disappearing between consecutive samples, by cookie. A socket of sample i that was not in
/// sample i-1 appeared at sample i; one of sample i-1 missing from sample i disappeared at sample i (its row shows
/// the state it was last seen in). The first sample is the baseline: nothing appears in it.
/// </summary>
internal sealed class SocketChurn(DataFrame appeared, DataFrame disappeared)
{
    public DataFrame Appeared { get; } = appeared;

    public DataFrame Disappeared { get; } = disappeared;

    public static SocketChurn Track(IReadOnlyList<Sample> samples)
    {
        var appeared = new Builder();
        var disappeared = new Builder();
        var previous = new Dictionary<ulong, SocketRecord>();
        var current = new Dictionary<ulong, SocketRecord>();
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            current.Clear();
            foreach (var socket in sample.Sockets)
            {
                current[socket.Cookie] = socket;
                if (i > 0 && !previous.ContainsKey(socket.Cookie))
                {
                    appeared.Add(sample, socket);
                }
            }
            if (i > 0)
            {
                foreach (var socket in samples[i - 1].Sockets)
                {
                    if (!current.ContainsKey(socket.Cookie))
                    {
                        disappeared.Add(sample, socket);
                    }
                }
            }
            (previous, current) = (current, previous);
        }
        return new SocketChurn(appeared.Build(), disappeared.Build());
    }

    private sealed class Builder
    {
        private readonly Int32DataFrameColumn _sample = new("Sample");
        private readonly PrimitiveDataFrameColumn<DateTime> _timestamp = new("Timestamp");
        private readonly UInt64DataFrameColumn _cookie = new("Cookie");
        private readonly StringDataFrameColumn _netid = new("Netid");
        private readonly StringDataFrameColumn _state = new("State");
        private readonly StringDataFrameColumn _socket = new("Socket");

        public void Add(Sample sample, SocketRecord socket)
        {
            _sample.Append(sample.Index);
            _timestamp.Append(sample.Timestamp.UtcDateTime);
            _cookie.Append(socket.Cookie);
            _netid.Append(SocketNames.Netid(socket));
            _state.Append(SocketNames.State(socket.State));
            _socket.Append(SocketLabels.Of(socket));
        }

        public DataFrame Build() => new(_sample, _timestamp, _cookie, _netid, _state, _socket);
    }
}
