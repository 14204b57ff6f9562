namespace SsNotebook.Diag;

/// <summary>Numbers of the sock_diag / inet_diag protocol (linux/sock_diag.h, linux/inet_diag.h).</summary>
internal static class InetDiag
{
    /// <summary>True when an inet_diag payload's family (its first byte) is in <paramref name="familyMask"/>
    /// (bits 1 &lt;&lt; AF_*): ss drops sockets of families the query did not ask for.</summary>
    public static bool IsWantedFamily(ReadOnlySpan<byte> payload, ulong familyMask) =>
        payload.Length != 0 && payload[0] < 64 && (familyMask & (1UL << payload[0])) != 0;

    /// <summary>The old TCP-only dump request (struct inet_diag_req): the kernel answers it with one walk of the
    /// socket tables for both families (sdiag_family AF_UNSPEC).</summary>
    public const ushort TcpDiagGetSock = 18;

    /// <summary>DCCPDIAG_GETSOCK: the old inet_diag_req dump request for DCCP, which ss falls back to.</summary>
    public const ushort DccpDiagGetSock = 19;

    /// <summary>sizeof(struct inet_diag_req): family, src_len, dst_len, ext, the 48-byte id, states, dbs.</summary>
    public const int CompatRequestLength = 60;

    /// <summary>The family recorded for replies of a dump that covered both families at once.</summary>
    public const byte BothFamilies = 0;

    /// <summary>sizeof(struct inet_diag_req_v2).</summary>
    public const int RequestLength = 56;

    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;
    public const byte ProtocolDccp = 33;
    public const byte ProtocolSctp = 132;
    public const byte ProtocolRaw = 255;
    public const int ProtocolMptcp = 262;

    // Request attributes.
    public const ushort RequestBytecode = 1;
    public const ushort RequestProtocol = 3;

    /// <summary>INET_DIAG_REQ_SK_BPF_STORAGES (sent with NLA_F_NESTED): map descriptors, or empty for every map.</summary>
    public const ushort RequestSkBpfStorages = 2;

    // Reply attributes.
    public const ushort MemInfo = 1;
    public const ushort Info = 2;
    public const ushort VegasInfo = 3;
    public const ushort Cong = 4;
    public const ushort Tos = 5;
    public const ushort TClass = 6;
    public const ushort SkMemInfo = 7;
    public const ushort Shutdown = 8;
    public const ushort DctcpInfo = 9;
    public const ushort Protocol = 10;
    public const ushort SkV6Only = 11;
    public const ushort Locals = 12;
    public const ushort Peers = 13;
    public const ushort Pad = 14;
    public const ushort Mark = 15;
    public const ushort BbrInfo = 16;
    public const ushort ClassId = 17;
    public const ushort Md5Sig = 18;
    public const ushort UlpInfo = 19;
    public const ushort SkBpfStorages = 20;
    public const ushort CgroupId = 21;
    public const ushort SockOpt = 22;

    // INET_DIAG_SK_BPF_STORAGES nests SK_DIAG_BPF_STORAGE entries, each nesting a map id and a value.
    public const ushort BpfStorage = 1;
    public const ushort BpfStorageMapId = 2;
    public const ushort BpfStorageMapValue = 3;

    // INET_DIAG_ULP_INFO nested attributes.
    public const ushort UlpName = 1;
    public const ushort UlpTls = 2;
    public const ushort UlpMptcp = 3;

    /// <summary>The idiag_ext bit that asks for reply attribute <paramref name="attribute"/>.</summary>
    public static byte ExtensionBit(ushort attribute) => (byte)(1 << (attribute - 1));
}
