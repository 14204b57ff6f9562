namespace SsNotebook.Sampling;

/// <summary>The strings naming one socket, made once per socket rather than once per row: the same socket
/// repeats in every sample.</summary>
internal sealed class SocketIdentity
{
    private readonly InetAddress _local;
    private readonly ushort _localPort;
    private readonly InetAddress _peer;
    private readonly ushort _peerPort;

    private SocketIdentity(SocketRecord socket, AddressNames addresses)
    {
        _local = socket.LocalAddress;
        _localPort = socket.LocalPort;
        _peer = socket.PeerAddress;
        _peerPort = socket.PeerPort;
        // A unix socket's address is its path (* when unbound), as in the Sockets frame and ss's text.
        (LocalAddress, PeerAddress) = socket.Local is UnixSocketDetails unix
            ? (unix.Name ?? "*", "*")
            : (addresses.Of(socket.LocalAddress), addresses.Of(socket.PeerAddress));
        Label = SocketLabels.Of(socket);
    }

    public string LocalAddress { get; }

    public string PeerAddress { get; }

    public string Label { get; }

    /// <summary>The identities of a frame's sockets by cookie, with the text of each distinct address made once.</summary>
    public sealed class Cache
    {
        private readonly Dictionary<ulong, SocketIdentity> _byCookie = [];
        private readonly AddressNames _addresses = new();

        /// <summary>The identity of <paramref name="socket"/>. A cookie seen with other addresses or ports (sockets
        /// read from /proc all have cookie 0) gets a fresh identity.</summary>
        public SocketIdentity Of(SocketRecord socket)
        {
            if (!_byCookie.TryGetValue(socket.Cookie, out var identity) || !identity.Names(socket))
            {
                identity = new SocketIdentity(socket, _addresses);
                _byCookie[socket.Cookie] = identity;
            }
            return identity;
        }
    }

    private bool Names(SocketRecord socket) =>
        _localPort == socket.LocalPort && _peerPort == socket.PeerPort && _local == socket.LocalAddress && _peer == socket.PeerAddress;
}
