namespace SsNotebook.Text;

/// <summary>iproute2's ethertype names (ll_proto_n2a): a name, or "[N]" for unknown values and with -n.</summary>
internal static class LinkLayerProtocols
{
    private static readonly Dictionary<ushort, string> Names = new()
    {
        [0x0060] = "loop",
        [0x0200] = "pup",
        [0x0201] = "pupat",
        [0x0800] = "ip",
        [0x0805] = "x25",
        [0x0806] = "arp",
        [0x08FF] = "bpq",
        [0x0a00] = "ieeepup",
        [0x0a01] = "ieeepupat",
        [0x6000] = "dec",
        [0x6001] = "dna_dl",
        [0x6002] = "dna_rc",
        [0x6003] = "dna_rt",
        [0x6004] = "lat",
        [0x6005] = "diag",
        [0x6006] = "cust",
        [0x6007] = "sca",
        [0x8035] = "rarp",
        [0x809B] = "atalk",
        [0x80F3] = "aarp",
        [0x8137] = "ipx",
        [0x86DD] = "ipv6",
        [0x8863] = "ppp_disc",
        [0x8864] = "ppp_ses",
        [0x884c] = "atmmpoa",
        [0x8884] = "atmfate",
        [0x0001] = "802_3",
        [0x0002] = "ax25",
        [0x0003] = "all",
        [0x0004] = "802_2",
        [0x0005] = "snap",
        [0x0006] = "ddcmp",
        [0x0007] = "wan_ppp",
        [0x0008] = "ppp_mp",
        [0x0009] = "localtalk",
        [0x000C] = "can",
        [0x0010] = "ppptalk",
        [0x0011] = "tr_802_2",
        [0x0015] = "mobitex",
        [0x0016] = "control",
        [0x0017] = "irda",
        [0x0018] = "econet",
        [0x88CA] = "tipc",
        [0x8892] = "profinet",
        [0x88A2] = "aoe",
        [0x88A4] = "ethercat",
        [0x8100] = "802.1Q",
        [0x88A8] = "802.1ad",
        [0x8847] = "mpls_uc",
        [0x8848] = "mpls_mc",
        [0x6558] = "teb",
        [0x8902] = "cfm",
        [0x88cc] = "LLDP",
    };

    /// <summary>A packet socket's protocol as ss's address column shows it: "*" for ETH_P_ALL, else <see cref="Name"/>.</summary>
    public static string OfPacketSocket(ushort protocol, bool numeric) =>
        protocol == Sockets.PacketSocketDetails.AllProtocols ? "*" : Name(protocol, numeric);

    public static string Name(ushort protocol, bool numeric) =>
        !numeric && Names.TryGetValue(protocol, out var name)
            ? name
            : "[" + protocol.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
