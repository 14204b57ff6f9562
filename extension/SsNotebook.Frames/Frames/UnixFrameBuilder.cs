namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Unix</c> frame: one row per unix socket with what UNIX_DIAG tells beyond the Sockets frame — the
/// name, the peer's inode and name, the VFS inode and device of the bound path (<c>-e</c>), the connections
/// waiting on a listener (<c>-e</c>) and the shutdown state.
/// </summary>
internal static class UnixFrameBuilder
{
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfKind<UnixSocketDetails>(sockets, AddColumns);

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets)
    {
        var count = sockets.Count;
        var name = columns.Strings("Name");
        var peerInode = columns.Of<uint>("PeerInode");
        var peerName = columns.Strings("PeerName");
        var vfsInode = columns.Of<uint>("VfsInode");
        var vfsMajor = columns.Of<uint>("VfsMajor");
        var vfsMinor = columns.Of<uint>("VfsMinor");
        var pending = columns.Of<int>("PendingConnections");
        var shutdown = columns.Strings("Shutdown");
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
    }
}
