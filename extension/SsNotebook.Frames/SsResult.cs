namespace SsNotebook;

/// <summary>
/// What one ss invocation produced: the exact ss text and the same sockets as DataFrames. Every frame has a
/// <c>Cookie</c> column (ss's <c>sk:</c>), so they join; <see cref="Table"/> has them all in one frame. Frames are built on first use.
/// </summary>
public sealed class SsResult : SsOutput
{
    private readonly ProcessTable? _processes;
    private DataFrame? _sockets;
    private DataFrame? _timers;
    private DataFrame? _memory;
    private DataFrame? _tcpInfo;
    private DataFrame? _table;
    private DataFrame? _inet;
    private DataFrame? _mptcp;
    private DataFrame? _unix;
    private DataFrame? _packet;
    private DataFrame? _netlink;
    private DataFrame? _vsock;
    private DataFrame? _xdp;
    private DataFrame? _tipc;

    internal SsResult(IReadOnlyList<string> arguments, SsQuery query, IReadOnlyList<SocketRecord> records, ProcessTable? processes, string text, DateTimeOffset timestamp)
        : base(arguments, query, text, timestamp)
    {
        Records = records;
        _processes = processes;
    }

    /// <summary>The sockets as the collector returned them, in ss's order.</summary>
    public IReadOnlyList<SocketRecord> Records { get; }

    /// <summary>When the sockets were collected.</summary>
    public DateTimeOffset Timestamp => Time;

    /// <summary>One row per socket: Netid, State, RecvQ, SendQ, LocalAddress, LocalPort, PeerAddress, PeerPort,
    /// Interface, Uid, Inode, Cookie, and Process and Pid when the invocation had -p.</summary>
    public DataFrame Sockets => _sockets ??= SocketFrameBuilder.Build(Records, _processes, Naming?.Interfaces);

    /// <summary>One row per socket with a pending timer: Cookie, Timer, ExpiresMs, Retransmits.</summary>
    public DataFrame Timers => _timers ??= TimerFrameBuilder.Build(Records);

    /// <summary>One row per socket with skmem: Cookie and the SK_MEMINFO_* fields in lower case.</summary>
    public DataFrame Memory => _memory ??= MemoryFrameBuilder.Build(Records);

    /// <summary>One row per socket with tcp_info: Cookie, every tcp_info field the kernel sent, congestion, BBR/DCTCP.</summary>
    public DataFrame TcpInfo => _tcpInfo ??= TcpInfoFrameBuilder.Build(Records);

    /// <summary>One row per socket with every column (identity, queues, timer, memory, tcp_info), the key figures
    /// first: Netid, State, LocalAddress, LocalPort, PeerAddress, PeerPort, rtt, snd_cwnd, bytes, rates, queues, …
    /// (the full order in docs/frames.md).</summary>
    public DataFrame Table => _table ??= TableFrameBuilder.Build(Records, _processes, Naming?.Interfaces);

    /// <summary>One row per inet socket: Cookie, tos, tclass, class_id, fwmark, cgroup_id, cgroup, v6only, Shutdown,
    /// the --inet-sockopt flags, md5keys and the ULP (TLS, MPTCP subflow) fields.</summary>
    public DataFrame Inet => _inet ??= InetFrameBuilder.Build(Records, Naming);

    /// <summary>One row per MPTCP socket with mptcp_info (-M -i): Cookie and its fields as ss names them.</summary>
    public DataFrame Mptcp => _mptcp ??= MptcpFrameBuilder.Build(Records);

    /// <summary>One row per unix socket: Cookie, Inode, Name, PeerInode, PeerName, VfsInode, VfsMajor, VfsMinor,
    /// PendingConnections, Shutdown.</summary>
    public DataFrame Unix => _unix ??= UnixFrameBuilder.Build(Records);

    /// <summary>One row per packet socket: Cookie, Inode, Protocol, ProtocolName, Interface, packet_diag_info, the
    /// rings, fanout and filter.</summary>
    public DataFrame Packet => _packet ??= PacketFrameBuilder.Build(Records, Naming?.Interfaces);

    /// <summary>One row per netlink socket: Cookie, Inode, Protocol, ProtocolName, PortId, Groups and the
    /// destination of a connected socket.</summary>
    public DataFrame Netlink => _netlink ??= NetlinkFrameBuilder.Build(Records);

    /// <summary>One row per vsock socket: Cookie, Inode, LocalCid, LocalPort, PeerCid, PeerPort.</summary>
    public DataFrame Vsock => _vsock ??= VsockFrameBuilder.Build(Records);

    /// <summary>One row per AF_XDP socket: Cookie, Inode, Interface, QueueId, ring entries, umem and statistics.</summary>
    public DataFrame Xdp => _xdp ??= XdpFrameBuilder.Build(Records, Naming?.Interfaces);

    /// <summary>One row per TIPC socket: Cookie, Inode, Node, Reference, PeerNode, PeerReference and the
    /// --tipcinfo fields (type, cong, drop, publ, via_type, via_instance).</summary>
    public DataFrame Tipc => _tipc ??= TipcFrameBuilder.Build(Records);

    /// <summary>The names the text used (the invocation's <see cref="NamingTables"/>: its -N namespace's, or a
    /// replay's recorded ones), for the frames; null names them from this machine.</summary>
    internal NamingTables? Naming { get; init; }
}
