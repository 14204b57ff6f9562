namespace SsNotebook.Diag;

/// <summary>
/// Collects the sockets an <see cref="SsQuery"/> selects, in ss's table order (unix, packet and netlink first; vsock,
/// tipc and xdp between sctp and mptcp), each inet table from its source: a TCPDIAG_FILE, /proc/net where ss reads
/// or falls back to it, or sock_diag dumps. Kernel-side filtering (state
/// mask, bytecode) and the user-space filter both apply, so callers get exactly the sockets ss would print.
/// </summary>
/// <param name="environment">The environment to collect in (<see cref="SsEnvironment.FromProcess"/> for this
/// process's).</param>
public sealed class SocketCollector(SsEnvironment environment)
{
    /// <summary>The tables this collector can list; the others are ignored by <see cref="Collect(SsQuery)"/>.</summary>
    public static TableSet SupportedTables { get; } = TableSet.Of(InetDumpPlan.TableOrder).Union(LocalTablesCollector.Tables);

    private const ulong InetFamilies = (1UL << AddressFamilies.Inet) | (1UL << AddressFamilies.Inet6);

    /// <summary>The environment collections run in: /proc root, TCPDIAG_FILE and the other variables ss
    /// reads.</summary>
    public SsEnvironment Environment { get; } = environment;

    /// <summary>Optional: sees every raw reply buffer of the netlink dumps (for recordings).</summary>
    internal IDumpObserver? Observer { get; init; }

    /// <summary>
    /// Dump TCP's two families with one request (TCPDIAG_GETSOCK) when both are wanted: one walk of the kernel's
    /// socket tables instead of two, which matters to a sampler repeating the dump. The sockets come out in the same
    /// order; the observer sees the replies as <see cref="InetDiag.BothFamilies"/>. The command line keeps ss's two
    /// requests (its -D output and its streaming depend on them).
    /// </summary>
    internal bool CombineTcpFamilies { get; init; }

    /// <summary>The payload of INET_DIAG_REQ_SK_BPF_STORAGES for the inet dumps (BpfStorageMaps.RequestPayload), or
    /// null to ask for no BPF socket-local storage.</summary>
    internal byte[]? BpfStorageRequest { get; init; }

    /// <summary>Collects the sockets <paramref name="query"/> selects, in ss's order, with the stderr messages ss
    /// would print while still succeeding. Errors throw <see cref="SsException"/> with ss's message.</summary>
    /// <param name="query">What to list, e.g. the query <see cref="CommandLine.SsCommandLine"/> parses.</param>
    public SocketSnapshot Collect(SsQuery query)
    {
        var sink = new SocketListSink();
        var timestamp = DateTimeOffset.UtcNow;
        var diagnostics = Collect(query, sink);
        return new SocketSnapshot(sink.Sockets, timestamp) { Diagnostics = diagnostics };
    }

    /// <summary>
    /// Streams the selected sockets into <paramref name="sink"/> in ss's order and returns the messages ss would
    /// print to stderr while still succeeding. A dump reaches the sink only once it has completed, so an interrupted
    /// and retried dump never shows a socket twice; when the sink <see cref="ISocketSink.ReusesRecords"/>, every
    /// socket is parsed into one instance and the collection allocates nothing per socket.
    /// </summary>
    /// <param name="query">What to list.</param>
    /// <param name="sink">Receives the sockets one by one.</param>
    public IReadOnlyList<string> Collect(SsQuery query, ISocketSink sink)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(sink);
        return query.NetworkNamespace is { } name
            ? SsNamespace.Run(name, () => CollectHere(query, sink, insideNamespace: true))
            : CollectHere(query, sink, insideNamespace: false);
    }

    /// <summary>
    /// <c>ss -D</c>: writes the raw receive buffers of the TCP dump to <paramref name="destination"/>
    /// in the format TCPDIAG_FILE reads back.
    /// </summary>
    /// <param name="query">The query; only its TCP dump and namespace matter.</param>
    /// <param name="destination">Where the buffers go, as TCPDIAG_FILE reads them back.</param>
    public void WriteTcpDump(SsQuery query, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(destination);
        var recorded = query.NetworkNamespace is { } name
            ? SsNamespace.Run(name, () => TcpDumpWriter.Record(query))
            : TcpDumpWriter.Record(query);
        destination.Write(recorded);
        destination.Flush();
    }

    private List<string> CollectHere(SsQuery query, ISocketSink sink, bool insideNamespace)
    {
        var diagnostics = new List<string>();
        // The non-inet tables are small: each is collected whole into a list, then streamed to the sink.
        var localTables = new LocalTablesCollector(query, Environment, insideNamespace);
        var localSockets = new List<SocketRecord>();
        localTables.CollectBeforeInet(localSockets);
        Drain(localSockets, sink);
        if ((query.Families & InetFamilies) != 0)
        {
            var bytecode = query.Filter?.CompileInetBytecode();
            var proc = new ProcNetSource(Environment, insideNamespace);
            foreach (var table in InetDumpPlan.TableOrder)
            {
                if (table == SocketTable.Mptcp)
                {
                    // ss dumps vsock, tipc and xdp between sctp and mptcp.
                    localTables.CollectAfterSctp(localSockets, diagnostics);
                    Drain(localSockets, sink);
                }
                if (query.Tables.Contains(table))
                {
                    CollectTable(table, query, bytecode, proc, sink, diagnostics);
                }
            }
        }
        else
        {
            localTables.CollectAfterSctp(localSockets, diagnostics);
            Drain(localSockets, sink);
        }
        return diagnostics;
    }

    private static void Drain(List<SocketRecord> sockets, ISocketSink sink)
    {
        foreach (var socket in sockets)
        {
            sink.Add(socket);
        }
        sockets.Clear();
    }

    private void CollectTable(SocketTable table, SsQuery query, byte[]? bytecode, ProcNetSource proc, ISocketSink sink,
        List<string> diagnostics)
    {
        var listed = new List<SocketRecord>();
        if (table == SocketTable.Tcp && Environment.TcpDiagFile is { } file)
        {
            TcpDiagFileSource.Read(file, query.Filter, listed, diagnostics);
            foreach (var socket in listed)
            {
                socket.Present |= SocketAttributes.FromFile;
            }
            Drain(listed, sink);
            return;
        }
        if (proc.IsForced(table))
        {
            proc.Read(table, query, query.Filter, listed);
            Drain(listed, sink);
            return;
        }
        var plan = new InetDumpPlan(table, query, bytecode, BpfStorageRequest);
        var emitter = new InetRecordEmitter(table, query.Families, query.Filter, sink, InetRecordEmitter.MalformedReply(table));
        // A sink that formats as it goes (the CLI) gets the IPv4 sockets straight from the receive buffer while the
        // kernel walks the IPv6 ones for the other thread.
        var direct = sink.ReusesRecords ? new DirectDump(emitter) : null;
        List<PayloadBuffer> dumps;
        try
        {
            dumps = new InetDumpRunner(plan, Observer, CombineTcpFamilies).Run(direct);
        }
        catch (NetlinkException exception) when (direct is not { Started: true } && ProcNetSource.FallsBackOn(table, exception))
        {
            // Nothing of a failed dump has reached the sink.
            if (table == SocketTable.Dccp && RetryDccpCompat(query, bytecode) is { } refusal)
            {
                diagnostics.Add(refusal);
            }
            proc.Read(table, query, query.Filter, listed);
            Drain(listed, sink);
            return;
        }
        catch (NetlinkException exception)
        {
            throw new SsException(exception.Message);
        }
        try
        {
            foreach (var dump in dumps)
            {
                dump.ForEach(emitter, static (emitter, payload) => emitter.Emit(payload));
            }
        }
        finally
        {
            InetDumpRunner.DisposeAll(dumps);
        }
    }

    /// <summary>
    /// ss answers a failed DCCP dump by asking again with the old DCCPDIAG_GETSOCK request, which kernels without
    /// DCCP diag refuse with EINVAL: it prints "RTNETLINK answers: Invalid argument" and lists no DCCP socket. Returns
    /// that message, or null if the old request was answered (no kernel that refuses the new one answers the old).
    /// </summary>
    private static string? RetryDccpCompat(SsQuery query, byte[]? bytecode)
    {
        try
        {
            using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
            var request = InetDiagRequest.BuildDccpCompat(InetDiagRequest.Extensions(query.Show), query.States, bytecode);
            NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, new IgnoredReplies());
            return null;
        }
        catch (NetlinkException exception) when (exception.Errno != 0)
        {
            return $"RTNETLINK answers: {LibC.ErrorText(exception.Errno)}";
        }
    }

    private sealed class IgnoredReplies : INetlinkDumpHandler
    {
        public void OnMessage(in NetlinkMessage message)
        {
        }

        public void OnRestart()
        {
        }
    }
}
