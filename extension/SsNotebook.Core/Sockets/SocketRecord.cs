namespace SsNotebook.Sockets;

/// <summary>
/// One socket as the kernel described it: the fixed <c>inet_diag_msg</c> header plus every attribute that came
/// with it. It holds kernel data only; process names, service names and text are added by later stages.
/// Fields rather than properties: a dump fills hundreds of thousands of these in a tight loop.
/// </summary>
public sealed class SocketRecord
{
    /// <summary>The socket table it was listed from (ss's Netid column: tcp, udp, u_str, …).</summary>
    public SocketTable Table;

    /// <summary>AF_INET (2) or AF_INET6 (10) for inet sockets.</summary>
    public byte Family;

    /// <summary>The socket's state (ss's State column: ESTAB, LISTEN, UNCONN, …).</summary>
    public SocketState State;

    /// <summary>idiag_timer: 0 none, 1 retransmit ("on"), 2 keepalive, 3 timewait, 4 zero-window probe ("persist").</summary>
    public byte Timer;

    /// <summary>idiag_retrans.</summary>
    public byte Retransmits;

    /// <summary>The local address (idiag_src); the any address when unbound.</summary>
    public InetAddress LocalAddress;
    /// <summary>The local port in host byte order (idiag_sport); 0 when unbound.</summary>
    public ushort LocalPort;
    /// <summary>The peer address (idiag_dst); the any address when unconnected.</summary>
    public InetAddress PeerAddress;
    /// <summary>The peer port in host byte order (idiag_dport); 0 when unconnected.</summary>
    public ushort PeerPort;

    /// <summary>id.idiag_if: the bound interface index, 0 when unbound.</summary>
    public uint InterfaceIndex;

    /// <summary>The socket cookie (ss prints it as <c>sk:</c>).</summary>
    public ulong Cookie;

    /// <summary>Timer expiry in milliseconds (jiffies when <see cref="SocketAttributes.FromProc"/>).</summary>
    public uint Expires;

    /// <summary>ss's Recv-Q (idiag_rqueue): bytes received and not yet read, or for a listener its accept queue
    /// length.</summary>
    public uint RecvQ;
    /// <summary>ss's Send-Q (idiag_wqueue): bytes sent and not yet acknowledged, or for a listener its backlog
    /// limit.</summary>
    public uint SendQ;
    /// <summary>The user id owning the socket (idiag_uid; ss -e's uid:).</summary>
    public uint Uid;
    /// <summary>The socket's inode number (idiag_inode; ss -e's ino:), 0 for a time-wait or request socket.</summary>
    public uint Inode;

    /// <summary>Which of the optional fields below are set.</summary>
    public SocketAttributes Present;

    /// <summary>INET_DIAG_MEMINFO: the socket's memory in bytes as ss -m prints it without skmem
    /// (mem:(r,w,f,t)).</summary>
    public MemInfo MemInfo;
    /// <summary>INET_DIAG_SKMEMINFO: the socket's memory counters in bytes as ss -m prints them
    /// (skmem:(r…,rb…,t…,…)).</summary>
    public SkMemInfo SkMemInfo;
    /// <summary>
    /// INET_DIAG_INFO of a TCP socket (all zeros, <see cref="TcpInfo.Length"/> 0, when not sent). Kept out of line:
    /// tcp_info is ~300 bytes and most dumps do not ask for it, so records stay small; set it with
    /// <see cref="SetTcpInfo"/>.
    /// </summary>
    public ref readonly TcpInfo TcpInfo => ref (_tcpInfo ?? TcpInfoBox.Empty).Value;

    private TcpInfoBox? _tcpInfo;
    /// <summary>INET_DIAG_CONG: the congestion control algorithm's name (cubic, bbr, …); null when not sent.</summary>
    public string? Congestion;
    /// <summary>INET_DIAG_VEGASINFO of a socket using vegas (or another algorithm reporting through it).</summary>
    public VegasInfo Vegas;
    /// <summary>INET_DIAG_DCTCPINFO of a socket using dctcp.</summary>
    public DctcpInfo Dctcp;
    /// <summary>INET_DIAG_BBRINFO of a socket using bbr.</summary>
    public BbrInfo Bbr;
    /// <summary>INET_DIAG_TOS: the IPv4 type-of-service byte (ss --tos prints it as tos:).</summary>
    public byte Tos;
    /// <summary>INET_DIAG_TCLASS: the IPv6 traffic class (ss --tos prints it as tclass:).</summary>
    public byte TClass;
    /// <summary>INET_DIAG_CLASS_ID: the net_cls cgroup class id, or the socket priority when there is none (ss --tos
    /// prints it as class_id:).</summary>
    public uint ClassId;
    /// <summary>INET_DIAG_SHUTDOWN: bit 0 set when receiving is shut down, bit 1 when sending is (ss -e prints
    /// &lt;-&gt; for neither, --&gt;, &lt;-- or --- otherwise).</summary>
    public byte Shutdown;
    /// <summary>INET_DIAG_MARK: the socket's SO_MARK firewall mark (ss -e's fwmark:).</summary>
    public uint Mark;
    /// <summary>INET_DIAG_CGROUP_ID: the id of the socket's cgroup v2 (ss --cgroup prints its path).</summary>
    public ulong CgroupId;
    /// <summary>INET_DIAG_SOCKOPT: the inet socket options as struct inet_diag_sockopt's bits (ss
    /// --inet-sockopt).</summary>
    public ushort SockOpt;
    /// <summary>INET_DIAG_SKV6ONLY: 1 when an IPv6 socket is IPV6_V6ONLY (ss -e's v6only:).</summary>
    public byte V6Only;

    /// <summary>INET_DIAG_PROTOCOL: the IP protocol (RAW sockets) or the real protocol of an MPTCP socket.</summary>
    public byte Protocol;

    /// <summary>INET_DIAG_MD5SIG: the socket's TCP-MD5 keys (ss -i's md5keys:); null when none were sent.</summary>
    public Md5Key[]? Md5Keys;
    /// <summary>INET_DIAG_ULP_INFO: the upper layer protocol attached to a TCP socket (tls, mptcp); null when
    /// none.</summary>
    public UlpInfo? Ulp;

    /// <summary>The raw <c>struct mptcp_info</c> payload of an MPTCP socket.</summary>
    public byte[]? MptcpInfo;

    /// <summary>INET_DIAG_LOCALS of an SCTP socket: the raw array of sockaddr_storage (128 bytes each).</summary>
    public byte[]? SctpLocals;

    /// <summary>INET_DIAG_PEERS of an SCTP socket: the raw array of sockaddr_storage.</summary>
    public byte[]? SctpPeers;

    /// <summary>INET_DIAG_SK_BPF_STORAGES: the socket's values in the BPF socket-local storage maps asked for.</summary>
    public BpfStorage[]? BpfStorages;

    /// <summary>The raw <c>struct sctp_info</c> payload of an SCTP socket.</summary>
    public byte[]? SctpInfo;

    /// <summary>The extra /proc/net columns, set only when <see cref="SocketAttributes.FromProc"/>.</summary>
    public ProcSocketDetails? Proc;

    /// <summary>The family-specific part of a unix, packet or netlink socket; null for inet sockets.</summary>
    public LocalSocketDetails? Local;

    /// <summary>True when <paramref name="attribute"/> was sent by the kernel (every bit of it, for a
    /// combination).</summary>
    /// <param name="attribute">One attribute, or several combined.</param>
    public bool Has(SocketAttributes attribute) => (Present & attribute) == attribute;

    /// <summary>Stores the socket's tcp_info (the caller marks <see cref="SocketAttributes.TcpInfo"/> present).</summary>
    /// <param name="info">The tcp_info as the kernel sent it.</param>
    public void SetTcpInfo(in TcpInfo info) => (_tcpInfo ??= new TcpInfoBox()).Value = info;

    /// <summary>
    /// Clears every field so this instance can take the next socket of a streamed dump. The tcp_info box is kept
    /// (zeroed) so a reused record allocates nothing. Every field must be cleared here: a test checks it by reflection.
    /// </summary>
    public void Reset()
    {
        var box = _tcpInfo;
        if (box is not null)
        {
            box.Value = default;
        }
        Table = default;
        Family = default;
        State = default;
        Timer = default;
        Retransmits = default;
        LocalAddress = default;
        LocalPort = default;
        PeerAddress = default;
        PeerPort = default;
        InterfaceIndex = default;
        Cookie = default;
        Expires = default;
        RecvQ = default;
        SendQ = default;
        Uid = default;
        Inode = default;
        Present = default;
        MemInfo = default;
        SkMemInfo = default;
        Congestion = default;
        Vegas = default;
        Dctcp = default;
        Bbr = default;
        Tos = default;
        TClass = default;
        ClassId = default;
        Shutdown = default;
        Mark = default;
        CgroupId = default;
        SockOpt = default;
        V6Only = default;
        Protocol = default;
        Md5Keys = default;
        Ulp = default;
        MptcpInfo = default;
        SctpLocals = default;
        SctpPeers = default;
        SctpInfo = default;
        BpfStorages = default;
        Proc = default;
        Local = default;
    }

    /// <summary>The out-of-line home of a record's tcp_info.</summary>
    private sealed class TcpInfoBox
    {
        /// <summary>Shared by every record without tcp_info; only ever read (the property hands out ref readonly).</summary>
        public static readonly TcpInfoBox Empty = new();

        public TcpInfo Value;
    }
}
