namespace SsNotebook.Diag;

/// <summary>
/// Dumps the tables that are not inet through sock_diag: netlink, packet and unix, in that order (ss's), before the
/// inet tables; vsock, tipc and xdp after sctp. Packet and netlink sockets are always UNCONN, so those tables are
/// skipped when the state filter excludes it.
/// </summary>
internal sealed class LocalTablesCollector(SsQuery query, SsEnvironment environment, bool insideNamespace)
{
    public static TableSet Tables { get; } = TableSet.Of(SocketTable.Netlink, SocketTable.PacketRaw, SocketTable.PacketDgram,
        SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket, SocketTable.VsockStream, SocketTable.VsockDgram, SocketTable.Tipc, SocketTable.Xdp);

    private static readonly TableSet PacketTables = TableSet.Of(SocketTable.PacketRaw, SocketTable.PacketDgram);
    private static readonly TableSet UnixTables = TableSet.Of(SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket);
    private static readonly TableSet VsockTables = TableSet.Of(SocketTable.VsockStream, SocketTable.VsockDgram);

    private readonly LocalProcNetSource _proc = new(new ProcNetSource(environment, insideNamespace), query);

    /// <summary>The unix, packet and netlink tables; they come before the inet tables in ss's order.</summary>
    public void CollectBeforeInet(List<SocketRecord> sockets)
    {
        var closedWanted = query.States.Contains(SocketState.Close);
        if (query.Tables.Contains(SocketTable.Netlink) && query.HasFamily(AddressFamilies.Netlink) && closedWanted
            && (environment.ProcNetForced("netlink") || !TryDump("netlink", LocalDiagRequest.Netlink(), ParseNetlink, sockets)))
        {
            _proc.ReadNetlink(sockets);
        }
        if (!query.Tables.Intersect(PacketTables).IsEmpty && query.HasFamily(AddressFamilies.Packet) && closedWanted
            && (environment.ProcNetForced("packet") || !TryDump("packet", LocalDiagRequest.Packet(), ParsePacket, sockets)))
        {
            _proc.ReadPacket(sockets);
        }
        if (!query.Tables.Intersect(UnixTables).IsEmpty && query.HasFamily(AddressFamilies.Unix)
            && (environment.ProcNetForced("unix") || !TryDump("unix", LocalDiagRequest.Unix(query.States, query.Show), ParseUnix, sockets)))
        {
            _proc.ReadUnix(sockets);
        }
    }

    /// <summary>
    /// The vsock, tipc and xdp tables, in that order (ss dumps them after sctp, before mptcp). They have no /proc
    /// fallback: a kernel without the family's diag module lists nothing, silently (ss's libnetlink is quiet about
    /// ENOENT and EOPNOTSUPP from sock_diag); any other failure is reported as ss reports it, in
    /// <paramref name="diagnostics"/>, and the listing goes on.
    /// </summary>
    public void CollectAfterSctp(List<SocketRecord> sockets, List<string> diagnostics)
    {
        if (!query.Tables.Intersect(VsockTables).IsEmpty && query.HasFamily(AddressFamilies.Vsock))
        {
            DumpOrReport("vsock", LocalDiagRequest.Vsock(query.States), ParseVsock, sockets, diagnostics, query.Filter);
        }
        // ss's tipc path applies no user-space filter, and needs no family check: asking for the table adds AF_TIPC.
        if (query.Tables.Contains(SocketTable.Tipc))
        {
            DumpOrReport("tipc", LocalDiagRequest.Tipc(query.States), ParseTipc, sockets, diagnostics, filter: null);
        }
        // Xdp sockets are always UNCONN.
        if (query.Tables.Contains(SocketTable.Xdp) && query.HasFamily(AddressFamilies.Xdp) && query.States.Contains(SocketState.Close))
        {
            DumpOrReport("xdp", LocalDiagRequest.Xdp(), ParseXdp, sockets, diagnostics, query.Filter);
        }
    }

    private static void DumpOrReport(string name, byte[] request, LocalReplyParser parser, List<SocketRecord> sockets,
        List<string> diagnostics, SocketFilter? filter)
    {
        try
        {
            using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
            NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, new LocalDumpHandler(sockets, name, parser, filter));
        }
        catch (NetlinkException exception) when (exception.Errno is LibC.Enoent or LibC.Eopnotsupp)
        {
        }
        catch (NetlinkException exception)
        {
            diagnostics.Add(exception.Message);
        }
    }

    /// <summary>
    /// Runs one dump; false when ss would turn to /proc instead: the kernel refused the dump, or a packet reply came
    /// without MEMINFO (the sockets listed before that one stay, as they stay printed in ss).
    /// </summary>
    private bool TryDump(string name, byte[] request, LocalReplyParser parser, List<SocketRecord> sockets)
    {
        try
        {
            using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
            NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, new LocalDumpHandler(sockets, name, parser, query.Filter));
            return true;
        }
        catch (NetlinkException)
        {
            return false;
        }
        catch (IncompleteReplyException)
        {
            return false;
        }
    }

    /// <summary>A packet reply without PACKET_DIAG_MEMINFO: ss abandons the dump for /proc/net/packet.</summary>
    private sealed class IncompleteReplyException : Exception;

    private static bool ParseNetlink(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error)
    {
        keep = true;
        return NetlinkDiagParser.TryParse(payload, into, out error);
    }

    private static bool ParsePacket(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error)
    {
        // ss's netlink path lists every packet socket once either packet table is asked for; only its /proc
        // path checks the type.
        keep = true;
        var parsed = PacketDiagParser.TryParse(payload, into, out var hasMemInfo, out error);
        if (parsed && !hasMemInfo)
        {
            throw new IncompleteReplyException();
        }
        return parsed;
    }

    private static bool ParseTipc(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error) =>
        TipcDiagParser.TryParse(payload, into, out keep, out error);

    private static bool ParseXdp(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error)
    {
        keep = true;
        return XdpDiagParser.TryParse(payload, into, out error);
    }

    private bool ParseVsock(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error)
    {
        var parsed = VsockDiagParser.TryParse(payload, into, out error);
        // Like ss, only stream and datagram sockets of a table not asked for are skipped.
        keep = parsed && (payload[1] is not (1 or 2) || query.Tables.Contains(into.Table));
        return parsed;
    }

    private bool ParseUnix(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error)
    {
        var parsed = UnixDiagParser.TryParse(payload, into, out error);
        keep = parsed && (!UnixDiagParser.IsKnownType(payload[1]) || query.Tables.Contains(into.Table));
        return parsed;
    }
}
