namespace SsNotebook;

/// <summary>
/// What an <c>ss -E</c> run saw: the destroyed sockets it selected, in the order they came, as ss prints them and as
/// an <see cref="Events"/> frame.
/// </summary>
public sealed class SsEventLog : SsOutput
{
    private DataFrame? _events;

    internal SsEventLog(IReadOnlyList<string> arguments, SsQuery query, IReadOnlyList<SocketEvent> socketEvents, string text,
        DateTimeOffset started, bool complete)
        : base(arguments, query, text, started)
    {
        SocketEvents = socketEvents;
        Complete = complete;
    }

    /// <summary>Each event: when it was received and the socket as the kernel last described it.</summary>
    public IReadOnlyList<SocketEvent> SocketEvents { get; }

    /// <summary>When following began.</summary>
    public DateTimeOffset Started => Time;

    /// <summary>False while the run goes on (a progress report), true once it has stopped.</summary>
    public bool Complete { get; }

    /// <summary>One row per event: Time, then the columns of <see cref="SsResult.Table"/> — the socket's identity
    /// (Netid, addresses and ports, Cookie), its final State and queues and, for TCP, the final tcp_info counters.</summary>
    public DataFrame Events => _events ??= Build();

    private DataFrame Build()
    {
        var frame = TableFrameBuilder.Build([.. SocketEvents.Select(item => item.Socket)], null);
        var times = new PrimitiveDataFrameColumn<DateTime>("Time", SocketEvents.Select(item => item.Timestamp.UtcDateTime));
        frame.Columns.Insert(0, times);
        return frame;
    }
}
