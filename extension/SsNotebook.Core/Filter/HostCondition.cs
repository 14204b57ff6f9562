namespace SsNotebook.Filter;

/// <summary>The address families a host condition can name (ss's <c>inet:</c>, <c>unix:</c>, … prefixes).</summary>
internal enum HostKind
{
    Inet,
    Unix,
    Link,
    Netlink,
    Vsock,
}

/// <summary>A parsed HOST word (ss's aafilter): what src/dst/sport/dport compare against.</summary>
internal sealed class HostCondition
{
    public HostKind Kind { get; init; }

    /// <summary>The port (-1 = any): an inet port, a link interface index, a netlink pid, a vsock port.</summary>
    public long Port { get; init; } = -1;

    /// <summary>Inet addresses (several when a host name resolves to several); empty for "any address".</summary>
    public IReadOnlyList<InetPrefix> Prefixes { get; init; } = [];

    /// <summary>The glob of a unix condition.</summary>
    public string UnixPattern { get; init; } = "";

    /// <summary>Link ethertype, netlink protocol or vsock cid; null for any.</summary>
    public uint? Value { get; init; }

    /// <summary>The predicate for <c>src</c>/<c>dst</c>/<c>sport =</c>/<c>dport =</c>.</summary>
    public SocketFilter ToCondition(SocketEnd end) => Kind switch
    {
        HostKind.Inet => new InetHostFilter(end, Prefixes, Port),
        HostKind.Unix => new UnixNameFilter(end, UnixPattern),
        HostKind.Link => new FamilyHostFilter(end, AddressFamilies.Packet, Value, Port),
        HostKind.Netlink => new FamilyHostFilter(end, AddressFamilies.Netlink, Value, Port),
        _ => new FamilyHostFilter(end, AddressFamilies.Vsock, Value, Port),
    };
}
