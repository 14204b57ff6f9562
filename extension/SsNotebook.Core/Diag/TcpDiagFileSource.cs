namespace SsNotebook.Diag;

/// <summary>
/// Replays a TCPDIAG_FILE (a recording such as <c>ss -D</c> writes) as ss does: every message is a TCP
/// inet_diag_msg, reading stops at the first NLMSG_DONE (so only the IPv4 half of a -D file is seen), the state and
/// family masks are ignored and only the user-space filter applies. Problems ss reports on stderr without failing
/// are returned as diagnostics.
/// </summary>
internal static class TcpDiagFileSource
{
    /// <summary>
    /// The longest message read. ss reads each into a 16 KiB buffer (longer ones overrun it); sock_diag messages
    /// are a few hundred bytes. A header claiming more is answered as ss's oversized read is: "Bad address".
    /// </summary>
    public const int MaxMessageLength = 1 << 20;

    private const int Efault = 14;

    /// <summary>The one message ss writes to stderr without a newline (its fprintf has none).</summary>
    public const string UnexpectedEof = "Unexpected EOF reading $TCPDIAG_FILE";

    /// <summary>How <paramref name="diagnostic"/> ends on stderr: ss terminates every line but <see cref="UnexpectedEof"/>.</summary>
    public static string LineEnd(string diagnostic) => diagnostic == UnexpectedEof ? "" : "\n";

    /// <summary>Replays the file at <paramref name="path"/>; one that cannot be opened is reported as ss reports it.</summary>
    public static void Read(string path, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics)
    {
        // open(2) as ss's fopen: a directory opens, and then fails to read, as in ss.
        var fd = LibC.Open(LibC.AtFdCwd, path, LibC.ORdOnly);
        if (fd < 0)
        {
            diagnostics.Add($"fopen($TCPDIAG_FILE): {LibC.LastErrorMessage()}");
            return;
        }
        try
        {
            Replay(new CommandLine.DescriptorStream(fd, FileAccess.Read), filter, into, diagnostics);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    public static void Replay(ReadOnlySpan<byte> file, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics) =>
        Replay(new MemoryStream(file.ToArray(), writable: false), filter, into, diagnostics);

    /// <summary>Reads <paramref name="file"/> one message at a time, as ss does: memory is one message, whatever the
    /// file's size (a FIFO or /dev/zero included).</summary>
    public static void Replay(Stream file, SocketFilter? filter, List<SocketRecord> into, List<string> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(file);
        var emitter = new InetRecordEmitter(SocketTable.Tcp, familyMask: null, filter, new SocketListSink(into), "Malformed message in $TCPDIAG_FILE");
        var buffer = new byte[Nl.HeaderLength];
        while (true)
        {
            if (!ReadFully(file, buffer.AsSpan(0, Nl.HeaderLength), "Reading header from $TCPDIAG_FILE", diagnostics))
            {
                return;
            }
            var length = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
            if (length < Nl.HeaderLength || length > MaxMessageLength)
            {
                // ss asks fread for NLMSG_ALIGN(len - 16) bytes: for these a size no buffer has, which read(2) refuses.
                diagnostics.Add($"Reading $TCPDIAG_FILE: {LibC.ErrorText(Efault)}");
                return;
            }
            var aligned = Nl.Align((int)length);
            if (buffer.Length < aligned)
            {
                Array.Resize(ref buffer, Math.Max(aligned, 2 * buffer.Length));
            }
            if (!ReadFully(file, buffer.AsSpan(Nl.HeaderLength, aligned - Nl.HeaderLength), "Reading $TCPDIAG_FILE", diagnostics))
            {
                return;
            }
            // ss reads each message with its padding and checks neither sequence nor port.
            var reader = new NetlinkReplyReader(buffer.AsSpan(0, aligned), paddingRequired: true);
            if (reader.TryReadMessage(out var message))
            {
                emitter.Emit(message.Payload);
                continue;
            }
            switch (reader.End)
            {
                case NetlinkReplyEnd.Done:
                    return;
                case NetlinkReplyEnd.Error:
                    diagnostics.Add(reader.Status is { } status ? $"TCPDIAG answered: {LibC.ErrorText(-status)}" : "ERROR truncated");
                    return;
                default:
                    // NLMSG_NOOP and its kin: ss hands them to the parser as it does every other message.
                    continue;
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
            diagnostics.Add(UnexpectedEof);
        }
        catch (IOException error)
        {
            diagnostics.Add($"{what}: {error.Message}");
        }
        return false;
    }
}
