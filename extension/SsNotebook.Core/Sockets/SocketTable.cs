namespace SsNotebook.Sockets;

/// <summary>
/// The socket tables ("dbs") that ss can list. The numeric values are bit positions in
/// <see cref="TableSet"/>; their order is ss's own, so masks built from ss's documentation translate directly.
/// </summary>
public enum SocketTable : byte
{
    Udp = 0,
    Dccp = 1,
    Tcp = 2,
    Mptcp = 3,
    Raw = 4,
    UnixDgram = 5,
    UnixStream = 6,
    UnixSeqpacket = 7,
    PacketDgram = 8,
    PacketRaw = 9,
    Netlink = 10,
    Sctp = 11,
    VsockStream = 12,
    VsockDgram = 13,
    Tipc = 14,
    Xdp = 15,
}

/// <summary>A set of <see cref="SocketTable"/> values as a bit mask.</summary>
public readonly record struct TableSet(uint Mask)
{
    public static TableSet None => new(0);

    public static TableSet Of(params ReadOnlySpan<SocketTable> tables) => new(EnumBits.Of(tables));

    public bool Contains(SocketTable table) => (Mask & EnumBits.Bit(table)) != 0;

    public bool IsEmpty => Mask == 0;

    public TableSet With(SocketTable table) => new(Mask | EnumBits.Bit(table));

    public TableSet Without(SocketTable table) => new(Mask & ~EnumBits.Bit(table));

    public TableSet Union(TableSet other) => new(Mask | other.Mask);

    public TableSet Intersect(TableSet other) => new(Mask & other.Mask);

    public int Count => System.Numerics.BitOperations.PopCount(Mask);
}
