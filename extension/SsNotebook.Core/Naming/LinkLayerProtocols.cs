namespace SsNotebook.Naming;

/// <summary>iproute2's ethertype names (its ll_proto table): the name of a packet socket's protocol in the text, and
/// the protocol a <c>link:</c> filter host names (matched case-insensitively). The first name of a number is its
/// printed name ("ip", not "ipv4").</summary>
internal static class LinkLayerProtocols
{
    private static readonly (string Name, ushort Id)[] Names =
    [
        ("loop", 0x0060), ("pup", 0x0200), ("pupat", 0x0201), ("ip", 0x0800), ("x25", 0x0805), ("arp", 0x0806),
        ("bpq", 0x08FF), ("ieeepup", 0x0a00), ("ieeepupat", 0x0a01), ("dec", 0x6000), ("dna_dl", 0x6001),
        ("dna_rc", 0x6002), ("dna_rt", 0x6003), ("lat", 0x6004), ("diag", 0x6005), ("cust", 0x6006), ("sca", 0x6007),
        ("rarp", 0x8035), ("atalk", 0x809B), ("aarp", 0x80F3), ("ipx", 0x8137), ("ipv6", 0x86DD),
        ("ppp_disc", 0x8863), ("ppp_ses", 0x8864), ("atmmpoa", 0x884c), ("atmfate", 0x8884), ("802_3", 0x0001),
        ("ax25", 0x0002), ("all", 0x0003), ("802_2", 0x0004), ("snap", 0x0005), ("ddcmp", 0x0006),
        ("wan_ppp", 0x0007), ("ppp_mp", 0x0008), ("localtalk", 0x0009), ("can", 0x000C), ("ppptalk", 0x0010),
        ("tr_802_2", 0x0011), ("mobitex", 0x0015), ("control", 0x0016), ("irda", 0x0017), ("econet", 0x0018),
        ("tipc", 0x88CA), ("profinet", 0x8892), ("aoe", 0x88A2), ("ethercat", 0x88A4), ("802.1Q", 0x8100),
        ("802.1ad", 0x88A8), ("mpls_uc", 0x8847), ("mpls_mc", 0x8848), ("teb", 0x6558), ("cfm", 0x8902),
        ("LLDP", 0x88cc), ("ipv4", 0x0800),
    ];

    private static readonly Dictionary<ushort, string> ById = BuildById();

    /// <summary>A packet socket's protocol as ss's address column shows it: "*" for ETH_P_ALL, else <see cref="Name"/>.</summary>
    public static string OfPacketSocket(ushort protocol, bool numeric) =>
        protocol == Sockets.PacketSocketDetails.AllProtocols ? "*" : Name(protocol, numeric);

    /// <summary>ll_proto_n2a: the name, or "[N]" for an unknown number and with -n.</summary>
    public static string Name(ushort protocol, bool numeric) =>
        !numeric && ById.TryGetValue(protocol, out var name)
            ? name
            : "[" + protocol.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>The number of a protocol name (any case), or null.</summary>
    public static ushort? IdOf(string name)
    {
        foreach (var (known, id) in Names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }
        }
        return null;
    }

    private static Dictionary<ushort, string> BuildById()
    {
        var byId = new Dictionary<ushort, string>();
        foreach (var (name, id) in Names)
        {
            byId.TryAdd(id, name);
        }
        return byId;
    }
}
