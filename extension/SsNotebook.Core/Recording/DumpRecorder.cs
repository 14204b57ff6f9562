namespace SsNotebook.Recording;

/// <summary>
/// The one recorder of raw replies: collects those of one collection as a <see cref="SocketCollector.Observer"/>;
/// after the collection, <see cref="TakeSample"/> (or <see cref="TakeDeferredSample"/>) adds what did not come over
/// netlink and starts over for the next one. Not thread-safe: one collection at a time (readers of a deferred sample
/// only touch replies already taken).
/// </summary>
/// <param name="memory">Where replies are kept until read; null keeps each as a managed array.</param>
internal sealed class DumpRecorder(IReplyMemory? memory = null) : IDumpObserver
{
    private readonly List<KeptReply> _replies = [];

    public void OnReply(SocketTable table, byte family, ReadOnlySpan<byte> buffer) =>
        _replies.Add(memory is null
            ? new KeptReply(table, family, buffer.ToArray(), null, 0, buffer.Length)
            : new KeptReply(table, family, null, memory, memory.Keep(buffer), buffer.Length));

    /// <summary>A retried dump starts again: only its last attempt is kept, as the collector keeps only its sockets.</summary>
    public void OnRestart(SocketTable table, byte family) =>
        _replies.RemoveAll(reply => reply.Table == table && reply.Family == family);

    /// <summary>Completes the sample of <paramref name="snapshot"/> (the collection just observed).</summary>
    public RecordedSample TakeSample(SocketSnapshot snapshot, ProcessTable? processes)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var procRecords = new List<SocketRecord>();
        foreach (var socket in snapshot.Sockets)
        {
            if (socket.Has(SocketAttributes.FromProc))
            {
                procRecords.Add(socket);
            }
        }
        var replies = TakeReplies();
        return new RecordedSample(snapshot.Timestamp, Array.ConvertAll(replies, reply => reply.ToRecorded()), procRecords,
            HoldersOf(snapshot.Sockets, processes), snapshot.Diagnostics);
    }

    /// <summary>
    /// Completes the sample just collected without reading its replies: they become a <see cref="RecordedSample"/>
    /// only when the result is first read (a sampler keeps most samples unread until it stops).
    /// </summary>
    public Lazy<RecordedSample> TakeDeferredSample(DateTimeOffset timestamp, IReadOnlyList<SocketRecord> procRecords,
        IReadOnlyList<string> diagnostics)
    {
        var replies = TakeReplies();
        return new Lazy<RecordedSample>(
            () => new RecordedSample(timestamp, Array.ConvertAll(replies, reply => reply.ToRecorded()), procRecords, null, diagnostics),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private KeptReply[] TakeReplies()
    {
        var replies = _replies.ToArray();
        _replies.Clear();
        return replies;
    }

    /// <summary>The holders of the listed sockets only: the rest of the process table is never shown.</summary>
    private static List<RecordedHolder>? HoldersOf(IReadOnlyList<SocketRecord> sockets, ProcessTable? processes)
    {
        if (processes is null)
        {
            return null;
        }
        var holders = new List<RecordedHolder>();
        var seen = new HashSet<uint>();
        foreach (var socket in sockets)
        {
            if (seen.Add(socket.Inode))
            {
                foreach (var user in processes.UsersOf(socket.Inode))
                {
                    holders.Add(new RecordedHolder(socket.Inode, user));
                }
            }
        }
        return holders;
    }

    /// <summary>One reply: its bytes, or where <see cref="IReplyMemory"/> keeps them (holding it keeps them alive).</summary>
    private readonly record struct KeptReply(SocketTable Table, byte Family, byte[]? Bytes, IReplyMemory? Memory, nint Address, int Length)
    {
        public RecordedReply ToRecorded() => new(Table, Family, Bytes ?? Memory!.Copy(Address, Length));
    }
}
