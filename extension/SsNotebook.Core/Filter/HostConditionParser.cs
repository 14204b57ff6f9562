namespace SsNotebook.Filter;

/// <summary>
/// Parses a HOST word the way ss's parse_hostcond does: an optional family prefix (which also narrows the family
/// mask to that family), then per family an address and/or port. Inet hosts accept <c>[v6]:port</c>,
/// <c>*:port</c>, <c>a.b.c.d/len:port</c>, host names (every address they resolve to) and service names.
/// Errors throw <see cref="SsException"/> with ss's messages.
/// </summary>
internal sealed class HostConditionParser(FilterParseContext context)
{
    private const string CannotParse = "Cannot parse dst/src address.";

    public HostCondition Parse(string word, bool isPort)
    {
        var family = context.PreferredFamily;
        var address = word;
        foreach (var (prefix, prefixFamily) in FamilyPrefixes)
        {
            if (address.StartsWith(prefix, StringComparison.Ordinal))
            {
                family = prefixFamily;
                address = address[prefix.Length..];
                break;
            }
        }
        var condition = family switch
        {
            AddressFamilies.Unix => new HostCondition { Kind = HostKind.Unix, UnixPattern = address },
            AddressFamilies.Packet => ParseLink(address, isPort),
            AddressFamilies.Netlink => ParseNetlink(address, isPort),
            AddressFamilies.Vsock => ParseVsock(address, isPort),
            _ => ParseInet(address, isPort, family),
        };
        if (family != 0)
        {
            context.Families = 1UL << family;
            context.PreferredFamily = family;
        }
        return condition;
    }

    private static readonly (string Prefix, int Family)[] FamilyPrefixes =
    [
        ("unix:", AddressFamilies.Unix),
        ("link:", AddressFamilies.Packet),
        ("netlink:", AddressFamilies.Netlink),
        ("vsock:", AddressFamilies.Vsock),
        ("inet:", AddressFamilies.Inet),
        ("inet6:", AddressFamilies.Inet6),
    ];

    private static SsException Failure(string? detail = null) =>
        new(detail is null ? CannotParse : $"{detail}\n{CannotParse}", 1);

    /// <summary>ss's find_port: the whole word for sport/dport, else what follows the first ':'.</summary>
    private static (string Address, string? Port) SplitAtFirstColon(string address, bool isPort)
    {
        if (isPort)
        {
            return address.StartsWith(':') ? ("", address[1..]) : (address, address);
        }
        var colon = address.IndexOf(':');
        return colon < 0 ? (address, null) : (address[..colon], address[(colon + 1)..]);
    }

    private HostCondition ParseLink(string word, bool isPort)
    {
        var (address, portText) = SplitAtFirstColon(word, isPort);
        long port = -1;
        if (portText is { Length: > 0 } && portText != "*" && !CNumbers.TryParseLong(portText, out port))
        {
            port = context.Naming.Interfaces.IndexOf(portText);
            if (port <= 0)
            {
                throw Failure();
            }
        }
        uint? protocol = null;
        if (!isPort && address.Length > 0 && address != "*")
        {
            protocol = LinkLayerProtocols.IdOf(address) ?? NumberUpTo(address, ushort.MaxValue) ?? throw Failure();
        }
        return new HostCondition { Kind = HostKind.Link, Port = port, Value = protocol };
    }

    private static HostCondition ParseNetlink(string word, bool isPort)
    {
        var (address, portText) = SplitAtFirstColon(word, isPort);
        long port = -1;
        if (portText is { Length: > 0 } && portText != "*" && !CNumbers.TryParseLong(portText, out port))
        {
            port = portText == "kernel" ? 0 : throw Failure();
        }
        uint? protocol = null;
        if (!isPort && address.Length > 0 && address != "*")
        {
            protocol = NetlinkProtocols.IdOf(address) ?? NumberUpTo(address, byte.MaxValue) ?? throw Failure();
        }
        return new HostCondition { Kind = HostKind.Netlink, Port = port, Value = protocol };
    }

    private static HostCondition ParseVsock(string word, bool isPort)
    {
        var (address, portText) = SplitAtFirstColon(word, isPort);
        long port = -1;
        if (portText is not null && portText != "*")
        {
            // ss writes the u32 into the low half of a long that holds -1, so its port never matches; we keep the value.
            port = CNumbers.TryParseUnsigned(portText, uint.MaxValue, out var value) ? (long)value : throw Failure();
        }
        uint? cid = null;
        if (!isPort && address.Length > 0 && address != "*")
        {
            cid = CNumbers.TryParseUnsigned(address, uint.MaxValue, out var value) ? (uint)value : throw Failure();
        }
        return new HostCondition { Kind = HostKind.Vsock, Port = port, Value = cid };
    }

    private HostCondition ParseInet(string word, bool isPort, int family)
    {
        var address = word;
        string? portText = null;
        // Where the port text starts inside address (ss points into the same buffer and cuts it with a NUL at a
        // ':'); null when the port was already split off after "]".
        int? portStart = null;
        if (address.StartsWith('['))
        {
            address = address[1..];
            var close = address.IndexOf(']');
            if (close < 0)
            {
                throw Failure();
            }
            portText = address[(close + 1)..];
            address = address[..close];
        }
        else if (address.StartsWith('*'))
        {
            portText = address[1..];
            portStart = 1;
        }
        else
        {
            var slash = address.IndexOf('/');
            var colon = address.LastIndexOf(':');
            if (colon >= 0 && colon >= slash)
            {
                portText = address[colon..];
                portStart = colon;
            }
        }
        if (isPort)
        {
            portText = address;
            portStart = 0;
        }
        if (portText is { Length: > 0 } && portText[0] == ':')
        {
            if (portStart is { } cut)
            {
                address = address[..cut];
            }
            portText = portText[1..];
        }
        long port = -1;
        if (portText is { Length: > 0 } && portText[0] != '*')
        {
            port = ParsePort(portText);
        }
        var prefixes = Array.Empty<InetPrefix>();
        if (!isPort && address.Length > 0 && address[0] != '*')
        {
            prefixes = InetPrefixParser.TryParse(address, family) is { } prefix
                ? [prefix]
                : ResolveHost(address, family) is { Length: > 0 } resolved
                    ? resolved
                    : throw Failure($"Error: an inet prefix is expected rather than \"{address}\".");
        }
        return new HostCondition { Kind = HostKind.Inet, Port = port, Prefixes = prefixes };
    }

    /// <summary>
    /// glibc's answer for a host name of digits and dots that does not end with a dot: inet_aton's reading of it
    /// (one to four parts, each decimal or, with a leading 0, octal; the last fills the remaining bytes).
    /// </summary>
    private static byte[]? NumericIPv4(string name)
    {
        if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || name[^1] == '.' || name.Any(c => c != '.' && !char.IsAsciiDigit(c)))
        {
            return null;
        }
        var parts = name.Split('.');
        if (parts.Length > 4)
        {
            return null;
        }
        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var radix = part.Length > 1 && part[0] == '0' ? 8u : 10u;
            if (part.Length == 0)
            {
                return null;
            }
            foreach (var digit in part)
            {
                var value = (uint)(digit - '0');
                if (value >= radix || values[i] > uint.MaxValue)
                {
                    return null;
                }
                values[i] = (values[i] * radix) + value;
            }
        }
        var lastBits = 8 * (5 - parts.Length);
        if (values[^1] >= 1UL << lastBits || values[..^1].Any(v => v > 255))
        {
            return null;
        }
        var address = values[^1];
        for (var i = 0; i < parts.Length - 1; i++)
        {
            address |= values[i] << (8 * (3 - i));
        }
        return [(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address];
    }

    /// <summary>A number, or a service name known to tcp/udp (whichever tables are selected; both must agree).</summary>
    private long ParsePort(string text)
    {
        if (CNumbers.TryParseLong(text, out var number))
        {
            return number;
        }
        var services = context.Naming.Services;
        var udp = context.Tables.Contains(SocketTable.Udp) ? services.PortOf(text, "udp") : null;
        var tcp = context.Tables.Contains(SocketTable.Tcp) ? services.PortOf(text, "tcp") : null;
        if (udp is not null && tcp is not null && udp != tcp)
        {
            throw Failure($"Error: ambiguous port \"{text}\".");
        }
        return udp ?? tcp ?? throw Failure($"Error: \"{text}\" does not look like a port.");
    }

    /// <summary>A protocol given as a number (strtoul, base 0) no larger than <paramref name="maximum"/>, or null.</summary>
    private static uint? NumberUpTo(string text, ulong maximum) =>
        CNumbers.TryParseUnsigned(text, maximum, out var value) ? (uint)value : null;

    /// <summary>gethostbyname2 as ss calls it: IPv4 then IPv6 for an unspecified family.</summary>
    private InetPrefix[] ResolveHost(string name, int family)
    {
        if (family is not (0 or AddressFamilies.Inet or AddressFamilies.Inet6))
        {
            // Another family (--tipc, --xdp …): glibc looks up no name for it, but still answers an all-numeric one
            // as the IPv4 address inet_aton reads in it.
            return NumericIPv4(name) is { } numeric ? [new InetPrefix(AddressFamilies.Inet, numeric, 32)] : [];
        }
        var result = new List<InetPrefix>();
        if (family is 0 or AddressFamilies.Inet)
        {
            Add(AddressFamily.InterNetwork);
        }
        if (family is 0 or AddressFamilies.Inet6)
        {
            Add(AddressFamily.InterNetworkV6);
        }
        return [.. result];

        void Add(AddressFamily addressFamily)
        {
            foreach (var address in context.ResolveHost(name, addressFamily))
            {
                if (address.AddressFamily == addressFamily)
                {
                    var bytes = address.GetAddressBytes();
                    var inetFamily = addressFamily == AddressFamily.InterNetwork ? AddressFamilies.Inet : AddressFamilies.Inet6;
                    result.Add(new InetPrefix(inetFamily, bytes, bytes.Length * 8));
                }
            }
        }
    }
}
