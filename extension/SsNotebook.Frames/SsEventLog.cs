namespace SsNotebook;

/// <summary>
/// What an <c>ss -E</c> run saw: the destroyed sockets it selected, in the order they came, as ss prints them and as
/// an <see cref="Events"/> frame.
/// </summary>
public sealed class SsEventLog
{
    private DataFrame? _events;

    internal SsEventLog(IReadOnlyList<string> arguments, SsQuery query, IReadOnlyList<SocketEvent> socketEvents, string text,
        DateTimeOffset started, bool complete)
    {
        Arguments = arguments;
        Query = query;
        SocketEvents = socketEvents;
        Text = text;
        Started = started;
        Complete = complete;
    }

    /// <summary>The ss arguments of this run (without "ss").</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The query the arguments parsed to: which destroyed sockets are reported, and how they print.</summary>
    public SsQuery Query { get; }

    /// <summary>Each event: when it was received and the socket as the kernel last described it.</summary>
    public IReadOnlyList<SocketEvent> SocketEvents { get; }

    /// <summary>Exactly what ssn printed (each event rendered on its own, the header with the first).</summary>
    public string Text { get; }

    /// <summary>When following began.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>False while the run goes on (a progress report), true once it has stopped.</summary>
    public bool Complete { get; }

    /// <summary>One row per event: Time, then the columns of <see cref="SsResult.Table"/> — the socket's identity
    /// (Netid, addresses and ports, Cookie), its final State and queues and, for TCP, the final tcp_info counters.</summary>
    public DataFrame Events => _events ??= Build();

    /// <summary>The ss text, as <see cref="Text"/>.</summary>
    public override string ToString() => Text;

    private DataFrame Build()
    {
        var frame = TableFrameBuilder.Build([.. SocketEvents.Select(item => item.Socket)], null);
        var times = new PrimitiveDataFrameColumn<DateTime>("Time", SocketEvents.Select(item => item.Timestamp.UtcDateTime));
        frame.Columns.Insert(0, times);
        return frame;
    }
}
