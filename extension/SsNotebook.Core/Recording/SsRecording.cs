using System.IO.Compression;
using SsNotebook.Diag;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Recording;

/// <summary>
/// A replayable recording of one or more collections: the raw netlink replies with their timestamps, the host,
/// kernel and ss arguments (layout in <see cref="RecordingFormat"/>). <see cref="Replay"/> runs the replies through
/// the collector's own parser, so the sockets — and every frame, text and chart made from them — are the ones the
/// live run had, on any OS.
/// </summary>
public sealed class SsRecording
{
    /// <summary>The format version this code writes (and the newest it reads).</summary>
    public const int FormatVersion = RecordingFormat.Version;

    /// <summary>True for a recording of collections made by this process: its naming tables are this machine's.</summary>
    private readonly bool _madeHere;
    private NamingContext? _naming;
    private bool _namingKnown;

    /// <param name="header">Where and how it was recorded.</param>
    /// <param name="samples">The collections.</param>
    /// <param name="naming">The recording machine's naming tables (<see cref="NamingContext.Capture"/> with the
    /// environment and -N namespace of the run), or null when unknown (version 1 files): replay then names ports with
    /// the replaying machine's tables.</param>
    public SsRecording(RecordingHeader header, IReadOnlyList<RecordedSample> samples, NamingContext? naming)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Samples = samples ?? throw new ArgumentNullException(nameof(samples));
        _naming = naming;
        _namingKnown = true;
    }

    /// <summary>A recording of collections made just now on this machine. Its <see cref="Naming"/> is this machine's,
    /// captured when first needed (saving): the environment of this process and the -N namespace of
    /// <paramref name="header"/>'s arguments. Replaying it in this process uses the environment given to
    /// <see cref="Replay"/>, as the live run did, and reads no tables.</summary>
    public SsRecording(RecordingHeader header, IReadOnlyList<RecordedSample> samples)
        : this(header, samples, null)
    {
        _namingKnown = false;
        _madeHere = true;
    }

    public RecordingHeader Header { get; }

    public IReadOnlyList<RecordedSample> Samples { get; }

    /// <summary>The naming tables the text and filter used when recording; null for version 1 recordings.</summary>
    public NamingContext? Naming
    {
        get
        {
            if (!_namingKnown)
            {
                // Racing readers capture the same tables; either result is right.
                _naming = NamingContext.Capture(SsEnvironment.FromProcess(), NamespaceArguments.Find(Header.Arguments));
                _namingKnown = true;
            }
            return _naming;
        }
    }

    /// <summary>Reads a recording file. Anything wrong with it throws <see cref="RecordingException"/>.</summary>
    public static SsRecording Open(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return Read(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RecordingException($"Cannot read recording {path}: {exception.Message}", exception);
        }
    }

    /// <summary>Reads a recording from <paramref name="input"/> (to its end).</summary>
    public static SsRecording Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Span<byte> preamble = stackalloc byte[RecordingFormat.PreambleLength];
        var got = input.ReadAtLeast(preamble, preamble.Length, throwOnEndOfStream: false);
        if (got < preamble.Length || !preamble[..6].SequenceEqual(RecordingFormat.Magic))
        {
            throw new RecordingException("Not an ss recording: the file does not start with SSNREC");
        }
        var version = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(preamble[6..]);
        if (version == 0 || version > RecordingFormat.Version)
        {
            throw new RecordingException(
                $"Unsupported recording format version {version} (this version reads up to {RecordingFormat.Version})");
        }
        return RecordingParser.Parse(Inflate(ReadCompressed(input)), version);
    }

    /// <summary>Writes the recording to <paramref name="path"/> (replacing it).</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        Write(file);
    }

    public void Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> preamble = stackalloc byte[RecordingFormat.PreambleLength];
        RecordingFormat.Magic.CopyTo(preamble);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(preamble[6..], RecordingFormat.Version);
        output.Write(preamble);
        // Compressed first so its length can lead it: a file cut anywhere is then detected even where the
        // inflated content would happen to look complete.
        var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        using (var buffered = new BufferedStream(deflate, 1 << 16))
        {
            RecordingSerializer.Write(buffered, this);
        }
        Span<byte> length = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, compressed.Length);
        output.Write(length);
        output.Write(compressed.GetBuffer(), 0, (int)compressed.Length);
        output.Flush();
    }

    /// <summary>
    /// Rebuilds every sample's sockets. The arguments are parsed again (in <paramref name="environment"/>, by default
    /// a neutral one: replay never reads this machine's TCPDIAG_FILE or PROC_* variables) to get the same query,
    /// whose filter picks the same sockets out of the replies. A -N namespace is not opened again. With recorded
    /// <see cref="Naming"/> the filter is parsed, and <see cref="ReplayedRecording.Environment"/> renders text, with
    /// the recorded tables only; a version 1 recording, and one this process made, use
    /// <paramref name="environment"/>'s (this machine's).
    /// </summary>
    public ReplayedRecording Replay(SsEnvironment? environment = null)
    {
        environment ??= new SsEnvironment();
        if (!_madeHere && Naming is { } naming)
        {
            environment = environment with { Naming = naming };
        }
        var arguments = NamespaceArguments.Strip(Header.Arguments);
        SsQuery query;
        try
        {
            query = CommandLine.SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // A cgroup filter (or, without recorded interfaces, a dev filter) asks libc, which this OS lacks.
            throw new RecordingException(
                $"Cannot replay ss {string.Join(' ', arguments)} here: its filter needs Linux to resolve ({exception.Message})", exception);
        }
        var replayed = new List<ReplayedSample>(Samples.Count);
        foreach (var sample in Samples)
        {
            var snapshot = SampleReplayer.Replay(sample, query);
            var processes = sample.Holders is { } holders
                ? ProcessTable.FromHolders(holders.Select(holder => (holder.Inode, holder.User)).ToArray())
                : null;
            replayed.Add(new ReplayedSample(snapshot, processes));
        }
        return new ReplayedRecording(Header, query, replayed, environment);
    }

    /// <summary>The socket tables a recording holds: a query listing others cannot be rebuilt from one.</summary>
    public static TableSet ReplayableTables => SampleReplayer.Tables;

    /// <summary>
    /// Rebuilds one recorded sample's sockets with a query already parsed, e.g. by the process that recorded it
    /// (<see cref="Replay"/> parses the recorded arguments again instead).
    /// </summary>
    public static SocketSnapshot ReplaySample(RecordedSample sample, SsQuery query)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(query);
        return SampleReplayer.Replay(sample, query);
    }

    private static MemoryStream ReadCompressed(Stream input)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (input.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
        {
            throw new RecordingException("Truncated recording: the body length is missing");
        }
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (length < 0 || length > RecordingFormat.MaxBodyLength)
        {
            throw new RecordingException($"Corrupt recording: body length {length} is impossible");
        }
        var body = new byte[length];
        var got = input.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
        if (got < length)
        {
            throw new RecordingException($"Truncated recording: the body has {got} of its {length} bytes");
        }
        return new MemoryStream(body, writable: false);
    }

    private static byte[] Inflate(Stream input)
    {
        try
        {
            using var deflate = new DeflateStream(input, CompressionMode.Decompress, leaveOpen: true);
            using var body = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = deflate.Read(chunk)) > 0)
            {
                if (body.Length + read > RecordingFormat.MaxBodyLength)
                {
                    throw new RecordingException("Corrupt recording: the body inflates beyond 2 GB");
                }
                body.Write(chunk, 0, read);
            }
            return body.ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw new RecordingException($"Corrupt recording: the compressed body is damaged ({exception.Message})", exception);
        }
    }
}
