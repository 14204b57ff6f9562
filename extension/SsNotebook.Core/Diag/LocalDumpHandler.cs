namespace SsNotebook.Diag;

/// <summary>Decides what one reply of a unix/packet/netlink dump becomes; returns false for a malformed reply.</summary>
/// <param name="payload">The reply's payload after its netlink header.</param>
/// <param name="into">The record to fill.</param>
/// <param name="keep">False when the socket is parsed but not listed (a table that was not asked for).</param>
/// <param name="error">Why the reply is malformed, when it returns false.</param>
internal delegate bool LocalReplyParser(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error);

/// <summary>
/// Turns the replies of one unix, packet or netlink dump into <see cref="SocketRecord"/>s, keeping the tables asked
/// for and the sockets that pass the user-space filter.
/// </summary>
internal sealed class LocalDumpHandler(List<SocketRecord> into, string name, LocalReplyParser parser, SocketFilter? filter)
    : INetlinkDumpHandler
{
    private readonly int _start = into.Count;

    public void OnMessage(in NetlinkMessage message)
    {
        var record = new SocketRecord();
        if (!parser(message.Payload, record, out var keep, out var error))
        {
            throw new SsException($"Malformed {name} sock_diag reply: {error}");
        }
        if (!keep || (filter is not null && !filter.Matches(record)))
        {
            return;
        }
        into.Add(record);
    }

    public void OnRestart() => into.RemoveRange(_start, into.Count - _start);

    public void OnBuffer(ReadOnlySpan<byte> buffer)
    {
    }
}
