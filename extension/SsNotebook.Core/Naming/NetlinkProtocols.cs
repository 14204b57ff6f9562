namespace SsNotebook.Naming;

/// <summary>Netlink protocol names (iproute2's nl_proto table): the text's name of a netlink socket's protocol and
/// the protocol a <c>netlink:</c> filter host names.</summary>
internal static class NetlinkProtocols
{
    private static readonly (string Name, byte Id)[] Names =
    [
        ("rtnl", 0), ("unused", 1), ("usersock", 2), ("fw", 3), ("tcpdiag", 4), ("nflog", 5), ("xfrm", 6),
        ("selinux", 7), ("iscsi", 8), ("audit", 9), ("fiblookup", 10), ("connector", 11), ("nft", 12),
        ("ip6fw", 13), ("dec-rt", 14), ("uevent", 15), ("genl", 16), ("scsi-trans", 18), ("ecryptfs", 19),
        ("rdma", 20), ("crypto", 21),
    ];

    private static readonly string?[] ById = BuildById();

    /// <summary>The name of <paramref name="protocol"/>, or its number (always the number with -n).</summary>
    public static string Name(byte protocol, bool numeric) =>
        !numeric && ById[protocol] is { } name ? name : protocol.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The number of a protocol name (exact case), or null.</summary>
    public static byte? IdOf(string name)
    {
        foreach (var (known, id) in Names)
        {
            if (known == name)
            {
                return id;
            }
        }
        return null;
    }

    private static string?[] BuildById()
    {
        var byId = new string?[256];
        foreach (var (name, id) in Names)
        {
            byId[id] = name;
        }
        return byId;
    }
}
