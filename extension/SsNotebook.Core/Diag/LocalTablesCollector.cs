using SsNotebook.Filter;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>
/// Dumps the netlink, packet and unix tables, in that order (ss's), through sock_diag. Packet and netlink sockets
/// are always UNCONN, so those tables are skipped when the state filter excludes it.
/// </summary>
internal sealed class LocalTablesCollector(SsQuery query, SsEnvironment environment, bool insideNamespace)
{
    public static TableSet Tables { get; } = TableSet.Of(SocketTable.Netlink, SocketTable.PacketRaw, SocketTable.PacketDgram,
        SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket, SocketTable.VsockStream, SocketTable.VsockDgram, SocketTable.Xdp);

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

    /// <summary>The vsock tables, which ss dumps after tcp, dccp and sctp; without vsock_diag nothing is listed.</summary>
    public void CollectVsock(List<SocketRecord> sockets)
    {
        if (!query.Tables.Intersect(VsockTables).IsEmpty && query.HasFamily(AddressFamilies.Vsock))
        {
            TryDump("vsock", LocalDiagRequest.Vsock(query.States), ParseVsock, sockets);
        }
    }

    /// <summary>The xdp table (ss dumps it after vsock and tipc, before mptcp); its sockets are always UNCONN.</summary>
    public void CollectXdp(List<SocketRecord> sockets)
    {
        if (query.Tables.Contains(SocketTable.Xdp) && query.HasFamily(AddressFamilies.Xdp) && query.States.Contains(SocketState.Close))
        {
            TryDump("xdp", LocalDiagRequest.Xdp(), ParseXdp, sockets);
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
