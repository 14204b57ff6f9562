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

    /// <summary>Socket types by number (SOCK_STREAM 1 … SOCK_SEQPACKET 5), as ss names them in tipc's <c>type:</c>;
    /// 3 (SOCK_RAW) has no name there, and glibc prints the null pointer ss passes as "(null)".</summary>
    private static readonly string[] SocketTypes = ["UNKNOWN", "STREAM", "DGRAM", "(null)", "RDM", "SEQPACKET"];

    /// <summary>The Netid of a tipc socket by its type: ss names each type (it leaves "tipc" to -A and -f).</summary>
    private static readonly string[] TipcNetids = ["???", "ti_st", "ti_dg", "???", "ti_rd", "ti_sq"];

    private static readonly byte[][] StateBytes = Array.ConvertAll(States, Encoding.ASCII.GetBytes);

    private static readonly byte[][] NetidBytes = Array.ConvertAll(Netids, Encoding.ASCII.GetBytes);

    private static readonly byte[][] SocketTypeBytes = Array.ConvertAll(SocketTypes, Encoding.ASCII.GetBytes);

    private static readonly byte[][] TipcNetidBytes = Array.ConvertAll(TipcNetids, Encoding.ASCII.GetBytes);

    /// <summary>ss's Netid column value (indexed by <see cref="SocketTable"/>, whose order is ss's).</summary>
    /// <param name="table">The socket table (the Netid of all its sockets but tipc's).</param>
    public static string Netid(SocketTable table) => (int)table < Netids.Length ? Netids[(int)table] : "???";

    /// <summary>ss's Netid column value for <paramref name="socket"/>: its table's, except that a tipc socket is
    /// named by its type (ti_st, ti_dg, …) as ss's text names it.</summary>
    /// <param name="socket">A socket from the collector.</param>
    public static string Netid(SocketRecord socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.Local is TipcSocketDetails tipc ? TipcNetid(tipc.Type) : Netid(socket.Table);
    }

    /// <summary>ss's State column value; a state beyond the kernel's known ones is <c>UNKNOWN</c>.</summary>
    /// <param name="state">A socket state, e.g. <see cref="SocketState.Established"/> gives ESTAB.</param>
    public static string State(SocketState state) => (int)state < States.Length ? States[(int)state] : "UNKNOWN";

    /// <summary>ss's shutdown arrows (<c>&lt;-&gt;</c> open both ways, <c>--&gt;</c> no more receiving, <c>&lt;--</c>
    /// no more sending, <c>---</c> both), from the kernel's sk_shutdown mask.</summary>
    /// <param name="mask"><see cref="SocketRecord.Shutdown"/>: bit 0 receive, bit 1 send.</param>
    public static string Shutdown(byte mask) => Shutdowns[mask & 3];

    /// <summary>ss's timer name (the first element of <c>timer:(…)</c>).</summary>
    /// <param name="timer">idiag_timer: 0 off, 1 on, 2 keepalive, 3 timewait, 4 persist.</param>
    public static string Timer(byte timer) => Timers[Math.Min((int)timer, Timers.Length - 1)];

    /// <summary>ss's Netid column value for a tipc socket of type <paramref name="type"/>: ti_st, ti_dg, ti_rd, ti_sq or ???.</summary>
    /// <param name="type">The socket type number.</param>
    public static string TipcNetid(uint type) => type < (uint)TipcNetids.Length ? TipcNetids[type] : "???";

    /// <summary>
    /// The socket type's name as tipc's <c>type:</c> prints it (STREAM, DGRAM, RDM, SEQPACKET). ss indexes a short
    /// table with the kernel's number: beyond it ss reads stray memory, here it is UNKNOWN.
    /// </summary>
    /// <param name="type">The socket type number.</param>
    public static string SocketType(uint type) => type < (uint)SocketTypes.Length ? SocketTypes[type] : "UNKNOWN";

    /// <summary><see cref="TipcNetid"/> as the text writer writes it.</summary>
    internal static ReadOnlySpan<byte> TipcNetidUtf8(uint type) => type < (uint)TipcNetidBytes.Length ? TipcNetidBytes[type] : "???"u8;

    /// <summary><see cref="SocketType"/> as the text writer writes it.</summary>
    internal static ReadOnlySpan<byte> SocketTypeUtf8(uint type) => type < (uint)SocketTypeBytes.Length ? SocketTypeBytes[type] : "UNKNOWN"u8;

    /// <summary><see cref="Netid(SocketTable)"/> as the text writer writes it.</summary>
    internal static ReadOnlySpan<byte> NetidUtf8(SocketTable table) => (int)table < NetidBytes.Length ? NetidBytes[(int)table] : "???"u8;

    /// <summary><see cref="State"/> as the text writer writes it, with <paramref name="unknown"/> beyond the known states.</summary>
    internal static ReadOnlySpan<byte> StateUtf8(SocketState state, ReadOnlySpan<byte> unknown) =>
        (int)state < StateBytes.Length ? StateBytes[(int)state] : unknown;
}
