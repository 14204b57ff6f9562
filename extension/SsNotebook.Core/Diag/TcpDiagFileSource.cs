using SsNotebook.Filter;
using SsNotebook.Interop;
using SsNotebook.Netlink;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>
/// Replays a TCPDIAG_FILE (a recording such as <c>ss -D</c> writes) as ss does: every message is a TCP
/// inet_diag_msg, reading stops at the first NLMSG_DONE (so only the IPv4 half of a -D file is seen), the state and
/// family masks are ignored and only the user-space filter applies. Problems ss reports on stderr without failing
/// are returned as diagnostics.
/// </summary>
public static class TcpDiagFileSource
{
    /// <summary>Replays the file at <paramref name="path"/>; one that cannot be opened is reported as ss reports it.</summary>
    public static void Read(string path, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var errno = exception is FileNotFoundException or DirectoryNotFoundException ? LibC.Enoent : LibC.Eacces;
            diagnostics.Add($"fopen($TCPDIAG_FILE): {LibC.ErrorText(errno)}");
            return;
        }
        Replay(bytes, filter, into, diagnostics);
    }

    public static void Replay(ReadOnlySpan<byte> file, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics)
    {
        // ss reads each message with its padding (NLMSG_ALIGN(len)) and checks neither sequence nor port.
        var reader = new NetlinkReplyReader(file, paddingRequired: true);
        var emitter = new InetRecordEmitter(SocketTable.Tcp, familyMask: null, filter, new SocketListSink(into), "Malformed message in $TCPDIAG_FILE");
        while (reader.TryReadMessage(out var message))
        {
            emitter.Emit(message.Payload);
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
