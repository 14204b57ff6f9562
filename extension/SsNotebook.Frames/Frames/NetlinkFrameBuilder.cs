namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Netlink</c> frame: one row per netlink socket with its protocol (number and ss's name), port id,
/// multicast groups and, when connected, the destination ss shows as the peer (<c>group:portid</c>).
/// </summary>
internal static class NetlinkFrameBuilder
{
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfKind<NetlinkSocketDetails>(sockets, AddColumns);

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets)
    {
        var protocol = columns.Of<byte>("Protocol");
        var protocolName = columns.Strings("ProtocolName");
        var portId = columns.Of<int>("PortId");
        var groups = columns.Of<ulong>("Groups");
        var destinationGroup = columns.Of<uint>("DestinationGroup");
        var destinationPortId = columns.Of<int>("DestinationPortId");
        var namesByProtocol = new string?[256];
        for (var row = 0; row < sockets.Count; row++)
        {
            var netlink = (NetlinkSocketDetails)sockets[row].Local!;
            protocol.Set(row, netlink.Protocol);
            protocolName[row] = namesByProtocol[netlink.Protocol] ??= NetlinkProtocols.Name(netlink.Protocol, numeric: false);
            portId.Set(row, netlink.PortId);
            groups.Set(row, netlink.Groups);
            if (netlink.NetlinkState == NetlinkSocketDetails.StateConnected)
            {
                destinationGroup.Set(row, netlink.DestinationGroup);
                destinationPortId.Set(row, netlink.DestinationPortId);
            }
        }
    }
}
