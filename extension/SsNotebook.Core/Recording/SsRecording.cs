using SsNotebook.CommandLine;

namespace SsNotebook.Recording;

/// <summary>
/// A replayable recording of one or more collections: the raw netlink replies with their timestamps, the host,
/// kernel and ss arguments (format in samples/README.md). <see cref="Replay"/> runs the replies through
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
    internal SsRecording(RecordingHeader header, IReadOnlyList<RecordedSample> samples, NamingContext? naming)
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
    internal SsRecording(RecordingHeader header, IReadOnlyList<RecordedSample> samples)
        : this(header, samples, null)
    {
        _namingKnown = false;
        _madeHere = true;
    }

    /// <summary>The run's text names cgroups (-e, --cgroup): saving keeps this machine's cgroup hierarchy, so a replay
    /// elsewhere prints the same paths. Other recordings do not carry it (it names every cgroup of the machine).</summary>
    internal bool KeepsCgroups { get; init; }

    /// <summary>Where, when and with which ss arguments the recording was made.</summary>
    public RecordingHeader Header { get; }

    internal IReadOnlyList<RecordedSample> Samples { get; }

    /// <summary>The naming tables the text and filter used when recording; null for version 1 recordings.</summary>
    internal NamingContext? Naming
    {
        get
        {
            if (!_namingKnown)
            {
                // Racing readers capture the same tables; either result is right.
                _naming = NamingContext.Capture(SsEnvironment.FromProcess(), NamespaceArguments.Find(Header.Arguments), KeepsCgroups);
                _namingKnown = true;
            }
            return _naming;
        }
    }

    /// <summary>Reads a recording file. Anything wrong with it throws <see cref="RecordingException"/>.</summary>
    /// <param name="path">A recording file (.ssrec).</param>
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

    /// <summary>Reads a recording from <paramref name="input"/> (to its end). Anything wrong with it throws
    /// <see cref="RecordingException"/>; memory stays within a multiple of its size (docs/hardening.md).</summary>
    /// <param name="input">The recording's bytes, read to the end.</param>
    public static SsRecording Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (body, length, version) = RecordingReader.Read(input);
        return RecordingParser.Parse(body.AsSpan(0, length), version);
    }

    /// <summary>Writes the recording to <paramref name="path"/> (replacing it).</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        using var file = File.Create(path);
        Write(file);
    }

    /// <summary>Writes the recording (format <see cref="FormatVersion"/>, deflated) to <paramref name="output"/> and
    /// flushes it; the stream is left open.</summary>
    /// <param name="output">The stream to write to.</param>
    public void Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> preamble = stackalloc byte[RecordingFormat.PreambleLength];
        RecordingFormat.Magic.CopyTo(preamble);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(preamble[6..], RecordingFormat.Version);
        output.Write(preamble);
        // Compressed first so its length can lead it: a file cut anywhere is then detected even where the
        // inflated content would happen to look complete.
        var compressed = Compress(CompressionLevel.Optimal);
        Span<byte> length = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, compressed.Length);
        output.Write(length);
        output.Write(compressed.GetBuffer(), 0, (int)compressed.Length);
        output.Flush();
    }

    /// <summary>
    /// The deflated body, one segment per sample. Should it still inflate beyond what readers accept
    /// (<see cref="RecordingLimits.InflatedLimit"/>), it is stored uncompressed instead: larger, never unreadable.
    /// </summary>
    private MemoryStream Compress(CompressionLevel level)
    {
        var compressed = new MemoryStream();
        long inflated;
        using (var deflate = new SegmentedDeflate(compressed, level))
        {
            RecordingSerializer.Write(deflate, this, deflate.Cut);
            deflate.Complete();
            inflated = deflate.InflatedLength;
        }
        return inflated > RecordingLimits.InflatedLimit(compressed.Length) && level != CompressionLevel.NoCompression
            ? Compress(CompressionLevel.NoCompression)
            : compressed;
    }

    /// <summary>
    /// Rebuilds every sample's sockets. The arguments are parsed again to get the same query, whose filter picks the
    /// same sockets out of the replies. A recording comes from someone else, so its arguments are parsed
    /// <see cref="SsEnvironment.FromRecording"/>: nothing they name is opened or looked up (no -F file, -N
    /// namespace, host name, cgroup path; interface names only from the recorded <see cref="Naming"/>), none of
    /// TCPDIAG_FILE, PROC_ROOT and the PROC_* variables is read, -r prints addresses (no DNS) and -s no summary.
    /// With recorded <see cref="Naming"/> the filter is parsed, and <see cref="ReplayedRecording.Environment"/>
    /// renders text, with the recorded tables only; a version 1 recording uses <paramref name="environment"/>'s
    /// (this machine's /etc). A recording this process made is replayed in <paramref name="environment"/> as its
    /// live run was. Arguments that cannot be replayed throw <see cref="RecordingException"/>.
    /// </summary>
    /// <param name="environment">The environment to replay in, null for a default one; its naming tables (/etc) are
    /// used only by version 1 recordings, which carry none, and by recordings this process made.</param>
    public ReplayedRecording Replay(SsEnvironment? environment = null)
    {
        environment ??= new SsEnvironment();
        if (!_madeHere)
        {
            environment = environment.ForRecording(Naming);
        }
        if (NamespaceArguments.Find(Header.Arguments) is not null)
        {
            environment = environment with { RecordedUnderNetworkNamespace = true };
        }
        var arguments = NamespaceArguments.Strip(Header.Arguments);
        var query = ParseArguments(arguments, environment);
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

    private static SsQuery ParseArguments(IReadOnlyList<string> arguments, SsEnvironment environment)
    {
        SsInvocation parsed;
        try
        {
            parsed = SsInvocation.Parse(arguments, environment, TextReader.Null);
        }
        catch (SsException exception)
        {
            // ss's usage text, which follows some of its messages, says nothing about a recording.
            var message = exception.Message;
            var usage = message.IndexOf("\nUsage: ss [ OPTIONS ]", StringComparison.Ordinal);
            message = (usage >= 0 ? message[..usage] : message).TrimEnd('\n');
            throw new RecordingException($"Cannot replay ss {Describe(arguments)}: {message}", exception);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // A cgroup filter (or, without recorded interfaces, a dev filter) asks libc, which this OS lacks.
            throw new RecordingException(
                $"Cannot replay ss {Describe(arguments)} here: its filter needs Linux to resolve ({exception.Message})", exception);
        }
        if (!parsed.IsListing)
        {
            throw new RecordingException(
                $"Cannot replay ss {Describe(arguments)}: a recording holds socket listings, and these arguments ask for none");
        }
        var query = parsed.Query;
        return query with { Show = query.Show with { Resolve = false }, PrintSummary = false };
    }

    /// <summary>Arguments for a message: a recording may hold megabytes of them.</summary>
    private static string Describe(IReadOnlyList<string> arguments)
    {
        const int Shown = 200;
        var text = string.Join(' ', arguments);
        return text.Length <= Shown ? text : string.Concat(text.AsSpan(0, Shown), "…");
    }

    /// <summary>The socket tables a recording holds: a query listing others cannot be rebuilt from one.</summary>
    internal static TableSet ReplayableTables => SampleReplayer.Tables;

    /// <summary>
    /// Rebuilds one recorded sample's sockets with a query already parsed, e.g. by the process that recorded it
    /// (<see cref="Replay"/> parses the recorded arguments again instead).
    /// </summary>
    internal static SocketSnapshot ReplaySample(RecordedSample sample, SsQuery query)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(query);
        return SampleReplayer.Replay(sample, query);
    }
}
