using SsNotebook.Filter;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>
/// Turns the replies of one inet dump (one table, one family) into <see cref="SocketRecord"/>s appended to a list,
/// keeping only sockets of a wanted family that pass the user-space filter, as ss's show_one_inet_sock does.
/// </summary>
internal sealed class InetDumpHandler(
    List<SocketRecord> into, SocketTable table, byte family, ulong familyMask, SocketFilter? filter, IDumpObserver? observer)
    : INetlinkDumpHandler
{
    private readonly int _start = into.Count;

    public void OnMessage(in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (!InetDiag.IsWantedFamily(payload, familyMask))
        {
            return;
        }
        var record = new SocketRecord();
        if (ParseSelected(payload, table, filter, record))
        {
            into.Add(record);
        }
    }

    /// <summary>Parses one inet_diag payload into <paramref name="record"/> (a malformed one is ss's kind of error)
    /// and tells whether it passes the user-space filter.</summary>
    internal static bool ParseSelected(ReadOnlySpan<byte> payload, SocketTable table, SocketFilter? filter, SocketRecord record)
    {
        if (!InetDiagParser.TryParse(payload, table, record, out var error))
        {
            throw new SsException($"Malformed {table.ToString().ToLowerInvariant()} sock_diag reply: {error}");
        }
        return filter is null || filter.Matches(record);
    }

    public void OnRestart()
    {
        into.RemoveRange(_start, into.Count - _start);
        observer?.OnRestart(table, family);
    }

    public void OnBuffer(ReadOnlySpan<byte> buffer) => observer?.OnReply(table, family, buffer);
}
