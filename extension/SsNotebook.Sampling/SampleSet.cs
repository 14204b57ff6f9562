using System.Text;
using SsNotebook.Naming;
using SsNotebook.Text;

namespace SsNotebook.Sampling;

/// <summary>
/// The result of a sampling run (or of replaying a recording of one): every sample's sockets, the
/// <see cref="Samples"/> frame, the sockets that appeared and disappeared, and the recording to save.
/// Frames are built on first use.
/// </summary>
public sealed class SampleSet
{
    private DataFrame? _samples;
    private DataFrame? _summary;
    private SocketChurn? _churn;
    private SsResult? _last;
    private SsResult? _empty;

    internal SampleSet(IReadOnlyList<string> arguments, SsQuery query, IReadOnlyList<Sample> snapshots, Recording.SsRecording? recording)
    {
        Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
        Query = query ?? throw new ArgumentNullException(nameof(query));
        Snapshots = snapshots ?? throw new ArgumentNullException(nameof(snapshots));
        Recording = recording;
    }

    /// <summary>The ss arguments sampled (without "ss").</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The query <see cref="Arguments"/> parse to: what every sample listed.</summary>
    public SsQuery Query { get; }

    /// <summary>The samples in the order taken.</summary>
    public IReadOnlyList<Sample> Snapshots { get; }

    /// <summary>The raw replies of every sample, or null when sampling ran without keeping them.</summary>
    public Recording.SsRecording? Recording { get; }

    /// <summary>The environment text is rendered in by default: the sampling run's, or for a replay the one carrying
    /// the recording's naming tables (so a replay prints the service names the recording machine printed).</summary>
    public SsEnvironment? Environment { get; init; }

    /// <summary>True when the run was stopped by its token before taking all its samples.</summary>
    public bool WasCancelled { get; init; }

    /// <summary>The number of samples taken.</summary>
    public int Count => Snapshots.Count;

    /// <summary>From the first sample to the last.</summary>
    public TimeSpan Duration => Count < 2 ? TimeSpan.Zero : Snapshots[^1].Timestamp - Snapshots[0].Timestamp;

    /// <summary>One row per socket per sample: identity, queues, timers, skmem, every tcp_info field and per-interval
    /// rates such as bytes_acked_per_sec (columns in docs/frames.md and docs/sampling.md).</summary>
    public DataFrame Samples => _samples ??= SamplesFrameBuilder.Build(Snapshots, Query.Show.Processes);

    /// <summary>One row per socket of the run, in order of first appearance: its rtt, cwnd, throughput,
    /// retransmissions and what limited it (docs/charts.md).</summary>
    public DataFrame Summary => _summary ??= SampleSummaryBuilder.Build(this);

    /// <summary>Sockets present in a sample but not in the one before it (the first sample is the baseline).</summary>
    public DataFrame Appeared => Churn.Appeared;

    /// <summary>Sockets present in a sample but gone from the next one, stamped with the sample that missed them.</summary>
    public DataFrame Disappeared => Churn.Disappeared;

    private SocketChurn Churn => _churn ??= SocketChurn.Track(Snapshots);

    /// <summary>The last sample as a one-shot result: its <see cref="SsOutput.Text"/> and every frame of an
    /// <see cref="SsResult"/> (<c>set.Last.Timers</c>, <c>set.Last.Unix</c>, …). With nothing sampled, an empty result
    /// whose frames still have every column, so a query on a quiet run reads as on a busy one.</summary>
    /// <remarks>The set does not repeat each of those frames: it has the three a notebook reads most,
    /// <see cref="Sockets"/>, <see cref="TcpInfo"/> and <see cref="Table"/>, and <see cref="Text"/>.</remarks>
    public SsResult Last => Count == 0
        ? _empty ??= new SsResult(Arguments, Query, [], null, "", DateTimeOffset.UnixEpoch)
        : _last ??= ResultAt(Count - 1);

    /// <summary>The last sample's Sockets frame, as <c>Last.Sockets</c>.</summary>
    public DataFrame Sockets => Last.Sockets;

    /// <summary>The last sample's TcpInfo frame, as <c>Last.TcpInfo</c>.</summary>
    public DataFrame TcpInfo => Last.TcpInfo;

    /// <summary>The last sample's Table frame, as <c>Last.Table</c>.</summary>
    public DataFrame Table => Last.Table;

    /// <summary>What ss 6.10 would have printed for the last sample ("" when nothing was sampled).</summary>
    public string Text => Last.Text;

    /// <summary>One line: how many samples of which ss arguments over how many seconds.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Count} samples of ss {string.Join(' ', Arguments)} over {Duration.TotalSeconds:0.###} s");

    /// <summary>Sample <paramref name="index"/> as a one-shot result: the text ss would have printed and its frames.</summary>
    /// <param name="index">The sample, from 0 to <see cref="Count"/> − 1.</param>
    /// <param name="environment">The environment to render the text in; null for <see cref="Environment"/>.</param>
    public SsResult ResultAt(int index, SsEnvironment? environment = null)
    {
        var sample = Snapshots[index];
        using var output = new MemoryStream();
        environment ??= Environment ?? new SsEnvironment();
        var naming = new NamingTables(environment, Query.NetworkNamespace);
        new SsTextWriter(environment) { Naming = naming }.Write(Query, sample.Sockets, sample.Processes, output, TextLayout.Compact);
        var text = Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        return new SsResult(Arguments, Query, sample.Sockets, sample.Processes, text, sample.Timestamp) { Naming = naming };
    }

    /// <summary>Saves the recording (raw replies, timestamps, host, kernel, arguments) to <paramref name="path"/>.</summary>
    public void Record(string path)
    {
        if (Recording is null)
        {
            throw new InvalidOperationException("This sample set was taken without KeepRecording: there is nothing to save.");
        }
        Recording.Save(path);
    }

    /// <summary>Reads the recording at <paramref name="path"/> and rebuilds the sample set it holds.
    /// A bad file throws <see cref="RecordingException"/>.</summary>
    /// <param name="path">A recording written by <see cref="Record(string)"/> or <c>#!ss --record</c>.</param>
    /// <param name="environment">The environment to replay in, null for a default one; its naming tables (/etc) are
    /// used only by version 1 recordings, which carry none.</param>
    public static SampleSet Replay(string path, SsEnvironment? environment = null) =>
        Replay(SsNotebook.Recording.SsRecording.Open(path), environment);

    /// <summary>Rebuilds the sample set an open recording holds, through the collector's own reply parser.
    /// Arguments that cannot be replayed throw <see cref="RecordingException"/>.</summary>
    /// <param name="recording">The recording, e.g. from <see cref="SsRecording.Open(string)"/>.</param>
    /// <param name="environment">The environment to replay in, null for a default one; its naming tables (/etc) are
    /// used only by version 1 recordings, which carry none.</param>
    public static SampleSet Replay(Recording.SsRecording recording, SsEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var replayed = recording.Replay(environment);
        var samples = new Sample[replayed.Samples.Count];
        for (var i = 0; i < samples.Length; i++)
        {
            var sample = replayed.Samples[i];
            samples[i] = new Sample(i, sample.Snapshot.Timestamp, sample.Snapshot.Sockets, sample.Processes)
            {
                Diagnostics = sample.Snapshot.Diagnostics,
            };
        }
        return new SampleSet(recording.Header.Arguments, replayed.Query, samples, recording) { Environment = replayed.Environment };
    }
}
