namespace SsNotebook.Diag;

/// <summary>Decodes one vsock_diag reply (struct vsock_diag_msg; the kernel sends no attributes).</summary>
internal static class VsockDiagParser
{
    private const byte SockDgram = 2;

    /// <summary>The size of struct vsock_diag_msg, the whole of a reply.</summary>
    public static int MessageLength => Unsafe.SizeOf<VsockDiagMessage>();

    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out string? error)
    {
        var reader = new NetlinkAttributeReader(payload);
        if (reader.TryReadHeader<VsockDiagMessage>("vsock_diag_msg", out var header))
        {
            into.Family = header.Family;
            into.Table = header.Type == SockDgram ? SocketTable.VsockDgram : SocketTable.VsockStream;
            into.State = (SocketState)header.State;
            into.Shutdown = header.Shutdown;
            into.Inode = header.Inode;
            into.Cookie = header.Cookie.Value;
            into.Local = new VsockSocketDetails
            {
                Type = header.Type,
                LocalCid = header.SourceCid,
                LocalPort = header.SourcePort,
                PeerCid = header.DestinationCid,
                PeerPort = header.DestinationPort,
            };
        }
        error = reader.Error;
        return error is null;
    }

    /// <summary>struct vsock_diag_msg.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct VsockDiagMessage
    {
        public byte Family;
        public byte Type;
        public byte State;
        public byte Shutdown;
        public uint SourceCid;
        public uint SourcePort;
        public uint DestinationCid;
        public uint DestinationPort;
        public uint Inode;
        public SockDiagCookie Cookie;
    }
}
