using System.Diagnostics;
using SsNotebook.CommandLine;
using SsNotebook.Diag;

namespace SsNotebook.Sampling;

/// <summary>
/// Takes repeated snapshots of one ss invocation with the collector alone (no text is rendered while sampling):
/// <c>Sampler.Run("-ti", new SamplingOptions { Samples = 10, Interval = TimeSpan.FromMilliseconds(250) })</c>.
/// Cancelling the token stops within one interval and returns what was collected.
/// </summary>
public static class Sampler
{
    /// <summary>Samples the ss command line <paramref name="commandLine"/> (split like a shell; a leading "ss" is ignored).</summary>
    /// <param name="commandLine">ss's arguments, e.g. "-ti state established".</param>
    /// <param name="options">How many samples, how often, and whether to keep the replies for a recording.</param>
    /// <param name="cancellationToken">Stops sampling within one interval; what was collected is returned.</param>
    /// <param name="progress">Told after every sample (synchronously, on the sampling thread).</param>
    public static SampleSet Run(string commandLine, SamplingOptions options, CancellationToken cancellationToken = default,
        IProgress<SampleProgress>? progress = null)
    {
        var words = ShellWords.Split(commandLine);
        if (words.Count > 0 && words[0] == "ss")
        {
            words = words.Skip(1).ToArray();
        }
        return Run(words, options, cancellationToken, progress);
    }

    /// <summary>Samples ss with <paramref name="arguments"/> (argv without the program name).</summary>
    /// <param name="arguments">ss's arguments, one word each.</param>
    /// <param name="options">How many samples, how often, and whether to keep the replies for a recording.</param>
    /// <param name="cancellationToken">Stops sampling within one interval; what was collected is returned.</param>
    /// <param name="progress">Told after every sample (synchronously, on the sampling thread).</param>
    public static SampleSet Run(IReadOnlyList<string> arguments, SamplingOptions options, CancellationToken cancellationToken = default,
        IProgress<SampleProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        LiveCollection.EnsureSupported();
        if (options.Samples is < 1)
        {
            throw new SsException($"ss: invalid number of samples {options.Samples}: must be at least 1");
        }
        if (options.Interval <= TimeSpan.Zero)
        {
            throw new SsException("ss: the sampling interval must be positive");
        }
        var environment = options.Environment ?? SsEnvironment.FromProcess();
        var parsed = ParseQuery(arguments, environment);
        var query = parsed.Query;
        // Sampling keeps only the raw replies when a sample's sockets can be rebuilt from them: parsing 20k
        // records per sample into the heap, where every one survives, made the garbage collector the largest
        // cost after the kernel itself. The records are parsed when a sample's sockets are first read.
        var deferred = CanDefer(query, environment);
        // Deferred samples keep their raw replies in native memory (see ReplyArena for why).
        var recorder = deferred ? new DumpRecorder(new ReplyArena()) : options.KeepRecording ? new DumpRecorder() : null;
        // Deferred samples keep raw replies only, so the TCP dump may cover both families in one kernel walk.
        var collector = new SocketCollector(environment) { Observer = recorder, CombineTcpFamilies = deferred };
        // The recording keeps the filter text, not the name of a -F file: a replay opens nothing the recording names.
        var header = new RecordingHeader(HostInfo.HostName, HostInfo.KernelRelease, parsed.ReplayableArguments.ToArray(), DateTimeOffset.UtcNow);

        var samples = new SampleList();
        var recorded = options.KeepRecording ? new List<Lazy<RecordedSample>>() : null;
        var seen = progress is null ? null : new DistinctSockets();
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        var previousCount = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Sample sample;
            if (deferred)
            {
                var sink = new DeferringSink(keepCookies: seen is not null);
                var timestamp = DateTimeOffset.UtcNow;
                var diagnostics = collector.Collect(query, sink);
                var taken = recorder!.TakeDeferredSample(timestamp, sink.ProcRecords, diagnostics);
                recorded?.Add(taken);
                var sockets = new DeferredSockets(taken, query, sink.Count);
                sample = new Sample(samples.Count, timestamp, sockets, null) { Diagnostics = diagnostics };
                seen?.Add(sink.Cookies);
            }
            else
            {
                var processScan = ProcessTable.StartScanFor(query, environment);
                var snapshot = Collect(collector, query, previousCount);
                previousCount = snapshot.Sockets.Count;
                var processes = processScan.GetAwaiter().GetResult();
                sample = new Sample(samples.Count, snapshot.Timestamp, snapshot.Sockets, processes) { Diagnostics = snapshot.Diagnostics };
                if (recorder is not null)
                {
                    var taken = recorder.TakeSample(snapshot, processes);
                    recorded!.Add(new Lazy<RecordedSample>(taken));
                }
                seen?.Add(snapshot.Sockets);
            }
            samples.Add(sample);
            if (progress is not null)
            {
                progress.Report(new SampleProgress(samples.Count, sample.Sockets.Count, seen!.Count, clock.Elapsed,
                    new SampleSet(arguments, query, samples.Prefix(), null)));
            }
            if (samples.Count == options.Samples)
            {
                break;
            }
            next += options.Interval;
            var wait = next - clock.Elapsed;
            if (wait <= TimeSpan.Zero)
            {
                // Collection took longer than the interval: start the next one now and keep the pace from here.
                next = clock.Elapsed;
                continue;
            }
            if (cancellationToken.WaitHandle.WaitOne(wait))
            {
                break;
            }
        }
        var recording = recorded is null ? null : new Recording.SsRecording(header, new LazyList<RecordedSample>(recorded))
        {
            KeepsCgroups = query.Show.Cgroup || query.Show.Details,
        };
        return new SampleSet(arguments, query, samples.Prefix(), recording)
        {
            WasCancelled = cancellationToken.IsCancellationRequested,
            Environment = environment,
        };
    }

    /// <summary>Runs <see cref="Run(IReadOnlyList{string}, SamplingOptions, CancellationToken, IProgress{SampleProgress})"/>
    /// on the thread pool.</summary>
    /// <param name="arguments">ss's arguments, one word each.</param>
    /// <param name="options">How many samples, how often, and whether to keep the replies for a recording.</param>
    /// <param name="cancellationToken">Stops sampling within one interval; what was collected is returned.</param>
    /// <param name="progress">Told after every sample (synchronously, on the sampling thread).</param>
    public static Task<SampleSet> RunAsync(IReadOnlyList<string> arguments, SamplingOptions options,
        CancellationToken cancellationToken = default, IProgress<SampleProgress>? progress = null) =>
        Task.Run(() => Run(arguments, options, cancellationToken, progress), CancellationToken.None);

    /// <summary>
    /// <see cref="SocketCollector.Collect(SsQuery)"/> into a list sized for the previous sample's sockets: a growing
    /// list of 20k records reallocates its array a dozen times, the large ones on the large object heap, whose
    /// budget then forces full collections of a heap that holds every sample taken so far.
    /// </summary>
    private static SocketSnapshot Collect(SocketCollector collector, SsQuery query, int previousCount)
    {
        var sink = new PresizedSink(previousCount + previousCount / 8 + 16);
        var timestamp = DateTimeOffset.UtcNow;
        var diagnostics = collector.Collect(query, sink);
        return new SocketSnapshot(sink.Sockets, timestamp) { Diagnostics = diagnostics };
    }

    private sealed class PresizedSink(int capacity) : ISocketSink
    {
        public List<SocketRecord> Sockets { get; } = new(capacity);

        public void Add(SocketRecord socket) => Sockets.Add(socket);
    }

    /// <summary>The invocation to sample: a socket listing (ssn's checks and messages for what cannot be listed).</summary>
    private static SsInvocation ParseQuery(IReadOnlyList<string> arguments, SsEnvironment environment)
    {
        var invocation = SsInvocation.Parse(arguments, environment, TextReader.Null);
        if (invocation.Action != CommandLineAction.Run)
        {
            throw new SsException("ss: -h and -V cannot be sampled");
        }
        if (invocation.Notice is { } notice)
        {
            throw new SsException(notice, 0);
        }
        if (!invocation.IsListing)
        {
            throw new SsException("ss: only socket listings can be sampled (not -s, -E, -K or -D)");
        }
        return invocation;
    }

    /// <summary>
    /// The samples taken so far, growing by one at a time. <see cref="Prefix"/> hands out an immutable view of the
    /// samples so far without copying them: a progress report per sample costs O(1), not O(samples), and a view
    /// read on another thread (a notebook redrawing a chart) never sees a later sample.
    /// </summary>
    private sealed class SampleList
    {
        private Sample[] _items = new Sample[16];

        public int Count { get; private set; }

        public void Add(Sample sample)
        {
            if (Count == _items.Length)
            {
                // Views hold the old array, whose first Count entries never change again.
                var larger = new Sample[_items.Length * 2];
                Array.Copy(_items, larger, Count);
                _items = larger;
            }
            _items[Count++] = sample;
        }

        public IReadOnlyList<Sample> Prefix() => new ArraySegment<Sample>(_items, 0, Count);
    }

    /// <summary>
    /// Counts the distinct sockets (by cookie) of the samples so far. A dump lists a stable population in the same
    /// order every time, so a socket at the same position as in the previous sample is known without a hash lookup.
    /// </summary>
    private sealed class DistinctSockets
    {
        private readonly HashSet<ulong> _seen = [];
        private ulong[] _previous = [];
        private ulong[] _current = [];
        private int _previousCount;

        public int Count => _seen.Count;

        public void Add(IReadOnlyList<SocketRecord> sockets)
        {
            var cookies = new ulong[sockets.Count];
            for (var i = 0; i < cookies.Length; i++)
            {
                cookies[i] = sockets[i].Cookie;
            }
            Add(cookies);
        }

        public void Add(ReadOnlySpan<ulong> cookies)
        {
            if (_current.Length < cookies.Length)
            {
                _current = new ulong[cookies.Length];
            }
            for (var i = 0; i < cookies.Length; i++)
            {
                var cookie = cookies[i];
                _current[i] = cookie;
                if (i >= _previousCount || _previous[i] != cookie)
                {
                    _seen.Add(cookie);
                }
            }
            (_previous, _current) = (_current, _previous);
            _previousCount = cookies.Length;
        }
    }

    /// <summary>
    /// True when every socket of <paramref name="query"/> can be rebuilt from the recorded replies (and /proc
    /// records) exactly as the collector built it: inet tables only (the recording's replayer covers no others),
    /// no TCPDIAG_FILE, and no -p (a recording keeps only the holders of listed sockets, found from their records).
    /// </summary>
    private static bool CanDefer(SsQuery query, SsEnvironment environment) =>
        (query.Tables.Mask & ~Recording.SsRecording.ReplayableTables.Mask) == 0 && environment.TcpDiagFile is null && !query.Show.Processes;

    /// <summary>
    /// Counts the sockets of a deferred sample as the collector parses them into one reused record, keeping only
    /// the records read from /proc (each its own instance: the recording stores them, not replies).
    /// </summary>
    private sealed class DeferringSink(bool keepCookies) : ISocketSink
    {
        private readonly List<ulong>? _cookies = keepCookies ? [] : null;

        public bool ReusesRecords => true;

        public int Count { get; private set; }

        public List<SocketRecord> ProcRecords { get; } = [];

        public ReadOnlySpan<ulong> Cookies => CollectionsMarshal.AsSpan(_cookies);

        public void Add(SocketRecord socket)
        {
            Count++;
            _cookies?.Add(socket.Cookie);
            if (socket.Has(SocketAttributes.FromProc))
            {
                ProcRecords.Add(socket);
            }
        }
    }

    /// <summary>
    /// A sample's sockets kept as its recorded replies and parsed, through the recording's replayer (the
    /// collector's own parser and filter) with the sampled query, the first time they are read. Thread-safe.
    /// </summary>
    private sealed class DeferredSockets(Lazy<RecordedSample> sample, SsQuery query, int count)
        : IReadOnlyList<SocketRecord>
    {
        private readonly Lazy<IReadOnlyList<SocketRecord>> _sockets = new(
            () => Recording.SsRecording.ReplaySample(sample.Value, query).Sockets,
            LazyThreadSafetyMode.ExecutionAndPublication);

        public int Count { get; } = count;

        public SocketRecord this[int index] => _sockets.Value[index];

        public IEnumerator<SocketRecord> GetEnumerator() => _sockets.Value.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A read-only list whose items are made on first read.</summary>
    private sealed class LazyList<T>(List<Lazy<T>> items) : IReadOnlyList<T>
    {
        public int Count => items.Count;

        public T this[int index] => items[index].Value;

        public IEnumerator<T> GetEnumerator() => items.Select(item => item.Value).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
