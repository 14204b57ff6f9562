namespace SsNotebook.Sockets;

/// <summary>
/// The socket tables ("dbs") that ss can list. The numeric values are bit positions in
/// <see cref="TableSet"/>; their order is ss's own, so masks built from ss's documentation translate directly.
/// </summary>
public enum SocketTable : byte
{
    /// <summary>UDP sockets (ss -u; Netid udp).</summary>
    Udp = 0,
    /// <summary>DCCP sockets (ss -d; dccp).</summary>
    Dccp = 1,
    /// <summary>TCP sockets (ss -t; tcp).</summary>
    Tcp = 2,
    /// <summary>MPTCP sockets (ss -M; mptcp).</summary>
    Mptcp = 3,
    /// <summary>Raw IP sockets (ss -w; raw).</summary>
    Raw = 4,
    /// <summary>Unix datagram sockets (u_dgr).</summary>
    UnixDgram = 5,
    /// <summary>Unix stream sockets (u_str).</summary>
    UnixStream = 6,
    /// <summary>Unix seqpacket sockets (u_seq).</summary>
    UnixSeqpacket = 7,
    /// <summary>Packet sockets of type SOCK_DGRAM (p_dgr).</summary>
    PacketDgram = 8,
    /// <summary>Packet sockets of type SOCK_RAW (p_raw).</summary>
    PacketRaw = 9,
    /// <summary>Netlink sockets (nl).</summary>
    Netlink = 10,
    /// <summary>SCTP sockets (ss -S; sctp).</summary>
    Sctp = 11,
    /// <summary>Vsock stream sockets (v_str).</summary>
    VsockStream = 12,
    /// <summary>Vsock datagram sockets (v_dgr).</summary>
    VsockDgram = 13,
    /// <summary>TIPC sockets (tipc).</summary>
    Tipc = 14,
    /// <summary>XDP sockets (xdp).</summary>
    Xdp = 15,
}

/// <summary>A set of <see cref="SocketTable"/> values as a bit mask.</summary>
/// <param name="Mask">Bit 1 &lt;&lt; table for each table in the set.</param>
public readonly record struct TableSet(uint Mask)
{
    /// <summary>The empty set.</summary>
    public static TableSet None => new(0);

    /// <summary>The set holding exactly <paramref name="tables"/>.</summary>
    public static TableSet Of(params ReadOnlySpan<SocketTable> tables) => new(EnumBits.Of(tables));

    /// <summary>True when <paramref name="table"/> is in the set.</summary>
    public bool Contains(SocketTable table) => (Mask & EnumBits.Bit(table)) != 0;

    /// <summary>True when the set holds no table.</summary>
    public bool IsEmpty => Mask == 0;

    /// <summary>This set and <paramref name="table"/>.</summary>
    public TableSet With(SocketTable table) => new(Mask | EnumBits.Bit(table));

    /// <summary>This set without <paramref name="table"/>.</summary>
    public TableSet Without(SocketTable table) => new(Mask & ~EnumBits.Bit(table));

    /// <summary>The tables in this set or <paramref name="other"/>.</summary>
    public TableSet Union(TableSet other) => new(Mask | other.Mask);

    /// <summary>The tables in both this set and <paramref name="other"/>.</summary>
    public TableSet Intersect(TableSet other) => new(Mask & other.Mask);

    /// <summary>How many tables the set holds.</summary>
    public int Count => System.Numerics.BitOperations.PopCount(Mask);
}
