namespace SsNotebook.CommandLine;

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

    private const ulong InetFamilies = (1UL << AddressFamilies.Inet) | (1UL << AddressFamilies.Inet6);

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
        SocketTable.UnixDgram or SocketTable.UnixStream or SocketTable.UnixSeqpacket => 1UL << AddressFamilies.Unix,
        SocketTable.PacketDgram or SocketTable.PacketRaw => 1UL << AddressFamilies.Packet,
        SocketTable.Netlink => 1UL << AddressFamilies.Netlink,
        SocketTable.VsockStream or SocketTable.VsockDgram => 1UL << AddressFamilies.Vsock,
        SocketTable.Tipc => 1UL << AddressFamilies.Tipc,
        SocketTable.Xdp => 1UL << AddressFamilies.Xdp,
        _ => InetFamilies,
    };

    /// <summary>The states a family shows when no state was asked for (0 for a family ss does not know).</summary>
    public static uint StatesOfFamily(int family) => family switch
    {
        AddressFamilies.Inet or AddressFamilies.Inet6 or AddressFamilies.Unix or AddressFamilies.Vsock => Connected,
        AddressFamilies.Packet or AddressFamilies.Netlink or AddressFamilies.Xdp => Closed,
        AddressFamilies.Tipc => TipcConnected,
        _ => 0,
    };

    /// <summary>The tables of a family.</summary>
    public static TableSet TablesOfFamily(int family) => family switch
    {
        AddressFamilies.Inet or AddressFamilies.Inet6 => InetTables,
        AddressFamilies.Unix => UnixTables,
        AddressFamilies.Packet => PacketTables,
        AddressFamilies.Netlink => TableSet.Of(SocketTable.Netlink),
        AddressFamilies.Vsock => VsockTables,
        AddressFamilies.Tipc => TableSet.Of(SocketTable.Tipc),
        AddressFamilies.Xdp => TableSet.Of(SocketTable.Xdp),
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
        "inet" => AddressFamilies.Inet,
        "inet6" => AddressFamilies.Inet6,
        "link" => AddressFamilies.Packet,
        "unix" => AddressFamilies.Unix,
        "netlink" => AddressFamilies.Netlink,
        "tipc" => AddressFamilies.Tipc,
        "vsock" => AddressFamilies.Vsock,
        "xdp" => AddressFamilies.Xdp,
        _ => null,
    };
}
