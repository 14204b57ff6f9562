using System.Text;

namespace SsNotebook.Sockets;

/// <summary>
/// The short names ss prints for tables (Netid), states and timers: the one table the text writer and the frames
/// share, so a frame reads like the text next to it.
/// </summary>
public static class SocketNames
{
    private static readonly string[] States =
    [
        "UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT",
        "LAST-ACK", "LISTEN", "CLOSING", "UNDEF", "UNDEF",
    ];

    /// <summary>By shutdown mask: bit 0 (RCV_SHUTDOWN) turns '&lt;' into '-', bit 1 (SEND_SHUTDOWN) '&gt;'.</summary>
    private static readonly string[] Shutdowns = ["<->", "-->", "<--", "---"];

    private static readonly string[] Timers = ["off", "on", "keepalive", "timewait", "persist", "unknown"];

    private static readonly string[] Netids =
        ["udp", "dccp", "tcp", "mptcp", "raw", "u_dgr", "u_str", "u_seq", "p_dgr", "p_raw", "nl", "sctp", "v_str", "v_dgr", "tipc", "xdp"];

    private static readonly byte[][] StateBytes = Array.ConvertAll(States, Encoding.ASCII.GetBytes);

    private static readonly byte[][] NetidBytes = Array.ConvertAll(Netids, Encoding.ASCII.GetBytes);

    /// <summary>ss's Netid column value (indexed by <see cref="SocketTable"/>, whose order is ss's).</summary>
    public static string Netid(SocketTable table) => (int)table < Netids.Length ? Netids[(int)table] : "???";

    /// <summary>ss's State column value; a state beyond the kernel's known ones is <c>UNKNOWN</c>.</summary>
    public static string State(SocketState state) => (int)state < States.Length ? States[(int)state] : "UNKNOWN";

    /// <summary>ss's shutdown arrows (<c>&lt;-&gt;</c> open both ways, <c>--&gt;</c> no more receiving, <c>&lt;--</c>
    /// no more sending, <c>---</c> both), from the kernel's sk_shutdown mask.</summary>
    public static string Shutdown(byte mask) => Shutdowns[mask & 3];

    /// <summary>ss's timer name (the first element of <c>timer:(…)</c>).</summary>
    public static string Timer(byte timer) => Timers[Math.Min((int)timer, Timers.Length - 1)];

    /// <summary><see cref="Netid"/> as the text writer writes it.</summary>
    internal static ReadOnlySpan<byte> NetidUtf8(SocketTable table) => (int)table < NetidBytes.Length ? NetidBytes[(int)table] : "???"u8;

    /// <summary><see cref="State"/> as the text writer writes it, with <paramref name="unknown"/> beyond the known states.</summary>
    internal static ReadOnlySpan<byte> StateUtf8(SocketState state, ReadOnlySpan<byte> unknown) =>
        (int)state < StateBytes.Length ? StateBytes[(int)state] : unknown;
}
