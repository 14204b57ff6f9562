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

    public SocketSnapshot Collect(SsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.NetworkNamespace is { } name
            ? NetworkNamespace.Run(name, () => CollectHere(query, insideNamespace: true))
            : CollectHere(query, insideNamespace: false);
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

    private SocketSnapshot CollectHere(SsQuery query, bool insideNamespace)
    {
        var timestamp = DateTimeOffset.UtcNow;
        var sockets = new List<SocketRecord>();
        var diagnostics = new List<string>();
        var localTables = new LocalTablesCollector(query, Environment, insideNamespace);
        localTables.CollectBeforeInet(sockets);
        if ((query.Families & InetFamilies) != 0)
        {
            var filter = query.Filter;
            var bytecode = filter?.CompileInetBytecode();
            var proc = new ProcNetSource(Environment, insideNamespace);
            foreach (var table in InetOrder)
            {
                if (table == SocketTable.Mptcp)
                {
                    // ss dumps vsock (then tipc and xdp) between sctp and mptcp.
                    localTables.CollectVsock(sockets);
                    localTables.CollectXdp(sockets);
                }
                if (query.Tables.Contains(table))
                {
                    CollectTable(table, query, filter, bytecode, proc, sockets, diagnostics);
                }
            }
        }
        else
        {
            localTables.CollectVsock(sockets);
            localTables.CollectXdp(sockets);
        }
        return new SocketSnapshot(sockets, timestamp) { Diagnostics = diagnostics };
    }

    private void CollectTable(SocketTable table, SsQuery query, SocketFilter? filter, byte[]? bytecode,
        ProcNetSource proc, List<SocketRecord> sockets, List<string> diagnostics)
    {
        if (table == SocketTable.Tcp && Environment.TcpDiagFile is { } file)
        {
            ReplayFile(file, filter, sockets, diagnostics);
            return;
        }
        var hasProcFallback = table is SocketTable.Tcp or SocketTable.Udp or SocketTable.Raw;
        if (Environment.ProcNetForced(ProcName(table)))
        {
            if (hasProcFallback)
            {
                proc.Read(table, query, filter, sockets);
            }
            return;
        }
        var start = sockets.Count;
        try
        {
            DumpTable(table, query, filter, bytecode, sockets);
        }
        catch (NetlinkException exception) when (exception.Errno is LibC.Enoent or LibC.Eopnotsupp || table == SocketTable.Mptcp)
        {
            // No diag module for this protocol (raw_diag, dccp, sctp here): ss falls back silently to /proc where
            // one exists. MPTCP errors are silent whatever the errno: kernels without INET_DIAG_REQ_PROTOCOL refuse
            // the request and ss suppresses that message. Anything collected before the failure is dropped, so nothing is listed twice.
            sockets.RemoveRange(start, sockets.Count - start);
            if (hasProcFallback)
            {
                proc.Read(table, query, filter, sockets);
            }
        }
        catch (NetlinkException exception)
        {
            throw new SsException(exception.Message);
        }
    }

    private void DumpTable(SocketTable table, SsQuery query, SocketFilter? filter, byte[]? bytecode, List<SocketRecord> sockets)
    {
        var protocol = InetDiagRequest.ProtocolOf(table);
        var extensions = InetDiagRequest.Extensions(query.Show);
        var families = RequestFamilies(query);
        if (families.Length == 2 && Observer is null)
        {
            DumpBothFamiliesAtOnce(table, query, filter, bytecode, sockets, protocol, extensions);
            return;
        }
        foreach (var family in families)
        {
            using var socket = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
            DumpFamily(socket, table, family, protocol, extensions, query, filter, bytecode, sockets, Observer);
        }
    }

    /// <summary>
    /// The kernel's walk of the socket hash tables is most of a dump's cost, so the AF_INET6 dump runs on a second
    /// thread while this one does AF_INET; the IPv6 records are appended afterwards, keeping ss's order. Both
    /// sockets are opened here first, so they belong to this thread's (possibly -N) namespace.
    /// </summary>
    private static void DumpBothFamiliesAtOnce(SocketTable table, SsQuery query, SocketFilter? filter, byte[]? bytecode,
        List<SocketRecord> sockets, int protocol, byte extensions)
    {
        using var socket4 = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
        using var socket6 = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
        var sockets6 = new List<SocketRecord>();
        Exception? failure6 = null;
        var worker = new Thread(() =>
        {
            try
            {
                DumpFamily(socket6, table, InetAddress.AfInet6, protocol, extensions, query, filter, bytecode, sockets6, observer: null);
            }
            catch (Exception exception)
            {
                failure6 = exception;
            }
        })
        {
            IsBackground = true,
            Name = "inet6 dump",
        };
        worker.Start();
        try
        {
            DumpFamily(socket4, table, InetAddress.AfInet, protocol, extensions, query, filter, bytecode, sockets, observer: null);
        }
        finally
        {
            worker.Join();
        }
        if (failure6 is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure6).Throw();
        }
        sockets.AddRange(sockets6);
    }

    private static void DumpFamily(NetlinkSocket socket, SocketTable table, byte family, int protocol, byte extensions,
        SsQuery query, SocketFilter? filter, byte[]? bytecode, List<SocketRecord> sockets, IDumpObserver? observer)
    {
        var request = InetDiagRequest.Build(family, protocol, extensions, query.States, bytecode);
        var handler = new InetDumpHandler(sockets, table, family, query.Families, filter, observer);
        NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, handler);
    }

    /// <summary>AF_INET then AF_INET6, unless the query names only one of them (ss's preferred_family).</summary>
    private static byte[] RequestFamilies(SsQuery query)
    {
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
