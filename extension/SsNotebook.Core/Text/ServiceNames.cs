using System.Globalization;
using SsNotebook.Query;

namespace SsNotebook.Text;

/// <summary>
/// Port and protocol names as ss prints them: getservbyport semantics over /etc/services (first entry wins; a null
/// protocol matches any), never for ports inside ip_local_port_range, and getprotobynumber over /etc/protocols.
/// Formatted names are cached as UTF-8 so repeated ports cost a dictionary lookup.
/// </summary>
internal sealed class ServiceNames
{
    private readonly SsEnvironment _environment;
    private readonly string? _networkNamespace;
    private Dictionary<(int Port, string Protocol), string>? _byPortAndProtocol;
    private Dictionary<int, string>? _byPort;
    private Dictionary<int, string>? _protocols;
    private (int Min, int Max)? _ephemeral;
    private readonly Dictionary<(int, string?), byte[]> _cache = [];
    private readonly Dictionary<int, byte[]> _protocolText = [];
    private readonly byte[][] _numeric = new byte[65536][];

    /// <summary>Names as <paramref name="environment"/> gives them: its <see cref="SsEnvironment.Naming"/> when set
    /// (a replay), otherwise the files of this machine, read on first use.</summary>
    public ServiceNames(SsEnvironment environment, string? networkNamespace)
    {
        _environment = environment;
        _networkNamespace = networkNamespace;
    }

    /// <summary>The decimal text of <paramref name="port"/>.</summary>
    public byte[] Numeric(int port)
    {
        if ((uint)port < (uint)_numeric.Length)
        {
            return _numeric[port] ??= System.Text.Encoding.ASCII.GetBytes(port.ToString(CultureInfo.InvariantCulture));
        }
        return System.Text.Encoding.ASCII.GetBytes(port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The service name of <paramref name="port"/> for <paramref name="protocol"/> ("tcp", "udp" or null for any), or its number.</summary>
    public byte[] Service(int port, string? protocol)
    {
        if (_cache.TryGetValue((port, protocol), out var cached))
        {
            return cached;
        }
        string? name = null;
        if (!IsEphemeral(port))
        {
            LoadServices();
            if (protocol is null)
            {
                _byPort!.TryGetValue(port, out name);
            }
            else
            {
                _byPortAndProtocol!.TryGetValue((port, protocol), out name);
            }
        }
        var bytes = name is null ? Numeric(port) : System.Text.Encoding.UTF8.GetBytes(name);
        _cache[(port, protocol)] = bytes;
        return bytes;
    }

    /// <summary>The protocol name of <paramref name="protocol"/> (RAW sockets), or <c>ipproto-N</c>, as cached UTF-8.</summary>
    public byte[] ProtocolText(int protocol)
    {
        if (!_protocolText.TryGetValue(protocol, out var text))
        {
            text = System.Text.Encoding.UTF8.GetBytes(Protocol(protocol));
            _protocolText[protocol] = text;
        }
        return text;
    }

    /// <summary>The protocol name of <paramref name="protocol"/> (RAW sockets), or <c>ipproto-N</c>.</summary>
    public string Protocol(int protocol)
    {
        if (_protocols is null)
        {
            _protocols = [];
            foreach (var fields in ReadEntries(_environment.ReadProtocols(_networkNamespace)))
            {
                if (fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    _protocols.TryAdd(number, fields[0]);
                }
            }
        }
        return _protocols.TryGetValue(protocol, out var name) ? name : "ipproto-" + protocol.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True for ports inside ip_local_port_range (1024–4999 when the file cannot be read).</summary>
    public bool IsEphemeral(int port)
    {
        if (_ephemeral is null)
        {
            var range = (1024, 4999);
            var parts = (_environment.ReadPortRange() ?? "").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min)
                && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max))
            {
                range = (min, max);
            }
            _ephemeral = range;
        }
        return port >= _ephemeral.Value.Min && port <= _ephemeral.Value.Max;
    }

    private void LoadServices()
    {
        if (_byPort is not null)
        {
            return;
        }
        _byPort = [];
        _byPortAndProtocol = [];
        foreach (var fields in ReadEntries(_environment.ReadServices(_networkNamespace)))
        {
            if (fields.Length < 2)
            {
                continue;
            }
            var slash = fields[1].IndexOf('/');
            if (slash <= 0 || !int.TryParse(fields[1].AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                continue;
            }
            var protocol = fields[1][(slash + 1)..];
            _byPort.TryAdd(port, fields[0]);
            _byPortAndProtocol.TryAdd((port, protocol), fields[0]);
        }
    }

    /// <summary>The fields of each non-empty line of a database text, '#' comments removed (none for a null text).</summary>
    private static IEnumerable<string[]> ReadEntries(string? text)
    {
        if (text is null)
        {
            yield break;
        }
        // StringReader splits lines as File.ReadAllLines does (\n, \r\n or \r).
        var reader = new StringReader(text);
        while (reader.ReadLine() is { } raw)
        {
            var hash = raw.IndexOf('#');
            var line = hash >= 0 ? raw[..hash] : raw;
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                yield return fields;
            }
        }
    }
}
