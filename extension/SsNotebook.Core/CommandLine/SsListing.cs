namespace SsNotebook.CommandLine;

/// <summary>
/// Lists an invocation's sockets as ss's text, the one way <c>ssn</c> and the library do it: each socket is formatted
/// as the collector parses it, so inside the -N namespace (interface names are that namespace's), and the -p scan of
/// /proc runs beside the dump rather than after it.
/// </summary>
internal static class SsListing
{
    /// <summary>
    /// Collects <paramref name="invocation"/>'s sockets with <paramref name="collector"/> and writes their text to
    /// <paramref name="output"/>; <paramref name="keep"/>, when given, also receives every socket (the library's
    /// records; with -K, the sockets it closed). <paramref name="bpfMaps"/> are the maps --bpf-maps/--bpf-map-id
    /// opened, whose values the text prints. Returns what ss would print on stderr while succeeding, and the process
    /// table of -p.
    /// </summary>
    public static ListingOutcome Write(SsInvocation invocation, SocketCollector collector, Stream output, TextLayout layout,
        ISocketSink? keep = null, Bpf.BpfStorageMaps? bpfMaps = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(collector);
        var query = invocation.Query;
        var environment = invocation.Environment;
        var processScan = ProcessTable.StartScanFor(query, environment);
        // The collector skips the tables it cannot list; the writer still gets the query as asked, so the columns
        // (Netid, State) are those ss would show for it.
        // The writer formats each socket as the collector parses it and keeps no record: a listing allocates
        // nothing per socket. It starts at the first socket, by when the kernel has done a whole dump, so the
        // /proc walk has had that long to finish.
        var writer = new SsTextWriter(environment) { BpfMaps = bpfMaps, Naming = invocation.Naming };
        using var table = new StartsOnFirstSocket(() => writer.Begin(query, processScan.GetAwaiter().GetResult(), output, layout));
        ISocketSink shown = keep is null ? table : new TeeSink(keep, table);
        // -K: only the sockets the kernel agreed to close are shown (and kept).
        using var destroyer = query.Mode == QueryMode.Kill ? new SocketDestroyer(query.NetworkNamespace) : null;
        var killer = destroyer is null ? null : new SocketKiller(destroyer, shown);
        var diagnostics = collector.Collect(query, killer ?? shown);
        table.Session.Complete();
        return new ListingOutcome([.. killer?.Diagnostics ?? [], .. table.Session.Diagnostics, .. diagnostics], processScan.GetAwaiter().GetResult());
    }

    /// <summary>A text table that begins (and so waits for the process map) only when the first socket arrives.</summary>
    private sealed class StartsOnFirstSocket(Func<SsTextSession> begin) : ISocketSink, IDisposable
    {
        private SsTextSession? _session;

        public SsTextSession Session => _session ??= begin();

        public bool ReusesRecords => true;

        public void Add(SocketRecord socket) => Session.Add(socket);

        public void Dispose() => _session?.Dispose();
    }
}

/// <summary>What a listing leaves besides its text: ss's stderr lines, and the -p process table (null without -p).</summary>
internal sealed record ListingOutcome(IReadOnlyList<string> Diagnostics, ProcessTable? Processes);
