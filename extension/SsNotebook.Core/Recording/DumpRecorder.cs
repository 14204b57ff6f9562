using SsNotebook.Diag;
using SsNotebook.Processes;
using SsNotebook.Sockets;

namespace SsNotebook.Recording;

/// <summary>
/// Collects the raw replies of one collection as a <see cref="SocketCollector.Observer"/>; after the collection,
/// <see cref="TakeSample"/> adds what did not come over netlink and starts over for the next one.
/// Not thread-safe: one collection at a time.
/// </summary>
public sealed class DumpRecorder : IDumpObserver
{
    private List<RecordedReply> _replies = [];

    public void OnReply(SocketTable table, byte family, ReadOnlySpan<byte> buffer) =>
        _replies.Add(new RecordedReply(table, family, buffer.ToArray()));

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
        var sample = new RecordedSample(snapshot.Timestamp, _replies, procRecords, HoldersOf(snapshot.Sockets, processes), snapshot.Diagnostics);
        _replies = [];
        return sample;
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
}
