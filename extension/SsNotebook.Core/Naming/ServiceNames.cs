namespace SsNotebook.Naming;

/// <summary>
/// The services database (/etc/services) as getservbyname/getservbyport read it: "name port/proto aliases…", the
/// first entry winning, ports above 65535 ignored. Parsed once; the filter (<c>:ssh</c>) and the text (port names)
/// read the same instance.
/// </summary>
internal sealed class ServiceNames
{
    private readonly Dictionary<(string Name, string Protocol), int> _ports = new();
    private readonly Dictionary<(int Port, string Protocol), string> _names = new();
    private readonly Dictionary<int, string> _anyProtocol = new();

    private ServiceNames()
    {
    }

    /// <summary>An empty database: what libc sees when the file cannot be read.</summary>
    public static ServiceNames Empty { get; } = new();

    public static ServiceNames Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses a database text; null (an unreadable file) gives an empty database.</summary>
    public static ServiceNames Parse(string? text)
    {
        var names = new ServiceNames();
        foreach (var fields in NamingDatabase.Entries(text))
        {
            if (fields.Length < 2)
            {
                continue;
            }
            var slash = fields[1].IndexOf('/');
            if (slash <= 0 || !int.TryParse(fields[1].AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port > ushort.MaxValue)
            {
                continue;
            }
            var protocol = fields[1][(slash + 1)..];
            names._names.TryAdd((port, protocol), fields[0]);
            names._anyProtocol.TryAdd(port, fields[0]);
            for (var i = 0; i < fields.Length; i++)
            {
                if (i != 1)
                {
                    names._ports.TryAdd((fields[i], protocol), port);
                }
            }
        }
        return names;
    }

    /// <summary>getservbyname(name, protocol): the port of a service name or alias, or null.</summary>
    public int? PortOf(string name, string protocol) => _ports.TryGetValue((name, protocol), out var port) ? port : null;

    /// <summary>getservbyport(port, protocol): the official name, or null; a null protocol matches any.</summary>
    public string? NameOf(int port, string? protocol) =>
        (protocol is null ? _anyProtocol.TryGetValue(port, out var name) : _names.TryGetValue((port, protocol), out name)) ? name : null;
}
