namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Vsock</c> frame: one row per vsock socket with its local and peer CIDs and ports, 32-bit as the
/// kernel's (VMADDR_CID_ANY and VMADDR_PORT_ANY, which ss prints as <c>*</c>, are 4294967295).
/// </summary>
internal static class VsockFrameBuilder
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["Cookie", "Inode", "LocalCid", "LocalPort", "PeerCid", "PeerPort"];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is VsockSocketDetails, AddColumns);

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        var count = sockets.Count;
        var inode = new FrameColumnBuilder<uint>(count);
        var localCid = new FrameColumnBuilder<uint>(count);
        var localPort = new FrameColumnBuilder<uint>(count);
        var peerCid = new FrameColumnBuilder<uint>(count);
        var peerPort = new FrameColumnBuilder<uint>(count);
        for (var row = 0; row < count; row++)
        {
            var vsock = (VsockSocketDetails)sockets[row].Local!;
            inode.Set(row, sockets[row].Inode);
            localCid.Set(row, vsock.LocalCid);
            localPort.Set(row, vsock.LocalPort);
            peerCid.Set(row, vsock.PeerCid);
            peerPort.Set(row, vsock.PeerPort);
        }
        frame.Columns.Add(inode.ToColumn("Inode"));
        frame.Columns.Add(localCid.ToColumn("LocalCid"));
        frame.Columns.Add(localPort.ToColumn("LocalPort"));
        frame.Columns.Add(peerCid.ToColumn("PeerCid"));
        frame.Columns.Add(peerPort.ToColumn("PeerPort"));
    }
}
