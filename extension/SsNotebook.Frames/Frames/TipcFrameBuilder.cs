namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Tipc</c> frame: one row per TIPC socket with its address (<c>Node</c>:<c>Reference</c>), its
/// peer's when connected, and what <c>--tipcinfo</c> prints: <c>type</c>, <c>cong</c>, <c>drop</c>, <c>publ</c> and
/// the service name a connection went <c>via</c> (<c>via_type</c>, <c>via_instance</c>).
/// </summary>
internal static class TipcFrameBuilder
{
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfKind<TipcSocketDetails>(sockets, AddColumns);

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets)
    {
        var node = columns.Of<uint>("Node");
        var reference = columns.Of<uint>("Reference");
        var peerNode = columns.Of<uint>("PeerNode");
        var peerReference = columns.Of<uint>("PeerReference");
        var type = columns.Strings("type");
        var congestion = columns.Strings("cong");
        var drops = columns.Of<uint>("drop");
        var publications = columns.Of<bool>("publ");
        var viaType = columns.Of<uint>("via_type");
        var viaInstance = columns.Of<uint>("via_instance");
        for (var row = 0; row < sockets.Count; row++)
        {
            var tipc = (TipcSocketDetails)sockets[row].Local!;
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
    }
}
