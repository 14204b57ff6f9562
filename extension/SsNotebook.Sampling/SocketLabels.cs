using SsNotebook.Sockets;

namespace SsNotebook.Sampling;

/// <summary>How a socket is named in the Samples frame and chart legends: <c>local:port→peer:port</c>,
/// IPv6 addresses in brackets, as ss prints them.</summary>
public static class SocketLabels
{
    public static string Of(SocketRecord socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return $"{Endpoint(socket.LocalAddress, socket.LocalPort)}→{Endpoint(socket.PeerAddress, socket.PeerPort)}";
    }

    public static string Endpoint(InetAddress address, ushort port)
    {
        var host = address.Family switch
        {
            0 => "*",
            AddressFamilies.Inet6 => $"[{address}]",
            _ => address.ToString(),
        };
        return $"{host}:{(port == 0 ? "*" : port.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
    }
}
