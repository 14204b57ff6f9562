using SsNotebook.Sockets;

namespace SsNotebook.CommandLine;

/// <summary>Address family numbers (AF_*) ss selects by.</summary>
internal static class AddressFamily
{
    public const int Unspecified = 0;
    public const int Unix = 1;
    public const int Inet = 2;
    public const int Inet6 = 10;
    public const int Netlink = 16;
    public const int Packet = 17;
    public const int Tipc = 30;
    public const int Vsock = 40;
    public const int Xdp = 44;

    public static ulong Mask(int family) => 1UL << family;
}

/// <summary>ss's state groups and per-table / per-family defaults (its default_dbs and default_afs tables).</summary>
internal static class SsDefaults
{
    public const uint AllStates = (1u << 14) - 1;

    /// <summary>SS_CONN: every state but LISTEN, CLOSE, TIME_WAIT and SYN_RECV.</summary>
    public const uint Connected = AllStates & ~((1u << (int)SocketState.Listen) | (1u << (int)SocketState.Close)
        | (1u << (int)SocketState.TimeWait) | (1u << (int)SocketState.SynRecv));

    private const uint Established = 1u << (int)SocketState.Established;
    private const uint Closed = 1u << (int)SocketState.Close;
    private const uint TipcConnected = Established | (1u << (int)SocketState.Listen) | Closed;

    private const ulong InetFamilies = (1UL << AddressFamily.Inet) | (1UL << AddressFamily.Inet6);

    public static readonly TableSet InetTables = TableSet.Of(SocketTable.Tcp, SocketTable.Mptcp, SocketTable.Udp,
        SocketTable.Dccp, SocketTable.Sctp, SocketTable.Raw);

    public static readonly TableSet UnixTables = TableSet.Of(SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket);

    public static readonly TableSet PacketTables = TableSet.Of(SocketTable.PacketRaw, SocketTable.PacketDgram);

    public static readonly TableSet VsockTables = TableSet.Of(SocketTable.VsockStream, SocketTable.VsockDgram);

    /// <summary>The states a table shows when no state was asked for.</summary>
    public static uint StatesOf(SocketTable table) => table switch
    {
        SocketTable.Udp or SocketTable.Raw => Established,
        SocketTable.UnixDgram or SocketTable.PacketDgram or SocketTable.PacketRaw or SocketTable.Netlink or SocketTable.Xdp => Closed,
        SocketTable.Tipc => TipcConnected,
        _ => Connected,
    };

    /// <summary>The families a table belongs to.</summary>
    public static ulong FamiliesOf(SocketTable table) => table switch
    {
        SocketTable.UnixDgram or SocketTable.UnixStream or SocketTable.UnixSeqpacket => 1UL << AddressFamily.Unix,
        SocketTable.PacketDgram or SocketTable.PacketRaw => 1UL << AddressFamily.Packet,
        SocketTable.Netlink => 1UL << AddressFamily.Netlink,
        SocketTable.VsockStream or SocketTable.VsockDgram => 1UL << AddressFamily.Vsock,
        SocketTable.Tipc => 1UL << AddressFamily.Tipc,
        SocketTable.Xdp => 1UL << AddressFamily.Xdp,
        _ => InetFamilies,
    };

    /// <summary>The states a family shows when no state was asked for (0 for a family ss does not know).</summary>
    public static uint StatesOfFamily(int family) => family switch
    {
        AddressFamily.Inet or AddressFamily.Inet6 or AddressFamily.Unix or AddressFamily.Vsock => Connected,
        AddressFamily.Packet or AddressFamily.Netlink or AddressFamily.Xdp => Closed,
        AddressFamily.Tipc => TipcConnected,
        _ => 0,
    };

    /// <summary>The tables of a family.</summary>
    public static TableSet TablesOfFamily(int family) => family switch
    {
        AddressFamily.Inet or AddressFamily.Inet6 => InetTables,
        AddressFamily.Unix => UnixTables,
        AddressFamily.Packet => PacketTables,
        AddressFamily.Netlink => TableSet.Of(SocketTable.Netlink),
        AddressFamily.Vsock => VsockTables,
        AddressFamily.Tipc => TableSet.Of(SocketTable.Tipc),
        AddressFamily.Xdp => TableSet.Of(SocketTable.Xdp),
        _ => TableSet.None,
    };

    /// <summary>The tables named by one -A word (without its '!'), or null for an unknown name.
    /// "all" leaves out tipc, as ss does.</summary>
    public static SocketTable[]? TablesNamed(string name) => name switch
    {
        "all" => [SocketTable.Udp, SocketTable.Dccp, SocketTable.Tcp, SocketTable.Mptcp, SocketTable.Raw,
            SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket, SocketTable.PacketRaw,
            SocketTable.PacketDgram, SocketTable.Netlink, SocketTable.Sctp, SocketTable.VsockStream,
            SocketTable.VsockDgram, SocketTable.Xdp],
        "inet" => [SocketTable.Udp, SocketTable.Dccp, SocketTable.Tcp, SocketTable.Mptcp, SocketTable.Sctp, SocketTable.Raw],
        "udp" => [SocketTable.Udp],
        "dccp" => [SocketTable.Dccp],
        "tcp" => [SocketTable.Tcp],
        "mptcp" => [SocketTable.Mptcp],
        "sctp" => [SocketTable.Sctp],
        "raw" => [SocketTable.Raw],
        "unix" => [SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket],
        "unix_stream" or "u_str" => [SocketTable.UnixStream],
        "unix_dgram" or "u_dgr" => [SocketTable.UnixDgram],
        "unix_seqpacket" or "u_seq" => [SocketTable.UnixSeqpacket],
        "packet" => [SocketTable.PacketRaw, SocketTable.PacketDgram],
        "packet_raw" or "p_raw" => [SocketTable.PacketRaw],
        "packet_dgram" or "p_dgr" => [SocketTable.PacketDgram],
        "netlink" => [SocketTable.Netlink],
        "tipc" => [SocketTable.Tipc],
        "vsock" => [SocketTable.VsockStream, SocketTable.VsockDgram],
        "vsock_stream" or "v_str" => [SocketTable.VsockStream],
        "vsock_dgram" or "v_dgr" => [SocketTable.VsockDgram],
        "xdp" => [SocketTable.Xdp],
        _ => null,
    };

    /// <summary>The family a -f word names, or null (ss: "is invalid family"); "help" is handled by the caller.</summary>
    public static int? FamilyNamed(string name) => name switch
    {
        "inet" => AddressFamily.Inet,
        "inet6" => AddressFamily.Inet6,
        "link" => AddressFamily.Packet,
        "unix" => AddressFamily.Unix,
        "netlink" => AddressFamily.Netlink,
        "tipc" => AddressFamily.Tipc,
        "vsock" => AddressFamily.Vsock,
        "xdp" => AddressFamily.Xdp,
        _ => null,
    };
}
