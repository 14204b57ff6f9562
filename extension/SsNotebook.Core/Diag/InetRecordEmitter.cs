namespace SsNotebook.Diag;

/// <summary>
/// The one path from an inet_diag reply to a listed socket — live dumps, replays and TCPDIAG_FILE alike: the family
/// check, <see cref="InetDiagParser"/> (a malformed reply is ss's kind of error), the user-space filter, the sink.
/// With a sink that <see cref="ISocketSink.ReusesRecords"/>, every reply is parsed into one record.
/// </summary>
/// <param name="table">The table the replies come from.</param>
/// <param name="familyMask">The families kept (bits 1 &lt;&lt; AF_*), as ss's show_one_inet_sock drops the others;
/// null keeps every reply (a TCPDIAG_FILE replay).</param>
/// <param name="filter">The user-space filter, or null to keep every socket.</param>
/// <param name="sink">Where kept sockets go.</param>
/// <param name="malformed">How a malformed reply is introduced in the error.</param>
internal sealed class InetRecordEmitter(SocketTable table, ulong? familyMask, SocketFilter? filter, ISocketSink sink, string malformed)
{
    private readonly SocketRecord? _reused = sink.ReusesRecords ? new SocketRecord() : null;

    /// <summary>The replies of a wanted family seen so far (listed or filtered out).</summary>
    public int Count { get; private set; }

    public static string MalformedReply(SocketTable table) => $"Malformed {table.ToString().ToLowerInvariant()} sock_diag reply";

    public void Emit(ReadOnlySpan<byte> payload)
    {
        if (familyMask is { } mask && !InetDiag.IsWantedFamily(payload, mask))
        {
            return;
        }
        Count++;
        var record = _reused ?? new SocketRecord();
        record.Reset();
        if (!InetDiagParser.TryParse(payload, table, record, out var error))
        {
            throw new SsException($"{malformed}: {error}");
        }
        if (filter is null || filter.Matches(record))
        {
            sink.Add(record);
        }
    }
}
