namespace SsNotebook.Sampling;

/// <summary>How a socket is named in the Samples frame and chart legends: <c>local:port→peer:port</c>,
/// IPv6 addresses in brackets, as ss prints them.</summary>
internal static class SocketLabels
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

    /// <summary>The name a reader recognises a flow by: the process holding it (with -p) and its congestion
    /// control (with -i) before its endpoints, e.g. <c>iperf3 cubic 10.0.0.1:40000→10.0.0.2:5201</c>.</summary>
    public static string Describe(string? process, string? congestion, string endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var words = new List<string>(3);
        if (!string.IsNullOrEmpty(process))
        {
            words.Add(process);
        }
        if (!string.IsNullOrEmpty(congestion))
        {
            words.Add(congestion);
        }
        words.Add(endpoints);
        return string.Join(' ', words);
    }
}
