namespace SsNotebook;

/// <summary>
/// Runs ss invocations in-process with our own collector and returns text and DataFrames: the library behind
/// <c>#!ss</c>, usable from any .NET program (<c>Ss.Run("-tan state established")</c>).
/// </summary>
public static class Ss
{
    /// <summary>Runs one ss command line, split like a shell would split it. A leading "ss" word is ignored.
    /// Errors throw <see cref="SsException"/> with ss's message.</summary>
    /// <param name="commandLine">ss's arguments, e.g. "-tni state established".</param>
    /// <param name="environment">Environment variables, /proc root and naming tables to run with; null for this
    /// process's.</param>
    public static SsResult Run(string commandLine, SsEnvironment? environment = null)
    {
        var words = ShellWords.Split(commandLine);
        if (words.Count > 0 && words[0] == "ss")
        {
            words = words.Skip(1).ToArray();
        }
        return Run(words, environment);
    }

    /// <summary>Runs ss with <paramref name="arguments"/> (argv without the program name), as <c>ssn</c> runs it: the
    /// same checks and messages, the text formatted inside the -N namespace, the -p scan beside the dump. -h, -V and
    /// ss's notices give a text-only result. Off Linux it throws <see cref="LiveCollectionNotSupportedException"/>
    /// before touching the system.</summary>
    /// <param name="arguments">ss's arguments, one word each.</param>
    /// <param name="environment">Environment variables, /proc root and naming tables to run with; null for this
    /// process's.</param>
    public static SsResult Run(IReadOnlyList<string> arguments, SsEnvironment? environment = null)
    {
        LiveCollection.EnsureSupported();
        var invocation = SsInvocation.Parse(arguments, environment ?? SsEnvironment.FromProcess(), TextReader.Null);
        var query = invocation.Query;
        switch (invocation.Action)
        {
            case CommandLineAction.Help:
                return TextOnly(arguments, query, SsUsage.Text);
            case CommandLineAction.Version:
                return TextOnly(arguments, query, SsCommandLine.VersionText);
        }
        if (invocation.Notice is not null)
        {
            return TextOnly(arguments, query, invocation.Notice + "\n");
        }
        if (UnsupportedMode(query.Mode) is { } mode)
        {
            throw new SsException($"ssn: {mode} is not supported in a library call");
        }
        // --bpf-maps / --bpf-map-id: the maps stay open (their descriptors are in the request) until the text is
        // written; their values are also in each record's BpfStorages.
        using var bpfMaps = Bpf.BpfStorageMaps.Open(query, TextWriter.Null);
        var collector = new SocketCollector(invocation.Environment) { BpfStorageRequest = bpfMaps?.RequestPayload() };
        // -K: the records and text are those of the sockets it closed, as ssn prints them.
        var records = new SocketListSink();
        var timestamp = DateTimeOffset.UtcNow;
        using var output = new MemoryStream();
        var outcome = SsListing.Write(invocation, collector, output, TextLayout.Compact, records, bpfMaps);
        var text = Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        return new SsResult(arguments, query, records.Sockets, outcome.Processes, text, timestamp) { Naming = invocation.Naming };
    }

    /// <summary>
    /// Runs an <c>ss -E</c> command line until <paramref name="cancellation"/> (or <paramref name="duration"/>): the
    /// destroyed sockets it selects, as text exactly as ssn prints them and as an <see cref="SsEventLog.Events"/>
    /// frame. <paramref name="progress"/> hears of each event (off the caller's thread) with the text so far.
    /// </summary>
    /// <param name="arguments">ss's arguments with -E, one word each, e.g. <c>["-E", "-t", "dport", "=",
    /// ":443"]</c>.</param>
    /// <param name="duration">How long to follow; null until cancelled.</param>
    /// <param name="progress">Hears of each event with the log so far.</param>
    /// <param name="environment">The environment to run in; null for this process's.</param>
    /// <param name="cancellation">Stops following; the events seen so far are returned.</param>
    public static Task<SsEventLog> FollowEventsAsync(IReadOnlyList<string> arguments, TimeSpan? duration = null,
        IProgress<SsEventLog>? progress = null, SsEnvironment? environment = null, CancellationToken cancellation = default)
    {
        LiveCollection.EnsureSupported();
        environment ??= SsEnvironment.FromProcess();
        var query = SsInvocation.Parse(arguments, environment, TextReader.Null).Query;
        if (query.Mode != QueryMode.Events)
        {
            throw new SsException("ss: following events needs -E (--events)");
        }
        if (DestroyEventListener.GroupsOf(query) == 0)
        {
            throw new SsException("ss -E: only TCP and UDP sockets have destroy events; this query selects neither", 255);
        }
        // Subscribed before this returns: nothing closed after the call is missed.
        var listener = DestroyEventListener.Open(query);
        var processes = ProcessTable.ScanFor(query, environment);
        return Task.Run(() =>
        {
            using (listener)
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
            using (var output = new MemoryStream())
            using (var session = new SsTextWriter(environment).Begin(query, processes, output, TextLayout.Compact))
            {
                if (duration is { } limit)
                {
                    stop.CancelAfter(limit);
                }
                var events = new EventList();
                var started = DateTimeOffset.UtcNow;
                SsEventLog Log(bool complete) =>
                    new(arguments, query, events.Snapshot(), Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length), started, complete);
                SsApplication.FollowEvents(query, listener, session, events, progress is null ? null : () => progress.Report(Log(false)), stop.Token);
                return Log(true);
            }
        }, CancellationToken.None);
    }

    /// <summary>Modes that do not list sockets: -E never returns (see <see cref="FollowEventsAsync"/>); -D writes
    /// binary and -s a summary, neither a DataFrame.</summary>
    private static string? UnsupportedMode(QueryMode mode) => mode switch
    {
        QueryMode.Events => "-E (--events) in Ss.Run (use Ss.FollowEventsAsync)",
        QueryMode.Dump => "-D (--diag)",
        QueryMode.Summary => "-s (--summary)",
        _ => null,
    };

    /// <summary>The events so far, each with a record of its own, readable while more are added.</summary>
    private sealed class EventList : ISocketSink
    {
        private readonly List<SocketEvent> _events = [];

        public void Add(SocketRecord socket)
        {
            lock (_events)
            {
                _events.Add(new SocketEvent(DateTimeOffset.UtcNow, socket));
            }
        }

        public SocketEvent[] Snapshot()
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    private static SsResult TextOnly(IReadOnlyList<string> arguments, SsQuery query, string text) =>
        new(arguments, query, [], null, text, DateTimeOffset.UtcNow);
}
