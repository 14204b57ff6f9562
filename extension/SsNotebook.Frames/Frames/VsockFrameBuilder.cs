namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Vsock</c> frame: one row per vsock socket with its local and peer CIDs and ports, 32-bit as the
/// kernel's (VMADDR_CID_ANY and VMADDR_PORT_ANY, which ss prints as <c>*</c>, are 4294967295).
/// </summary>
internal static class VsockFrameBuilder
{
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfKind<VsockSocketDetails>(sockets, AddColumns);

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets)
    {
        var localCid = columns.Of<uint>("LocalCid");
        var localPort = columns.Of<uint>("LocalPort");
        var peerCid = columns.Of<uint>("PeerCid");
        var peerPort = columns.Of<uint>("PeerPort");
        for (var row = 0; row < sockets.Count; row++)
        {
            var vsock = (VsockSocketDetails)sockets[row].Local!;
            localCid.Set(row, vsock.LocalCid);
            localPort.Set(row, vsock.LocalPort);
            peerCid.Set(row, vsock.PeerCid);
            peerPort.Set(row, vsock.PeerPort);
        }
    }
}
