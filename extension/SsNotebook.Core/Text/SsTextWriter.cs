namespace SsNotebook.Text;

/// <summary>How the table is laid out: compact (stdout is not a terminal) or shared out over a terminal's width.</summary>
/// <param name="TerminalWidth">The terminal's width in columns, or null for the compact layout.</param>
public readonly record struct TextLayout(int? TerminalWidth)
{
    /// <summary>ss's layout when stdout is not a terminal: columns as narrow as their contents allow.</summary>
    public static TextLayout Compact => new(null);
}

/// <summary>Writes sockets exactly as ss 6.10 prints them: header, columns, widths and every extended field.</summary>
/// <param name="environment">The environment to read names in (<see cref="SsEnvironment.FromProcess"/> for this
/// process's).</param>
public sealed class SsTextWriter(SsEnvironment environment)
{
    /// <summary>The environment names and /proc files are read in (services, protocols, interfaces, cgroups).</summary>
    public SsEnvironment Environment { get; } = environment;

    /// <summary>The maps of --bpf-maps / --bpf-map-id whose BTF prints the sockets' BPF storage values; null when
    /// not asked for (values are then not printed).</summary>
    internal Bpf.BpfStorageMaps? BpfMaps { get; init; }

    /// <summary>The services, protocols and interfaces to name with (the invocation's); null reads them for
    /// <see cref="Environment"/>.</summary>
    internal NamingTables? Naming { get; init; }

    /// <summary>
    /// Writes the header (unless -H) and one line per socket, in the order given (the collector's, which is ss's
    /// dump order): inet, unix, packet and netlink sockets.
    /// </summary>
    /// <param name="query">The invocation: which columns and fields to print.</param>
    /// <param name="sockets">The sockets, e.g. <see cref="Diag.SocketSnapshot.Sockets"/>.</param>
    /// <param name="processes">The -p process table, or null without -p.</param>
    /// <param name="output">Where the UTF-8 text goes.</param>
    /// <param name="layout">Compact, or spread over a terminal's width.</param>
    public void Write(SsQuery query, IReadOnlyList<SocketRecord> sockets, ProcessTable? processes, Stream output, TextLayout layout)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        using var session = Begin(query, processes, output, layout);
        for (var i = 0; i < sockets.Count; i++)
        {
            session.Add(sockets[i]);
        }
        session.Complete();
    }

    /// <summary>
    /// Starts a table that sockets are streamed into (the collector's sink): each socket is formatted as it arrives
    /// and not kept, and lines are rendered in ss's batches. Call <see cref="SsTextSession.Complete"/> at the end.
    /// </summary>
    /// <param name="query">The invocation: which columns and fields to print.</param>
    /// <param name="processes">The -p process table, or null without -p.</param>
    /// <param name="output">Where the UTF-8 text goes.</param>
    /// <param name="layout">Compact, or spread over a terminal's width.</param>
    public SsTextSession Begin(SsQuery query, ProcessTable? processes, Stream output, TextLayout layout)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new ColumnBuffer(output, layout.TerminalWidth);
        DisableColumns(query, buffer);
        if (!query.Show.NoHeader)
        {
            WriteHeader(buffer);
        }
        // The parse's tables when given (one reading of each file per invocation), else this query's own.
        var names = Naming is { } naming && naming.NetworkNamespace == query.NetworkNamespace ? naming : new NamingTables(Environment, query.NetworkNamespace);
        var printer = new InetSocketPrinter(buffer, query, processes, names, BpfMaps);
        return new SsTextSession(buffer, printer, new LocalSocketPrinter(buffer, query, printer, names, Environment.ProcRoot, Environment.SecurityContexts), output);
    }

    /// <summary>The columns ss 6.10 turns off: Process without -p, queues with -Q, Netid for one table, State for one state.</summary>
    private static void DisableColumns(SsQuery query, ColumnBuffer buffer)
    {
        if (!query.Show.Processes)
        {
            buffer.Disable(Column.Process);
        }
        if (query.Show.NoQueues)
        {
            buffer.Disable(Column.RecvQ);
            buffer.Disable(Column.SendQ);
        }
        if (query.Tables.Count <= 1)
        {
            buffer.Disable(Column.Netid);
        }
        if (query.States.Count <= 1)
        {
            buffer.Disable(Column.State);
        }
    }

    private static void WriteHeader(ColumnBuffer buffer)
    {
        while (buffer.Current != Column.Ext)
        {
            if (!buffer.IsDisabled(buffer.Current))
            {
                buffer.Write(ColumnSpec.All[(int)buffer.Current].Header);
            }
            buffer.NextField();
        }
    }
}

/// <summary>One table being written: a socket sink that formats each record as it arrives and keeps none.</summary>
public sealed class SsTextSession : ISocketSink, IDisposable
{
    private readonly ColumnBuffer _buffer;
    private readonly InetSocketPrinter _printer;
    private readonly LocalSocketPrinter _localPrinter;
    private readonly Stream _output;

    internal SsTextSession(ColumnBuffer buffer, InetSocketPrinter printer, LocalSocketPrinter localPrinter, Stream output)
    {
        _buffer = buffer;
        _printer = printer;
        _localPrinter = localPrinter;
        _output = output;
    }

    /// <summary>True: a socket is formatted as it arrives, so the collector may reuse one record for all.</summary>
    public bool ReusesRecords => true;

    /// <summary>The messages ss writes to stderr while printing these sockets (e.g. "Failed to find cgroup2 mount").</summary>
    public IReadOnlyList<string> Diagnostics => _printer.Diagnostics;

    /// <summary>Formats <paramref name="socket"/> into the table.</summary>
    /// <param name="socket">The next socket, in ss's order.</param>
    public void Add(SocketRecord socket)
    {
        if (socket.Local is null || !_localPrinter.TryPrint(socket))
        {
            _printer.Print(socket);
        }
    }

    /// <summary>Renders what is left and flushes the output.</summary>
    public void Complete()
    {
        _buffer.Render();
        _output.Flush();
    }

    /// <summary>Returns the session's buffers; call <see cref="Complete"/> first to write what is left.</summary>
    public void Dispose() => _buffer.Dispose();
}
