namespace SsNotebook.Filter;

/// <summary>Netlink protocol names for <c>netlink:</c> hosts (iproute2's nl_proto table), or a number up to 255.</summary>
internal static class NetlinkProtocols
{
    private static readonly (string Name, uint Id)[] Names =
    [
        ("rtnl", 0), ("unused", 1), ("usersock", 2), ("fw", 3), ("tcpdiag", 4), ("nflog", 5), ("xfrm", 6),
        ("selinux", 7), ("iscsi", 8), ("audit", 9), ("fiblookup", 10), ("connector", 11), ("nft", 12),
        ("ip6fw", 13), ("dec-rt", 14), ("uevent", 15), ("genl", 16), ("scsi-trans", 18), ("ecryptfs", 19),
        ("rdma", 20), ("crypto", 21),
    ];

    public static uint? Parse(string text)
    {
        foreach (var (name, id) in Names)
        {
            if (name == text)
            {
                return id;
            }
        }
        return CNumbers.TryParseUnsigned(text, 255, out var value) ? (uint)value : null;
    }
}
