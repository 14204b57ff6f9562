using SsNotebook.Filter;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>
/// Replays a TCPDIAG_FILE (a recording such as <c>ss -D</c> writes) as ss does: every message is a TCP
/// inet_diag_msg, reading stops at the first NLMSG_DONE (so only the IPv4 half of a -D file is seen), the state and
/// family masks are ignored and only the user-space filter applies. Problems ss reports on stderr without failing
/// are returned as diagnostics.
/// </summary>
public static class TcpDiagFileReplay
{
    public static void Replay(ReadOnlySpan<byte> file, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics)
    {
        // ss reads each message with its padding (NLMSG_ALIGN(len)) and checks neither sequence nor port.
        var reader = new NetlinkReplyReader(file, paddingRequired: true);
        while (reader.TryReadMessage(out var message))
        {
            var record = new SocketRecord();
            if (!InetDiagParser.TryParse(message.Payload, SocketTable.Tcp, record, out var error))
            {
                throw new SsException($"Malformed message in $TCPDIAG_FILE: {error}");
            }
            if (filter is null || filter.Matches(record))
            {
                into.Add(record);
            }
        }
        switch (reader.End)
        {
            case NetlinkReplyEnd.Done:
                return;
            case NetlinkReplyEnd.Error:
                diagnostics.Add(reader.Status is { } status ? $"TCPDIAG answered: {LibC.ErrorText(-status)}" : "ERROR truncated");
                return;
            default:
                // The file ended, or a message runs past its end, before NLMSG_DONE.
                diagnostics.Add("Unexpected EOF reading $TCPDIAG_FILE");
                return;
        }
    }
}
