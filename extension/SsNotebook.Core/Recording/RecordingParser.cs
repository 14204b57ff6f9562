namespace SsNotebook.Recording;

/// <summary>Parses an inflated recording body into a <see cref="Recording"/>, validating its structure: a header
/// first, then at most one Naming chunk (version 2 on) and after it at most one Cgroups chunk (version 3 on) before any
/// sample, samples properly opened and closed, an End
/// chunk whose count matches.</summary>
internal static class RecordingParser
{
    public static SsRecording Parse(ReadOnlySpan<byte> body, ushort version)
    {
        var reader = new ChunkReader(body, 0);
        RecordingHeader? header = null;
        NamingContext? naming = null;
        var namingAllowed = version >= RecordingFormat.NamingVersion;
        var cgroupsAllowed = version >= RecordingFormat.CgroupsVersion;
        var samples = new List<RecordedSample>();
        SampleBuilder? open = null;
        while (true)
        {
            if (reader.AtEnd)
            {
                throw new RecordingException(
                    $"Truncated recording: it ends after {samples.Count} complete samples without its end marker");
            }
            var kind = (ChunkKind)reader.U8("chunk kind");
            var length = reader.U32("chunk length");
            var payloadOffset = reader.Offset;
            var chunk = new ChunkReader(reader.Take(length, $"{kind} chunk"), payloadOffset);
            if (header is null && kind != ChunkKind.Header)
            {
                throw new RecordingException($"Corrupt recording: expected the header first, found chunk kind {(byte)kind}");
            }
            switch (kind)
            {
                case ChunkKind.Header when header is null:
                    header = ReadHeader(ref chunk);
                    break;
                case ChunkKind.Naming when namingAllowed && naming is null && open is null && samples.Count == 0:
                    naming = ReadNaming(ref chunk);
                    break;
                case ChunkKind.Cgroups when cgroupsAllowed && naming is { Cgroups: null } && open is null && samples.Count == 0:
                    naming = naming with { Cgroups = ReadCgroups(ref chunk) };
                    break;
                case ChunkKind.SampleBegin when open is null:
                    open = new SampleBuilder(
                        new DateTimeOffset(ReadTicks(ref chunk), TimeSpan.Zero),
                        chunk.U8("sample process flag") != 0);
                    break;
                case ChunkKind.Reply when open is not null:
                    var table = ProcRecordCodec.ReadTable(ref chunk);
                    var family = chunk.U8("reply family");
                    open.Replies.Add(new RecordedReply(table, family, chunk.Rest().ToArray()));
                    break;
                case ChunkKind.ProcRecord when open is not null:
                    open.ProcRecords.Add(ProcRecordCodec.Read(ref chunk));
                    break;
                case ChunkKind.Holder when open is not null:
                    open.Holders.Add(ReadHolder(ref chunk));
                    break;
                case ChunkKind.Diagnostic when open is not null:
                    open.Diagnostics.Add(chunk.String("diagnostic"));
                    break;
                case ChunkKind.SampleEnd when open is not null:
                    samples.Add(open.Build());
                    open = null;
                    break;
                case ChunkKind.End when open is null:
                    var count = chunk.U32("sample count");
                    if (count != samples.Count)
                    {
                        throw new RecordingException(
                            $"Corrupt recording: the end marker counts {count} samples but {samples.Count} were read");
                    }
                    return new SsRecording(header!, samples, naming);
                case ChunkKind.Header or ChunkKind.SampleBegin or ChunkKind.Reply or ChunkKind.ProcRecord
                    or ChunkKind.Holder or ChunkKind.Diagnostic or ChunkKind.SampleEnd or ChunkKind.End
                    or ChunkKind.Naming or ChunkKind.Cgroups:
                    throw new RecordingException(
                        $"Corrupt recording: unexpected {kind} chunk at offset {payloadOffset - 5}");
                default:
                    if (open is null)
                    {
                        throw new RecordingException(
                            $"Corrupt recording: unknown chunk kind {(byte)kind} at offset {payloadOffset - 5}");
                    }
                    break;
            }
            if (kind is not ChunkKind.Reply and not ChunkKind.End && !chunk.AtEnd && Enum.IsDefined(kind))
            {
                throw new RecordingException(
                    $"Corrupt recording: {kind} chunk at offset {payloadOffset - 5} has {chunk.Remaining} unexpected bytes");
            }
        }
    }

    private static long ReadTicks(ref ChunkReader chunk)
    {
        var ticks = chunk.I64("sample timestamp");
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new RecordingException($"Corrupt recording: sample timestamp {ticks} is out of range");
        }
        return ticks;
    }

    private static RecordingHeader ReadHeader(ref ChunkReader chunk)
    {
        var tool = chunk.String("tool");
        var host = chunk.String("host name");
        var kernel = chunk.String("kernel release");
        var created = chunk.I64("creation time");
        if (created < -62135596800000 || created > 253402300799999)
        {
            throw new RecordingException($"Corrupt recording: creation time {created} is out of range");
        }
        var count = chunk.U32("argument count");
        if (count > (uint)chunk.Remaining / 4)
        {
            throw new RecordingException($"Corrupt recording: {count} arguments cannot fit in the header");
        }
        var arguments = new string[count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = chunk.String("argument");
        }
        return new RecordingHeader(host, kernel, arguments, DateTimeOffset.FromUnixTimeMilliseconds(created)) { Tool = tool };
    }

    private static NamingContext ReadNaming(ref ChunkReader chunk) => new()
    {
        Services = ReadOptional(ref chunk, "services table"),
        Protocols = ReadOptional(ref chunk, "protocols table"),
        PortRange = ReadOptional(ref chunk, "ephemeral port range"),
        Interfaces = ReadOptional(ref chunk, "interface list"),
    };

    private static Naming.CgroupSnapshot ReadCgroups(ref ChunkReader chunk)
    {
        var found = chunk.U8("cgroup mount flag");
        if (found > 1)
        {
            throw new RecordingException($"Corrupt recording: cgroup mount flag {found} at offset {chunk.Offset - 1} is not 0 or 1");
        }
        var count = chunk.U32("cgroup count");
        // Each entry takes at least 12 bytes (id and path length): a count the chunk cannot hold allocates nothing.
        if (count > (uint)chunk.Remaining / 12)
        {
            throw new RecordingException($"Corrupt recording: {count} cgroups cannot fit in the Cgroups chunk");
        }
        var paths = new Dictionary<ulong, string>((int)count);
        for (var i = 0; i < count; i++)
        {
            var offset = chunk.Offset;
            var id = chunk.U64("cgroup id");
            if (!paths.TryAdd(id, chunk.String("cgroup path")))
            {
                throw new RecordingException($"Corrupt recording: cgroup {id:x} at offset {offset} is listed twice");
            }
        }
        return new Naming.CgroupSnapshot(found == 1, paths);
    }

    private static string? ReadOptional(ref ChunkReader chunk, string what)
    {
        var present = chunk.U8(what + " flag");
        return present switch
        {
            0 => null,
            1 => chunk.String(what),
            _ => throw new RecordingException($"Corrupt recording: {what} flag {present} at offset {chunk.Offset - 1} is not 0 or 1"),
        };
    }

    private static RecordedHolder ReadHolder(ref ChunkReader chunk)
    {
        var inode = chunk.U32("holder inode");
        var pid = chunk.I32("holder pid");
        var fd = chunk.I32("holder fd");
        var tid = chunk.I32("holder tid");
        var command = chunk.String("holder command");
        return new RecordedHolder(inode, new SocketUser(command, pid, fd, tid));
    }

    private sealed class SampleBuilder(DateTimeOffset timestamp, bool hasProcesses)
    {
        public List<RecordedReply> Replies { get; } = [];

        public List<SocketRecord> ProcRecords { get; } = [];

        public List<RecordedHolder> Holders { get; } = [];

        public List<string> Diagnostics { get; } = [];

        public RecordedSample Build() =>
            new(timestamp, Replies, ProcRecords, hasProcesses ? Holders : null, Diagnostics);
    }
}
