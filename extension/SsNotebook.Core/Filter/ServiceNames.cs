namespace SsNotebook.Filter;

/// <summary>
/// The services database (/etc/services) as getservbyname/getservbyport read it: "name port/proto aliases…", '#'
/// comments, the first entry winning. Loaded once per instance; shareable by anything that maps ports and names.
/// </summary>
internal sealed class ServiceNames
{
    public const string DefaultPath = "/etc/services";

    private readonly Dictionary<(string Name, string Protocol), int> _ports = new();
    private readonly Dictionary<(int Port, string Protocol), string> _names = new();

    private ServiceNames()
    {
    }

    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file gives an empty database, as with libc.</summary>
    public static ServiceNames Load(string path = DefaultPath)
    {
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader);
        }
        catch (IOException)
        {
            return new ServiceNames();
        }
        catch (UnauthorizedAccessException)
        {
            return new ServiceNames();
        }
    }

    /// <summary>The database <paramref name="environment"/> gives for a query in <paramref name="networkNamespace"/>: its
    /// recorded <see cref="Query.SsEnvironment.Naming"/> when set (a replay), otherwise the machine's file.</summary>
    public static ServiceNames For(Query.SsEnvironment environment, string? networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Parse(new StringReader(environment.ReadServices(networkNamespace) ?? ""));
    }

    public static ServiceNames Parse(TextReader reader)
    {
        var names = new ServiceNames();
        Span<Range> fields = stackalloc Range[64];
        while (reader.ReadLine() is { } line)
        {
            var comment = line.IndexOf('#');
            var content = comment >= 0 ? line.AsSpan(0, comment) : line.AsSpan();
            var count = content.SplitAny(fields, " \t", StringSplitOptions.RemoveEmptyEntries);
            if (count < 2)
            {
                continue;
            }
            var portAndProtocol = content[fields[1]];
            var slash = portAndProtocol.IndexOf('/');
            if (slash <= 0 || !int.TryParse(portAndProtocol[..slash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > ushort.MaxValue)
            {
                continue;
            }
            var protocol = portAndProtocol[(slash + 1)..].ToString();
            var name = content[fields[0]].ToString();
            names._names.TryAdd((port, protocol), name);
            names._ports.TryAdd((name, protocol), port);
            for (var i = 2; i < count; i++)
            {
                names._ports.TryAdd((content[fields[i]].ToString(), protocol), port);
            }
        }
        return names;
    }

    /// <summary>getservbyname(name, protocol): the port of a service name or alias, or null.</summary>
    public int? PortOf(string name, string protocol) => _ports.TryGetValue((name, protocol), out var port) ? port : null;

    /// <summary>getservbyport(port, protocol): the official name, or null.</summary>
    public string? NameOf(int port, string protocol) => _names.TryGetValue((port, protocol), out var name) ? name : null;
}
