namespace SsNotebook.CommandLine;

/// <summary>The words accepted after "state" / "exclude" (ss's scan_state), case-insensitive.</summary>
internal static class StateNames
{
    /// <summary>The mask of states (bit <c>1 &lt;&lt; (int)state</c>) that <paramref name="word"/> names; an unknown word throws ss's error.</summary>
    public static uint Parse(string word)
    {
        var mask = word.ToLowerInvariant() switch
        {
            "close" or "closed" or "unconnected" => Bit(SocketState.Close),
            "syn-rcv" or "syn-recv" => Bit(SocketState.SynRecv),
            "established" => Bit(SocketState.Established),
            "all" => SsDefaults.AllStates,
            "connected" => SsDefaults.AllStates & ~(Bit(SocketState.Close) | Bit(SocketState.Listen)),
            "synchronized" => SsDefaults.AllStates & ~(Bit(SocketState.Close) | Bit(SocketState.Listen) | Bit(SocketState.SynSent)),
            "bucket" => Bit(SocketState.SynRecv) | Bit(SocketState.TimeWait),
            "big" => SsDefaults.AllStates & ~(Bit(SocketState.SynRecv) | Bit(SocketState.TimeWait)),
            "unknown" => Bit(SocketState.Unknown),
            "syn-sent" => Bit(SocketState.SynSent),
            "fin-wait-1" => Bit(SocketState.FinWait1),
            "fin-wait-2" => Bit(SocketState.FinWait2),
            "time-wait" => Bit(SocketState.TimeWait),
            "close-wait" => Bit(SocketState.CloseWait),
            "last-ack" => Bit(SocketState.LastAck),
            "listening" => Bit(SocketState.Listen),
            "closing" => Bit(SocketState.Closing),
            "bound-inactive" => Bit(SocketState.BoundInactive),
            // new-syn-recv is a kernel detail ss refuses on purpose.
            _ => 0u,
        };
        return mask != 0 ? mask : throw new SsException($"ss: wrong state name: {word}", 255);
    }

    private static uint Bit(SocketState state) => 1u << (int)state;
}
