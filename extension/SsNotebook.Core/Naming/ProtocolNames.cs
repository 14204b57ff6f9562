namespace SsNotebook.Naming;

/// <summary>The protocols database (/etc/protocols) as getprotobynumber reads it: "name number aliases…", the first
/// entry winning. ss names RAW sockets' protocols with it.</summary>
internal sealed class ProtocolNames
{
    private readonly Dictionary<int, string> _names = [];

    private ProtocolNames()
    {
    }

    /// <summary>Parses a database text; null (an unreadable file) gives an empty database.</summary>
    public static ProtocolNames Parse(string? text)
    {
        var names = new ProtocolNames();
        foreach (var fields in NamingDatabase.Entries(text))
        {
            if (fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                names._names.TryAdd(number, fields[0]);
            }
        }
        return names;
    }

    /// <summary>The name of <paramref name="protocol"/>, or ss's <c>ipproto-N</c>.</summary>
    public string NameOf(int protocol) =>
        _names.TryGetValue(protocol, out var name) ? name : "ipproto-" + protocol.ToString(CultureInfo.InvariantCulture);
}
