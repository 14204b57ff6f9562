using SsNotebook.Sockets;

namespace SsNotebook.Sampling;

/// <summary>The strings naming one socket, made once per cookie rather than once per row.</summary>
internal sealed record SocketIdentity(string LocalAddress, string PeerAddress, string Label)
{
    public static SocketIdentity Of(SocketRecord socket) =>
        new(socket.LocalAddress.ToString(), socket.PeerAddress.ToString(), SocketLabels.Of(socket));

    public static SocketIdentity Cached(Dictionary<ulong, SocketIdentity> cache, SocketRecord socket)
    {
        if (!cache.TryGetValue(socket.Cookie, out var identity))
        {
            identity = Of(socket);
            cache[socket.Cookie] = identity;
        }
        return identity;
    }
}
