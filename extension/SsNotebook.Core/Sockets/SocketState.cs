namespace SsNotebook.Sockets;

/// <summary>Socket states with the kernel's TCP_* numbering, which every sock_diag family reuses.</summary>
public enum SocketState : byte
{
    Unknown = 0,
    Established = 1,
    SynSent = 2,
    SynRecv = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
    NewSynRecv = 12,
    BoundInactive = 13,
}

/// <summary>A set of <see cref="SocketState"/> values as a bit mask, as in <c>idiag_states</c>.</summary>
public readonly record struct StateSet(uint Mask)
{
    public static StateSet None => new(0);

    public static StateSet Of(params ReadOnlySpan<SocketState> states) => new(EnumBits.Of(states));

    public bool Contains(SocketState state) => (Mask & EnumBits.Bit(state)) != 0;

    public bool IsEmpty => Mask == 0;

    public int Count => System.Numerics.BitOperations.PopCount(Mask);
}
