namespace SsNotebook.Sockets;

/// <summary>Receives the sockets of a collection one by one, in ss's order.</summary>
public interface ISocketSink
{
    /// <summary>
    /// True when the sink is done with a record once <see cref="Add"/> returns (a text writer, a counter): the
    /// collector then parses every socket into one reused instance and allocates nothing per socket. False (the
    /// default) when the sink keeps the records.
    /// </summary>
    bool ReusesRecords => false;

    /// <summary>Takes the next socket. With <see cref="ReusesRecords"/> the instance is overwritten once this
    /// returns.</summary>
    /// <param name="socket">The socket, selected by the query's states and filter.</param>
    void Add(SocketRecord socket);
}

/// <summary>Keeps every record, for callers that want a list (DataFrames, samples).</summary>
internal sealed class SocketListSink(List<SocketRecord> sockets) : ISocketSink
{
    public SocketListSink()
        : this([])
    {
    }

    public List<SocketRecord> Sockets { get; } = sockets;

    public void Add(SocketRecord socket) => Sockets.Add(socket);
}

/// <summary>Hands each socket to two sinks, the first one first; records are reused only when both allow it.</summary>
internal sealed class TeeSink(ISocketSink first, ISocketSink second) : ISocketSink
{
    public bool ReusesRecords => first.ReusesRecords && second.ReusesRecords;

    public void Add(SocketRecord socket)
    {
        first.Add(socket);
        second.Add(socket);
    }
}
