namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Tipc</c> frame: one row per TIPC socket with its address (<c>Node</c>:<c>Reference</c>), its
/// peer's when connected, and what <c>--tipcinfo</c> prints: <c>type</c>, <c>cong</c>, <c>drop</c>, <c>publ</c> and
/// the service name a connection went <c>via</c> (<c>via_type</c>, <c>via_instance</c>).
/// </summary>
internal static class TipcFrameBuilder
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["Cookie", "Inode", "Node", "Reference", "PeerNode", "PeerReference", "type", "cong", "drop", "publ", "via_type", "via_instance"];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is TipcSocketDetails, AddColumns);

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        var count = sockets.Count;
        var inode = new FrameColumnBuilder<uint>(count);
        var node = new FrameColumnBuilder<uint>(count);
        var reference = new FrameColumnBuilder<uint>(count);
        var peerNode = new FrameColumnBuilder<uint>(count);
        var peerReference = new FrameColumnBuilder<uint>(count);
        var type = new string?[count];
        var congestion = new string?[count];
        var drops = new FrameColumnBuilder<uint>(count);
        var publications = new FrameColumnBuilder<bool>(count);
        var viaType = new FrameColumnBuilder<uint>(count);
        var viaInstance = new FrameColumnBuilder<uint>(count);
        for (var row = 0; row < count; row++)
        {
            var tipc = (TipcSocketDetails)sockets[row].Local!;
            inode.Set(row, sockets[row].Inode);
            node.Set(row, tipc.Node);
            reference.Set(row, tipc.Reference);
            if (tipc.Connection is { } connection)
            {
                peerNode.Set(row, connection.Node);
                peerReference.Set(row, connection.Reference);
                if (connection.HasName)
                {
                    viaType.Set(row, connection.NameType);
                    viaInstance.Set(row, connection.NameInstance);
                }
            }
            type[row] = SocketNames.SocketType(tipc.Type);
            congestion[row] = tipc.Congestion;
            drops.Set(row, tipc.Drops);
            publications.Set(row, tipc.HasPublications);
        }
        frame.Columns.Add(inode.ToColumn("Inode"));
        frame.Columns.Add(node.ToColumn("Node"));
        frame.Columns.Add(reference.ToColumn("Reference"));
        frame.Columns.Add(peerNode.ToColumn("PeerNode"));
        frame.Columns.Add(peerReference.ToColumn("PeerReference"));
        frame.Columns.Add(StringColumns.Of("type", type));
        frame.Columns.Add(StringColumns.Of("cong", congestion));
        frame.Columns.Add(drops.ToColumn("drop"));
        frame.Columns.Add(publications.ToColumn("publ"));
        frame.Columns.Add(viaType.ToColumn("via_type"));
        frame.Columns.Add(viaInstance.ToColumn("via_instance"));
    }
}
