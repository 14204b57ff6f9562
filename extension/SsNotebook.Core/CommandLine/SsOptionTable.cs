namespace SsNotebook.CommandLine;

/// <summary>ss 6.10's getopt_long tables: its short option string and its long options, in its order (the order
/// getopt lists the possibilities of an ambiguous abbreviation in).</summary>
internal static class SsOptionTable
{
    public const string ShortOptions = "dhalBetuwxnro460spTbEf:mMiA:D:F:vVzZN:KHQSO";

    // Codes of the long-only options (above any char, as in ss).
    public const int Vsock = 256;
    public const int Tipc = 257;
    public const int TipcInfo = 258;
    public const int Tos = 259;
    public const int Xdp = 260;
    public const int Cgroup = 261;
    public const int InetSockopt = 262;
    public const int BpfMaps = 263;
    public const int BpfMapId = 264;

    public static readonly LongOption[] LongOptions =
    [
        new("numeric", ArgumentKind.None, 'n'),
        new("resolve", ArgumentKind.None, 'r'),
        new("options", ArgumentKind.None, 'o'),
        new("extended", ArgumentKind.None, 'e'),
        new("memory", ArgumentKind.None, 'm'),
        new("info", ArgumentKind.None, 'i'),
        new("processes", ArgumentKind.None, 'p'),
        new("threads", ArgumentKind.None, 'T'),
        new("bpf", ArgumentKind.None, 'b'),
        new("events", ArgumentKind.None, 'E'),
        new("dccp", ArgumentKind.None, 'd'),
        new("tcp", ArgumentKind.None, 't'),
        new("sctp", ArgumentKind.None, 'S'),
        new("udp", ArgumentKind.None, 'u'),
        new("raw", ArgumentKind.None, 'w'),
        new("unix", ArgumentKind.None, 'x'),
        new("tipc", ArgumentKind.None, Tipc),
        new("vsock", ArgumentKind.None, Vsock),
        new("all", ArgumentKind.None, 'a'),
        new("listening", ArgumentKind.None, 'l'),
        new("bound-inactive", ArgumentKind.None, 'B'),
        new("ipv4", ArgumentKind.None, '4'),
        new("ipv6", ArgumentKind.None, '6'),
        new("packet", ArgumentKind.None, '0'),
        new("family", ArgumentKind.Required, 'f'),
        new("socket", ArgumentKind.Required, 'A'),
        new("query", ArgumentKind.Required, 'A'),
        new("summary", ArgumentKind.None, 's'),
        new("diag", ArgumentKind.Required, 'D'),
        new("filter", ArgumentKind.Required, 'F'),
        new("version", ArgumentKind.None, 'V'),
        new("help", ArgumentKind.None, 'h'),
        new("context", ArgumentKind.None, 'Z'),
        new("contexts", ArgumentKind.None, 'z'),
        new("net", ArgumentKind.Required, 'N'),
        new("tipcinfo", ArgumentKind.None, TipcInfo),
        new("tos", ArgumentKind.None, Tos),
        new("cgroup", ArgumentKind.None, Cgroup),
        new("kill", ArgumentKind.None, 'K'),
        new("no-header", ArgumentKind.None, 'H'),
        new("no-queues", ArgumentKind.None, 'Q'),
        new("xdp", ArgumentKind.None, Xdp),
        new("mptcp", ArgumentKind.None, 'M'),
        new("oneline", ArgumentKind.None, 'O'),
        new("inet-sockopt", ArgumentKind.None, InetSockopt),
        new("bpf-maps", ArgumentKind.None, BpfMaps),
        new("bpf-map-id", ArgumentKind.Required, BpfMapId),
    ];
}
