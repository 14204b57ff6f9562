namespace SsNotebook.Recording;

/// <summary>
/// Turns one recorded sample back into the collector's snapshot: table by table in the collector's order, the
/// recorded /proc sockets where the table came from /proc, otherwise every reply message through the same
/// <see cref="InetRecordEmitter"/> (family mask, <see cref="InetDiagParser"/>, user-space filter) the live dump used.
/// </summary>
internal static class SampleReplayer
{
    /// <summary>The tables a recorded sample can hold (and replay rebuilds).</summary>
    public static TableSet Tables { get; } = TableSet.Of(InetDumpPlan.TableOrder);

    public static SocketSnapshot Replay(RecordedSample sample, SsQuery query)
    {
        var sockets = new List<SocketRecord>();
        foreach (var table in InetDumpPlan.TableOrder)
        {
            if (!query.Tables.Contains(table))
            {
                continue;
            }
            var fromProc = false;
            foreach (var record in sample.ProcRecords)
            {
                if (record.Table == table)
                {
                    sockets.Add(record);
                    fromProc = true;
                }
            }
            if (!fromProc)
            {
                ReplayReplies(sample, table, query, sockets);
            }
        }
        return new SocketSnapshot(sockets, sample.Timestamp) { Diagnostics = sample.Diagnostics };
    }

    private static void ReplayReplies(RecordedSample sample, SocketTable table, SsQuery query, List<SocketRecord> sockets)
    {
        var start = sockets.Count;
        foreach (var reply in sample.Replies)
        {
            if (reply.Table != table)
            {
                continue;
            }
            if (reply.Family == InetDiag.BothFamilies)
            {
                // One dump answered for both families (the sampler's): AF_INET's sockets first, as from two dumps.
                continue;
            }
            if (!ReplayReply(reply, table, query.Families, query, sockets, start))
            {
                return;
            }
        }
        foreach (var family in (ReadOnlySpan<byte>)[AddressFamilies.Inet, AddressFamilies.Inet6])
        {
            foreach (var reply in sample.Replies)
            {
                if (reply.Table == table && reply.Family == InetDiag.BothFamilies
                    && !ReplayReply(reply, table, query.Families & (1UL << family), query, sockets, start))
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Parses one recorded reply; false when it held the dump's failure (then nothing of the table stays).
    /// </summary>
    /// <remarks>
    /// Replay checks what the recording can vouch for: the framing of every message and the sequence number (every
    /// dump asks with ss's <see cref="NetlinkDump.MagicSequence"/>), so a recorded buffer is read as the live dump
    /// read it. It cannot check the port id, which belonged to a socket of the recording process and is not
    /// recorded. Nothing is lost by that: a dump records only the datagrams the kernel sent (see
    /// <see cref="INetlinkDumpHandler.OnBuffer"/>), and the kernel addresses every one to the socket that asked.
    /// </remarks>
    private static bool ReplayReply(RecordedReply reply, SocketTable table, ulong familyMask, SsQuery query,
        List<SocketRecord> sockets, int start)
    {
        var emitter = new InetRecordEmitter(table, familyMask, query.Filter, new SocketListSink(sockets), InetRecordEmitter.MalformedReply(table));
        var reader = new NetlinkReplyReader(reply.Buffer, NetlinkDump.MagicSequence);
        while (true)
        {
            while (reader.TryReadMessage(out var message))
            {
                try
                {
                    emitter.Emit(message.Payload);
                }
                catch (SsException exception)
                {
                    throw new RecordingException($"Corrupt recording: {exception.Message}", exception);
                }
            }
            if (reader.End == NetlinkReplyEnd.Error && reader.Status != 0)
            {
                // The live dump failed here (no diag module) and fell back to /proc, which listed nothing.
                sockets.RemoveRange(start, sockets.Count - start);
                return false;
            }
            if (reader.End != NetlinkReplyEnd.Error)
            {
                break;
            }
        }
        if (reader.Error is { } error)
        {
            throw new RecordingException($"Corrupt recording: a recorded {table} reply is malformed ({error})");
        }
        return true;
    }
}
