using SsNotebook.Filter;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>
/// Dumps the netlink, packet and unix tables, in that order (ss's), through sock_diag. Packet and netlink sockets
/// are always UNCONN, so those tables are skipped when the state filter excludes it.
/// </summary>
internal sealed class LocalTablesCollector(SsQuery query)
{
    public static TableSet Tables { get; } = TableSet.Of(SocketTable.Netlink, SocketTable.PacketRaw, SocketTable.PacketDgram,
        SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket);

    private static readonly TableSet PacketTables = TableSet.Of(SocketTable.PacketRaw, SocketTable.PacketDgram);
    private static readonly TableSet UnixTables = TableSet.Of(SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket);

    public void Collect(List<SocketRecord> sockets)
    {
        var closedWanted = query.States.Contains(SocketState.Close);
        if (query.Tables.Contains(SocketTable.Netlink) && query.HasFamily(LocalDiagRequest.AfNetlink) && closedWanted)
        {
            Dump("netlink", LocalDiagRequest.Netlink(), ParseNetlink, sockets);
        }
        if (!query.Tables.Intersect(PacketTables).IsEmpty && query.HasFamily(LocalDiagRequest.AfPacket) && closedWanted)
        {
            Dump("packet", LocalDiagRequest.Packet(), ParsePacket, sockets);
        }
        if (!query.Tables.Intersect(UnixTables).IsEmpty && query.HasFamily(LocalDiagRequest.AfUnix))
        {
            Dump("unix", LocalDiagRequest.Unix(query.States, query.Show), ParseUnix, sockets);
        }
    }

    private void Dump(string name, byte[] request, LocalReplyParser parser, List<SocketRecord> sockets)
    {
        using var socket = NetlinkSocket.Open(InetDiag.NetlinkSockDiag);
        try
        {
            NetlinkDump.Run(socket, request, NetlinkDump.MagicSequence, new LocalDumpHandler(sockets, name, parser, query.Filter));
        }
        catch (NetlinkException exception)
        {
            throw new SsException(exception.Message);
        }
    }

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
        return PacketDiagParser.TryParse(payload, into, out _, out error);
    }

    private bool ParseUnix(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error)
    {
        var parsed = UnixDiagParser.TryParse(payload, into, out error);
        keep = parsed && (!UnixDiagParser.IsKnownType(payload[1]) || query.Tables.Contains(into.Table));
        return parsed;
    }
}
