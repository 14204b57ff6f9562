namespace SsNotebook.Sockets;

/// <summary>
/// One socket as the kernel described it: the fixed <c>inet_diag_msg</c> header plus every attribute that came
/// with it. It holds kernel data only; process names, service names and text are added by later stages.
/// Fields rather than properties: a dump fills hundreds of thousands of these in a tight loop.
/// </summary>
public sealed class SocketRecord
{
    public SocketTable Table;

    /// <summary>AF_INET (2) or AF_INET6 (10) for inet sockets.</summary>
    public byte Family;

    public SocketState State;

    /// <summary>idiag_timer: 0 none, 1 retransmit ("on"), 2 keepalive, 3 timewait, 4 zero-window probe ("persist").</summary>
    public byte Timer;

    /// <summary>idiag_retrans.</summary>
    public byte Retransmits;

    public InetAddress LocalAddress;
    public ushort LocalPort;
    public InetAddress PeerAddress;
    public ushort PeerPort;

    /// <summary>id.idiag_if: the bound interface index, 0 when unbound.</summary>
    public uint InterfaceIndex;

    /// <summary>The socket cookie (ss prints it as <c>sk:</c>).</summary>
    public ulong Cookie;

    /// <summary>Timer expiry in milliseconds (jiffies when <see cref="SocketAttributes.FromProc"/>).</summary>
    public uint Expires;

    public uint RecvQ;
    public uint SendQ;
    public uint Uid;
    public uint Inode;

    /// <summary>Which of the optional fields below are set.</summary>
    public SocketAttributes Present;

    public MemInfo MemInfo;
    public SkMemInfo SkMemInfo;
    /// <summary>
    /// INET_DIAG_INFO of a TCP socket (all zeros, <see cref="TcpInfo.Length"/> 0, when not sent). Kept out of line:
    /// tcp_info is ~300 bytes and most dumps do not ask for it, so records stay small; set it with
    /// <see cref="SetTcpInfo"/>.
    /// </summary>
    public ref readonly TcpInfo TcpInfo => ref (_tcpInfo ?? TcpInfoBox.Empty).Value;

    private TcpInfoBox? _tcpInfo;
    public string? Congestion;
    public VegasInfo Vegas;
    public DctcpInfo Dctcp;
    public BbrInfo Bbr;
    public byte Tos;
    public byte TClass;
    public uint ClassId;
    public byte Shutdown;
    public uint Mark;
    public ulong CgroupId;
    public ushort SockOpt;
    public byte V6Only;

    /// <summary>INET_DIAG_PROTOCOL: the IP protocol (RAW sockets) or the real protocol of an MPTCP socket.</summary>
    public byte Protocol;

    public Md5Key[]? Md5Keys;
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

    public bool Has(SocketAttributes attribute) => (Present & attribute) == attribute;

    /// <summary>Stores the socket's tcp_info (the caller marks <see cref="SocketAttributes.TcpInfo"/> present).</summary>
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
