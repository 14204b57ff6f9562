using SsNotebook.Sockets;

namespace SsNotebook.Frames;

/// <summary>The short names ss prints for tables, states and timers, so a frame reads like the text next to it.</summary>
public static class SocketNames
{
    /// <summary>ss's Netid column value.</summary>
    public static string Netid(SocketTable table) => table switch
    {
        SocketTable.Udp => "udp",
        SocketTable.Dccp => "dccp",
        SocketTable.Tcp => "tcp",
        SocketTable.Mptcp => "mptcp",
        SocketTable.Raw => "raw",
        SocketTable.UnixDgram => "u_dgr",
        SocketTable.UnixStream => "u_str",
        SocketTable.UnixSeqpacket => "u_seq",
        SocketTable.PacketDgram => "p_dgr",
        SocketTable.PacketRaw => "p_raw",
        SocketTable.Netlink => "nl",
        SocketTable.Sctp => "sctp",
        SocketTable.VsockStream => "v_str",
        SocketTable.VsockDgram => "v_dgr",
        SocketTable.Tipc => "tipc",
        SocketTable.Xdp => "xdp",
        _ => "???",
    };

    /// <summary>ss's State column value.</summary>
    public static string State(SocketState state) => state switch
    {
        SocketState.Established => "ESTAB",
        SocketState.SynSent => "SYN-SENT",
        SocketState.SynRecv => "SYN-RECV",
        SocketState.FinWait1 => "FIN-WAIT-1",
        SocketState.FinWait2 => "FIN-WAIT-2",
        SocketState.TimeWait => "TIME-WAIT",
        SocketState.Close => "UNCONN",
        SocketState.CloseWait => "CLOSE-WAIT",
        SocketState.LastAck => "LAST-ACK",
        SocketState.Listen => "LISTEN",
        SocketState.Closing => "CLOSING",
        SocketState.NewSynRecv or SocketState.BoundInactive => "UNDEF",
        _ => "UNKNOWN",
    };

    /// <summary>ss's timer name (the first element of <c>timer:(…)</c>).</summary>
    public static string Timer(byte timer) => timer switch
    {
        0 => "off",
        1 => "on",
        2 => "keepalive",
        3 => "timewait",
        4 => "persist",
        _ => "unknown",
    };
}
