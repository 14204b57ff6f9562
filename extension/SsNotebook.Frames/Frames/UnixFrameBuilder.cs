namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Unix</c> frame: one row per unix socket with what UNIX_DIAG tells beyond the Sockets frame — the
/// name, the peer's inode and name, the VFS inode and device of the bound path (<c>-e</c>), the connections
/// waiting on a listener (<c>-e</c>) and the shutdown state.
/// </summary>
internal static class UnixFrameBuilder
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        ["Cookie", "Inode", "Name", "PeerInode", "PeerName", "VfsInode", "VfsMajor", "VfsMinor", "PendingConnections", "Shutdown"];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is UnixSocketDetails, AddColumns);

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        var count = sockets.Count;
        var inode = new FrameColumnBuilder<uint>(count);
        var name = new string?[count];
        var peerInode = new FrameColumnBuilder<uint>(count);
        var peerName = new string?[count];
        var vfsInode = new FrameColumnBuilder<uint>(count);
        var vfsMajor = new FrameColumnBuilder<uint>(count);
        var vfsMinor = new FrameColumnBuilder<uint>(count);
        var pending = new FrameColumnBuilder<int>(count);
        var shutdown = new string?[count];
        // The peer's name is the name of the socket holding the peer inode, when that socket is in this result
        // (ss's /proc reader resolves it the same way; its netlink reader prints "*").
        var names = new Dictionary<uint, string>(count);
        for (var row = 0; row < count; row++)
        {
            var unix = (UnixSocketDetails)sockets[row].Local!;
            name[row] = unix.Name ?? "*";
            names.TryAdd(sockets[row].Inode, name[row]!);
        }
        for (var row = 0; row < count; row++)
        {
            var socket = sockets[row];
            var unix = (UnixSocketDetails)socket.Local!;
            inode.Set(row, socket.Inode);
            peerInode.Set(row, unix.PeerInode);
            if (unix.PeerInode != 0 && names.TryGetValue(unix.PeerInode, out var peer))
            {
                peerName[row] = peer;
            }
            if (unix.HasVfs)
            {
                vfsInode.Set(row, unix.VfsInode);
                vfsMajor.Set(row, unix.VfsMajor);
                vfsMinor.Set(row, unix.VfsMinor);
            }
            if (unix.PendingConnections is { } connections)
            {
                pending.Set(row, connections.Length);
            }
            if (socket.Has(SocketAttributes.Shutdown))
            {
                shutdown[row] = SocketNames.Shutdown(socket.Shutdown);
            }
        }
        frame.Columns.Add(inode.ToColumn("Inode"));
        frame.Columns.Add(StringColumns.Of("Name", name));
        frame.Columns.Add(peerInode.ToColumn("PeerInode"));
        frame.Columns.Add(StringColumns.Of("PeerName", peerName));
        frame.Columns.Add(vfsInode.ToColumn("VfsInode"));
        frame.Columns.Add(vfsMajor.ToColumn("VfsMajor"));
        frame.Columns.Add(vfsMinor.ToColumn("VfsMinor"));
        frame.Columns.Add(pending.ToColumn("PendingConnections"));
        frame.Columns.Add(StringColumns.Of("Shutdown", shutdown));
    }
}
