using System.Buffers.Binary;
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
        var remaining = file;
        while (true)
        {
            if (remaining.Length < Nl.HeaderLength)
            {
                diagnostics.Add("Unexpected EOF reading $TCPDIAG_FILE");
                return;
            }
            var length = BinaryPrimitives.ReadUInt32LittleEndian(remaining);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(remaining[4..]);
            if (length < Nl.HeaderLength || Nl.Align((int)Math.Min(length, int.MaxValue - 3)) > remaining.Length)
            {
                // ss reads NLMSG_ALIGN(len) - 16 more bytes; a file that ends before them is cut short.
                diagnostics.Add("Unexpected EOF reading $TCPDIAG_FILE");
                return;
            }
            var message = remaining[..(int)length];
            remaining = remaining[Nl.Align((int)length)..];
            if (type == Nl.MsgDone)
            {
                return;
            }
            var payload = message[Nl.HeaderLength..];
            if (type == Nl.MsgError)
            {
                diagnostics.Add(payload.Length < 4 + Nl.HeaderLength
                    ? "ERROR truncated"
                    : $"TCPDIAG answered: {LibC.ErrorText(-BinaryPrimitives.ReadInt32LittleEndian(payload))}");
                return;
            }
            var record = new SocketRecord();
            if (!InetDiagParser.TryParse(payload, SocketTable.Tcp, record, out var error))
            {
                throw new SsException($"Malformed message in $TCPDIAG_FILE: {error}");
            }
            if (filter is null || filter.Matches(record))
            {
                into.Add(record);
            }
        }
    }
}
