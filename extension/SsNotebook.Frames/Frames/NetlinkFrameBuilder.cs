namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Netlink</c> frame: one row per netlink socket with its protocol (number and ss's name), port id,
/// multicast groups and, when connected, the destination ss shows as the peer (<c>group:portid</c>).
/// </summary>
internal static class NetlinkFrameBuilder
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["Cookie", "Inode", "Protocol", "ProtocolName", "PortId", "Groups", "DestinationGroup", "DestinationPortId"];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is NetlinkSocketDetails, AddColumns);

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        var count = sockets.Count;
        var inode = new FrameColumnBuilder<uint>(count);
        var protocol = new FrameColumnBuilder<byte>(count);
        var protocolName = new string?[count];
        var namesByProtocol = new string?[256];
        var portId = new FrameColumnBuilder<int>(count);
        var groups = new FrameColumnBuilder<ulong>(count);
        var destinationGroup = new FrameColumnBuilder<uint>(count);
        var destinationPortId = new FrameColumnBuilder<int>(count);
        for (var row = 0; row < count; row++)
        {
            var socket = sockets[row];
            var netlink = (NetlinkSocketDetails)socket.Local!;
            inode.Set(row, socket.Inode);
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
        frame.Columns.Add(inode.ToColumn("Inode"));
        frame.Columns.Add(protocol.ToColumn("Protocol"));
        frame.Columns.Add(StringColumns.Of("ProtocolName", protocolName));
        frame.Columns.Add(portId.ToColumn("PortId"));
        frame.Columns.Add(groups.ToColumn("Groups"));
        frame.Columns.Add(destinationGroup.ToColumn("DestinationGroup"));
        frame.Columns.Add(destinationPortId.ToColumn("DestinationPortId"));
    }
}
