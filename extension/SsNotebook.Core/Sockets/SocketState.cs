namespace SsNotebook.Sockets;

/// <summary>Socket states with the kernel's TCP_* numbering, which every sock_diag family reuses.</summary>
public enum SocketState : byte
{
    /// <summary>No state (0): not a TCP_* value.</summary>
    Unknown = 0,
    /// <summary>TCP_ESTABLISHED: connected (ss's ESTAB; filter word established).</summary>
    Established = 1,
    /// <summary>TCP_SYN_SENT: connecting, SYN sent (SYN-SENT).</summary>
    SynSent = 2,
    /// <summary>TCP_SYN_RECV: a connection being accepted, SYN received (SYN-RECV).</summary>
    SynRecv = 3,
    /// <summary>TCP_FIN_WAIT1: closed locally, FIN sent (FIN-WAIT-1).</summary>
    FinWait1 = 4,
    /// <summary>TCP_FIN_WAIT2: our FIN acknowledged, waiting for the peer's (FIN-WAIT-2).</summary>
    FinWait2 = 5,
    /// <summary>TCP_TIME_WAIT: closed, waiting out old segments (TIME-WAIT).</summary>
    TimeWait = 6,
    /// <summary>TCP_CLOSE: closed, or for datagram sockets unconnected (UNCONN).</summary>
    Close = 7,
    /// <summary>TCP_CLOSE_WAIT: the peer closed, waiting for the application to (CLOSE-WAIT).</summary>
    CloseWait = 8,
    /// <summary>TCP_LAST_ACK: both sides closed, waiting for the last ACK (LAST-ACK).</summary>
    LastAck = 9,
    /// <summary>TCP_LISTEN: accepting connections (LISTEN).</summary>
    Listen = 10,
    /// <summary>TCP_CLOSING: both sides closing at once (CLOSING).</summary>
    Closing = 11,
    /// <summary>TCP_NEW_SYN_RECV: a listener's request socket; sock_diag reports those as <see cref="SynRecv"/> (ss
    /// names 12 UNDEF).</summary>
    NewSynRecv = 12,
    /// <summary>TCP_BOUND_INACTIVE: bound and neither listening nor connecting (Linux 6.5+; filter word bound-inactive,
    /// printed UNDEF).</summary>
    BoundInactive = 13,
}

/// <summary>A set of <see cref="SocketState"/> values as a bit mask, as in <c>idiag_states</c>.</summary>
/// <param name="Mask">Bit 1 &lt;&lt; state for each state in the set.</param>
public readonly record struct StateSet(uint Mask)
{
    /// <summary>The empty set.</summary>
    public static StateSet None => new(0);

    /// <summary>The set holding exactly <paramref name="states"/>.</summary>
    public static StateSet Of(params ReadOnlySpan<SocketState> states) => new(EnumBits.Of(states));

    /// <summary>True when <paramref name="state"/> is in the set.</summary>
    public bool Contains(SocketState state) => (Mask & EnumBits.Bit(state)) != 0;

    /// <summary>True when the set holds no state.</summary>
    public bool IsEmpty => Mask == 0;

    /// <summary>How many states the set holds.</summary>
    public int Count => System.Numerics.BitOperations.PopCount(Mask);
}
