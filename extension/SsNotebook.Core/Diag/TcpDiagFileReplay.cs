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
    /// <summary>
    /// The longest message read. ss reads each into a 16 KiB buffer (longer ones overrun it); sock_diag messages
    /// are a few hundred bytes. A header claiming more is answered as ss's oversized read is: "Bad address".
    /// </summary>
    public const int MaxMessageLength = 1 << 20;

    public static void Replay(ReadOnlySpan<byte> file, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics) =>
        Replay(new MemoryStream(file.ToArray(), writable: false), filter, into, diagnostics);

    /// <summary>Reads <paramref name="file"/> one message at a time, as ss does: memory is one message, whatever the
    /// file's size (a FIFO or /dev/zero included).</summary>
    public static void Replay(Stream file, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(file);
        var buffer = new byte[Nl.HeaderLength];
        while (true)
        {
            if (ReadFully(file, buffer.AsSpan(0, Nl.HeaderLength), "Reading header from $TCPDIAG_FILE", diagnostics) is not true)
            {
                return;
            }
            var length = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(4));
            if (length < Nl.HeaderLength || length > MaxMessageLength)
            {
                // ss asks fread for NLMSG_ALIGN(len - 16) bytes: for these a size no buffer has, which read(2) refuses.
                diagnostics.Add($"Reading $TCPDIAG_FILE: {LibC.ErrorText(14)}");
                return;
            }
            var aligned = Nl.Align((int)length);
            if (buffer.Length < aligned)
            {
                Array.Resize(ref buffer, Math.Max(aligned, 2 * buffer.Length));
            }
            if (ReadFully(file, buffer.AsSpan(Nl.HeaderLength, aligned - Nl.HeaderLength), "Reading $TCPDIAG_FILE", diagnostics) is not true)
            {
                return;
            }
            var payload = buffer.AsSpan(Nl.HeaderLength, (int)length - Nl.HeaderLength);
            if (type == Nl.MsgDone)
            {
                return;
            }
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

    /// <summary>fread of exactly <paramref name="into"/>'s length: false with ss's message at the end of the file
    /// or on a read error (perror's text).</summary>
    private static bool ReadFully(Stream file, Span<byte> into, string what, List<string> diagnostics)
    {
        try
        {
            if (file.ReadAtLeast(into, into.Length, throwOnEndOfStream: false) == into.Length)
            {
                return true;
            }
            diagnostics.Add("Unexpected EOF reading $TCPDIAG_FILE");
        }
        catch (IOException error)
        {
            diagnostics.Add($"{what}: {error.Message}");
        }
        return false;
    }
}
