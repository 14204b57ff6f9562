namespace SsNotebook.Text;

/// <summary>
/// The port column's text as ss prints it: getservbyport over the services database (a null protocol matches any),
/// never for ports inside the ephemeral range, and getprotobynumber for RAW sockets. The names come from the
/// invocation's <see cref="NamingTables"/>; this keeps them as UTF-8 so a repeated port costs one lookup.
/// </summary>
internal sealed class PortText(NamingTables naming)
{
    private readonly Dictionary<(int, string?), byte[]> _services = [];
    private readonly Dictionary<int, byte[]> _protocols = [];
    private readonly byte[][] _numeric = new byte[65536][];

    /// <summary>The decimal text of <paramref name="port"/>.</summary>
    public byte[] Numeric(int port) =>
        (uint)port < (uint)_numeric.Length
            ? _numeric[port] ??= Encoding.ASCII.GetBytes(port.ToString(CultureInfo.InvariantCulture))
            : Encoding.ASCII.GetBytes(port.ToString(CultureInfo.InvariantCulture));

    /// <summary>The service name of <paramref name="port"/> for <paramref name="protocol"/> ("tcp", "udp" or null for any), or its number.</summary>
    public byte[] Service(int port, string? protocol)
    {
        if (!_services.TryGetValue((port, protocol), out var text))
        {
            var name = naming.EphemeralPorts.IsPrintedNumeric(port) ? null : naming.Services.NameOf(port, protocol);
            text = name is null ? Numeric(port) : Encoding.UTF8.GetBytes(name);
            _services[(port, protocol)] = text;
        }
        return text;
    }

    /// <summary>The protocol name of <paramref name="protocol"/> (RAW sockets), or <c>ipproto-N</c>.</summary>
    public byte[] Protocol(int protocol)
    {
        if (!_protocols.TryGetValue(protocol, out var text))
        {
            text = Encoding.UTF8.GetBytes(naming.Protocols.NameOf(protocol));
            _protocols[protocol] = text;
        }
        return text;
    }
}
