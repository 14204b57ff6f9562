using SsNotebook.Filter;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Everything one collection returned, in ss's table order.</summary>
/// <param name="Diagnostics">Messages ss would write to stderr while still succeeding (e.g. a cut TCPDIAG_FILE).</param>
public sealed record SocketSnapshot(IReadOnlyList<SocketRecord> Sockets, DateTimeOffset Timestamp)
{
    public IReadOnlyList<string> Diagnostics { get; init; } = [];
}

/// <summary>
/// Collects the sockets an <see cref="SsQuery"/> selects: sock_diag over netlink, /proc/net where ss falls back
/// to it, TCPDIAG_FILE replays. Kernel-side filtering (state mask, bytecode) happens here; the user-space
/// filter is applied here too, so callers get exactly the sockets ss would print.
/// </summary>
public sealed class SocketCollector(SsEnvironment environment)
{
    /// <summary>The inet tables in the order ss dumps them (raw, udp, tcp, dccp, sctp, … mptcp last).</summary>
    private static readonly SocketTable[] InetOrder =
        [SocketTable.Raw, SocketTable.Udp, SocketTable.Tcp, SocketTable.Dccp, SocketTable.Sctp, SocketTable.Mptcp];

    /// <summary>The tables this collector can list; the others are ignored by <see cref="Collect"/>.</summary>
    public static TableSet SupportedTables { get; } =
        TableSet.Of(SocketTable.Raw, SocketTable.Udp, SocketTable.Tcp, SocketTable.Dccp, SocketTable.Sctp, SocketTable.Mptcp)
            .Union(LocalTablesCollector.Tables);

    private const ulong InetFamilies = (1UL << InetAddress.AfInet) | (1UL << InetAddress.AfInet6);

    public SsEnvironment Environment { get; } = environment;

    /// <summary>Optional: sees every raw reply buffer of the netlink dumps (for recordings).</summary>
    public IDumpObserver? Observer { get; init; }

    /// <summary>
    /// Dump TCP's two families with one request (TCPDIAG_GETSOCK) when both are wanted: one walk of the kernel's
    /// socket tables instead of two, which matters to a sampler repeating the dump. The sockets come out in the same
    /// order; the observer sees the replies as <see cref="InetDiag.BothFamilies"/>. The command line keeps ss's two
    /// requests (its -D output and its streaming depend on them).
    /// </summary>
    public bool CombineTcpFamilies { get; init; }

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
    public IReadOnlyList<string> Collect(SsQuery query, ISocketSink sink)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(sink);
        return query.NetworkNamespace is { } name
            ? NetworkNamespace.Run(name, () => CollectHere(query, sink, insideNamespace: true))
            : CollectHere(query, sink, insideNamespace: false);
    }

    /// <summary>
    /// <c>ss -D</c>: writes the raw receive buffers of the TCP dump (AF_INET and its DONE, then AF_INET6 and its
    /// DONE) to <paramref name="destination"/>. The state mask and -i/-m/--tos extensions apply; the filter
    /// expression does not (ss dumps before parsing it).
    /// </summary>
    public void WriteTcpDump(SsQuery query, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(destination);
        var recorded = query.NetworkNamespace is { } name
            ? NetworkNamespace.Run(name, () => RecordTcpDump(query))
            : RecordTcpDump(query);
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
            var filter = query.Filter;
            var bytecode = filter?.CompileInetBytecode();
            var proc = new ProcNetSource(Environment, insideNamespace);
            var record = sink.ReusesRecords ? new SocketRecord() : null;
            foreach (var table in InetOrder)
            {
                if (table == SocketTable.Mptcp)
                {
                    // ss dumps vsock (then tipc and xdp) between sctp and mptcp.
                    localTables.CollectVsock(localSockets);
                    localTables.CollectXdp(localSockets);
                    Drain(localSockets, sink);
                }
                if (query.Tables.Contains(table))
                {
                    CollectTable(table, query, filter, bytecode, proc, sink, record, diagnostics);
                }
            }
        }
        else
        {
            localTables.CollectVsock(localSockets);
            localTables.CollectXdp(localSockets);
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

    private void CollectTable(SocketTable table, SsQuery query, SocketFilter? filter, byte[]? bytecode,
        ProcNetSource proc, ISocketSink sink, SocketRecord? reused, List<string> diagnostics)
    {
        var listed = new List<SocketRecord>();
        if (table == SocketTable.Tcp && Environment.TcpDiagFile is { } file)
        {
            ReplayFile(file, filter, listed, diagnostics);
            Drain(listed, sink);
            return;
        }
        var hasProcFallback = table is SocketTable.Tcp or SocketTable.Udp or SocketTable.Raw;
        if (Environment.ProcNetForced(ProcName(table)))
        {
            if (hasProcFallback)
            {
                proc.Read(table, query, filter, listed);
                Drain(listed, sink);
            }
            return;
        }
        var dumps = new List<PayloadBuffer>();
        var parse = new ParseState(table, filter, sink, reused);
        // A sink that formats as it goes (the CLI) gets the IPv4 sockets straight from the receive buffer while the
        // kernel walks the IPv6 ones for the other thread: no copy, no buffer. Such a dump cannot be retried once
        // lines are out, so an interruption is reported instead; and a failure after that point can no longer fall
        // back to /proc without listing sockets twice.
        var direct = sink.ReusesRecords ? new DirectDump(parse, query.Families) : null;
        try
        {
            DumpTable(table, query, bytecode, dumps, direct);
        }
        catch (NetlinkException exception) when ((direct is null || direct.Count == 0)
            && (exception.Errno is LibC.Enoent or LibC.Eopnotsupp || table == SocketTable.Mptcp))
        {
            // No diag module for this protocol (raw_diag, dccp, sctp here): ss falls back silently to /proc where
            // one exists. MPTCP errors are silent whatever the errno: kernels without INET_DIAG_REQ_PROTOCOL refuse
            // the request and ss suppresses that message. Nothing of a failed dump has reached the sink.
            DisposeAll(dumps);
            if (hasProcFallback)
            {
                proc.Read(table, query, filter, listed);
                Drain(listed, sink);
            }
            return;
        }
        catch (NetlinkException exception)
        {
            DisposeAll(dumps);
            throw new SsException(exception.Message);
        }
        try
        {
            for (var i = 0; i < dumps.Count; i++)
            {
                dumps[i].ForEach(parse, static (state, payload) => state.Emit(payload));
            }
        }
        finally
        {
            DisposeAll(dumps);
        }
    }

    private static void DisposeAll(List<PayloadBuffer> dumps)
    {
        foreach (var dump in dumps)
        {
            dump.Dispose();
        }
    }

    /// <summary>Parses a completed dump's payloads and hands the sockets that pass the filter to the sink.</summary>
    private sealed class ParseState(SocketTable table, SocketFilter? filter, ISocketSink sink, SocketRecord? reused)
    {
        public void Emit(ReadOnlySpan<byte> payload)
        {
            var record = reused ?? new SocketRecord();
            record.Reset();
            if (InetDumpHandler.ParseSelected(payload, table, filter, record))
            {
                sink.Add(record);
            }
        }
    }

    /// <summary>One TCPDIAG_GETSOCK dump into both buffers; false (everything of it forgotten) when the kernel refuses
    /// the old request, so the caller makes the two usual ones.</summary>
    private bool TryDumpBothFamilies(SsQuery query, byte[]? bytecode, List<PayloadBuffer> dumps, byte extensions)
    {
        var handler = new BothFamiliesDump(dumps[0], dumps[1], Observer, SocketTable.Tcp);
        try
        {
            using var socket = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
            NetlinkDump.Run(socket, InetDiagRequest.BuildTcpBothFamilies(extensions, query.States, bytecode), NetlinkDump.MagicSequence, handler);
            return true;
        }
        catch (NetlinkException)
        {
            handler.OnRestart();
            return false;
        }
    }

    /// <summary>
    /// The replies of one TCP dump covering both families: each message goes to its family's buffer, so the sockets
    /// still come out AF_INET first, as from two dumps; the observer sees each raw buffer once, as
    /// <see cref="InetDiag.BothFamilies"/>.
    /// </summary>
    private sealed class BothFamiliesDump(PayloadBuffer inet, PayloadBuffer inet6, IDumpObserver? observer, SocketTable table)
        : INetlinkDumpHandler
    {
        public void OnMessage(in NetlinkMessage message)
        {
            var payload = message.Payload;
            if (payload.Length > 0 && payload[0] == InetAddress.AfInet6)
            {
                inet6.OnMessage(message);
            }
            else
            {
                inet.OnMessage(message);
            }
        }

        public void OnRestart()
        {
            inet.Dispose();
            inet6.Dispose();
            observer?.OnRestart(table, InetDiag.BothFamilies);
        }

        public void OnBuffer(ReadOnlySpan<byte> buffer) => observer?.OnReply(table, InetDiag.BothFamilies, buffer);
    }

    /// <summary>Parses a dump's messages as they arrive and hands them on at once (see CollectTable).</summary>
    private sealed class DirectDump(ParseState parse, ulong familyMask) : INetlinkDumpHandler
    {
        public int Count { get; private set; }

        public void OnMessage(in NetlinkMessage message)
        {
            var payload = message.Payload;
            if (!InetDiag.IsWantedFamily(payload, familyMask))
            {
                return;
            }
            Count++;
            parse.Emit(payload);
        }

        public void OnRestart() =>
            throw new NetlinkException(LibC.Eintr, "Dump was interrupted and may be inconsistent.");
    }

    /// <summary>Runs the table's dumps to completion, keeping their raw payloads in <paramref name="dumps"/>.</summary>
    /// <remarks>With <paramref name="direct"/>, the first of two families goes straight to it instead of into
    /// <paramref name="dumps"/>.</remarks>
    private void DumpTable(SocketTable table, SsQuery query, byte[]? bytecode, List<PayloadBuffer> dumps, DirectDump? direct)
    {
        var protocol = InetDiagRequest.ProtocolOf(table);
        var extensions = InetDiagRequest.Extensions(query.Show);
        var families = RequestFamilies(query);
        foreach (var family in families)
        {
            dumps.Add(new PayloadBuffer(query.Families, Observer, table, family));
        }
        if (families.Length == 2 && table == SocketTable.Tcp && CombineTcpFamilies && TryDumpBothFamilies(query, bytecode, dumps, extensions))
        {
            return;
        }
        if (families.Length == 2 && Observer is null)
        {
            if (direct is not null)
            {
                dumps.RemoveAt(0);
            }
            DumpBothFamiliesAtOnce(table, query, bytecode, dumps, protocol, extensions, direct);
            return;
        }
        for (var i = 0; i < families.Length; i++)
        {
            using var socket = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
            DumpFamily(socket, families[i], protocol, extensions, query, bytecode, dumps[i]);
        }
    }

    /// <summary>
    /// The kernel's walk of the socket hash tables is most of a dump's cost, so the AF_INET6 dump runs on a second
    /// thread while this one does AF_INET. Both sockets are opened here first, so they belong to this thread's
    /// (possibly -N) namespace.
    /// </summary>
    private static void DumpBothFamiliesAtOnce(SocketTable table, SsQuery query, byte[]? bytecode,
        List<PayloadBuffer> dumps, int protocol, byte extensions, DirectDump? direct)
    {
        using var socket4 = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
        using var socket6 = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
        Exception? failure6 = null;
        var worker = new Thread(() =>
        {
            try
            {
                DumpFamily(socket6, InetAddress.AfInet6, protocol, extensions, query, bytecode, dumps[^1]);
            }
            catch (Exception exception)
            {
                failure6 = exception;
            }
        })
        {
            IsBackground = true,
            Name = $"{table} inet6 dump",
        };
        worker.Start();
        try
        {
            DumpFamily(socket4, InetAddress.AfInet, protocol, extensions, query, bytecode, direct ?? (INetlinkDumpHandler)dumps[0]);
        }
        finally
        {
            worker.Join();
        }
        if (failure6 is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure6).Throw();
        }
    }

    private static void DumpFamily(NetlinkSocket socket, byte family, int protocol, byte extensions,
        SsQuery query, byte[]? bytecode, INetlinkDumpHandler into)
    {
        var request = InetDiagRequest.Build(family, protocol, extensions, query.States, bytecode);
        NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, into);
    }

    /// <summary>
    /// AF_INET then AF_INET6, unless the query names only one of them. ss's inet_show_netlink dumps only the last
    /// family chosen (preferred_family) when that is AF_INET or AF_INET6, even where -46 or two -f selected both.
    /// </summary>
    private static byte[] RequestFamilies(SsQuery query)
    {
        if (query.PreferredFamily is InetAddress.AfInet or InetAddress.AfInet6)
        {
            return [(byte)query.PreferredFamily];
        }
        var inet = query.HasFamily(InetAddress.AfInet);
        var inet6 = query.HasFamily(InetAddress.AfInet6);
        return (inet, inet6) switch
        {
            (true, false) => [InetAddress.AfInet],
            (false, true) => [InetAddress.AfInet6],
            _ => [InetAddress.AfInet, InetAddress.AfInet6],
        };
    }

    private static string ProcName(SocketTable table) => table switch
    {
        SocketTable.Tcp => "tcp",
        SocketTable.Udp => "udp",
        SocketTable.Raw => "raw",
        SocketTable.Dccp => "dccp",
        SocketTable.Sctp => "sctp",
        _ => "mptcp",
    };

    private static void ReplayFile(string file, SocketFilter? filter, List<SocketRecord> sockets, List<string> diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var errno = exception is FileNotFoundException or DirectoryNotFoundException ? LibC.Enoent : 13;
            diagnostics.Add($"fopen($TCPDIAG_FILE): {LibC.ErrorText(errno)}");
            return;
        }
        TcpDiagFileReplay.Replay(bytes, filter, sockets, diagnostics);
    }

    private byte[] RecordTcpDump(SsQuery query)
    {
        var output = new MemoryStream();
        var extensions = InetDiagRequest.Extensions(query.Show);
        foreach (var family in RequestFamilies(query))
        {
            var request = InetDiagRequest.Build(family, InetDiag.ProtocolTcp, extensions, query.States, bytecode: null);
            var recorder = new BufferRecorder();
            using var socket = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
            try
            {
                NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, recorder);
            }
            catch (NetlinkException exception)
            {
                throw new SsException(exception.Message);
            }
            recorder.CopyTo(output);
        }
        return output.ToArray();
    }

    /// <summary>Keeps the raw buffers of one dump (only those of the last attempt if it was retried).</summary>
    private sealed class BufferRecorder : INetlinkDumpHandler
    {
        private readonly MemoryStream _buffers = new();

        public void OnMessage(in NetlinkMessage message)
        {
        }

        public void OnRestart() => _buffers.SetLength(0);

        public void OnBuffer(ReadOnlySpan<byte> buffer)
        {
            _buffers.Write(buffer);
            // ss writes NLMSG_ALIGN(length) bytes of each buffer.
            for (var pad = Nl.Align(buffer.Length) - buffer.Length; pad > 0; pad--)
            {
                _buffers.WriteByte(0);
            }
        }

        public void CopyTo(Stream destination)
        {
            _buffers.Position = 0;
            _buffers.CopyTo(destination);
        }
    }
}
