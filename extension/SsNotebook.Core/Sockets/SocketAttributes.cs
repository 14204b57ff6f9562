namespace SsNotebook.Sockets;

/// <summary>Which optional parts of a <see cref="SocketRecord"/> the kernel (or /proc) supplied.</summary>
[Flags]
public enum SocketAttributes : uint
{
    /// <summary>Nothing optional was sent.</summary>
    None = 0,
    /// <summary><see cref="SocketRecord.MemInfo"/> is set.</summary>
    MemInfo = 1 << 0,
    /// <summary><see cref="SocketRecord.SkMemInfo"/> is set.</summary>
    SkMemInfo = 1 << 1,
    /// <summary><see cref="SocketRecord.TcpInfo"/> is set.</summary>
    TcpInfo = 1 << 2,
    /// <summary><see cref="SocketRecord.Congestion"/> is set.</summary>
    Congestion = 1 << 3,
    /// <summary><see cref="SocketRecord.Vegas"/> is set.</summary>
    Vegas = 1 << 4,
    /// <summary><see cref="SocketRecord.Dctcp"/> is set.</summary>
    Dctcp = 1 << 5,
    /// <summary><see cref="SocketRecord.Bbr"/> is set.</summary>
    Bbr = 1 << 6,
    /// <summary><see cref="SocketRecord.Tos"/> is set.</summary>
    Tos = 1 << 7,
    /// <summary><see cref="SocketRecord.TClass"/> is set.</summary>
    TClass = 1 << 8,
    /// <summary><see cref="SocketRecord.ClassId"/> is set.</summary>
    ClassId = 1 << 9,
    /// <summary><see cref="SocketRecord.Shutdown"/> is set.</summary>
    Shutdown = 1 << 10,
    /// <summary><see cref="SocketRecord.Mark"/> is set.</summary>
    Mark = 1 << 11,
    /// <summary><see cref="SocketRecord.CgroupId"/> is set.</summary>
    CgroupId = 1 << 12,
    /// <summary><see cref="SocketRecord.SockOpt"/> is set.</summary>
    SockOpt = 1 << 13,
    /// <summary><see cref="SocketRecord.V6Only"/> is set.</summary>
    V6Only = 1 << 14,
    /// <summary><see cref="SocketRecord.Protocol"/> is set.</summary>
    Protocol = 1 << 15,
    /// <summary><see cref="SocketRecord.Md5Keys"/> is set.</summary>
    Md5Sig = 1 << 16,
    /// <summary><see cref="SocketRecord.Ulp"/> is set.</summary>
    Ulp = 1 << 17,
    /// <summary><see cref="SocketRecord.SctpLocals"/> is set.</summary>
    SctpLocals = 1 << 18,
    /// <summary><see cref="SocketRecord.SctpPeers"/> is set.</summary>
    SctpPeers = 1 << 19,
    /// <summary><see cref="SocketRecord.SctpInfo"/> is set.</summary>
    SctpInfo = 1 << 20,
    /// <summary><see cref="SocketRecord.MptcpInfo"/> is set.</summary>
    MptcpInfo = 1 << 21,
    /// <summary>The record was replayed from a TCPDIAG_FILE, not dumped from the kernel just now (-K leaves it be).</summary>
    FromFile = 1u << 30,
    /// <summary>The record came from a /proc/net text file rather than netlink (times are in jiffies there).</summary>
    FromProc = 1u << 31,
}

/// <summary>INET_DIAG_MEMINFO (struct inet_diag_meminfo): the legacy memory counters. This and the other layout
/// structs below match the kernel's, field for field: the attribute reader reads them whole.</summary>
/// <param name="RMem">Bytes of received data queued (idiag_rmem; ss's mem:(r…)).</param>
/// <param name="WMem">Bytes of sent data queued (idiag_wmem; w…).</param>
/// <param name="FMem">Bytes allocated ahead for the socket (idiag_fmem; f…).</param>
/// <param name="TMem">Bytes of sent data in transmission (idiag_tmem; t…).</param>
[StructLayout(LayoutKind.Sequential)]
public record struct MemInfo(uint RMem, uint WMem, uint FMem, uint TMem);

/// <summary>INET_DIAG_SKMEMINFO: the SK_MEMINFO_* array; <see cref="Count"/> says how many entries the kernel sent.
/// Every value is in bytes except <see cref="Drops"/>.</summary>
/// <param name="RmemAlloc">Memory holding received data (SK_MEMINFO_RMEM_ALLOC; ss's skmem:(r…)).</param>
/// <param name="Rcvbuf">The receive buffer size (SK_MEMINFO_RCVBUF; rb…).</param>
/// <param name="WmemAlloc">Memory holding data sent to layer 3 (SK_MEMINFO_WMEM_ALLOC; t…).</param>
/// <param name="Sndbuf">The send buffer size (SK_MEMINFO_SNDBUF; tb…).</param>
/// <param name="FwdAlloc">Memory allocated ahead and not yet used (SK_MEMINFO_FWD_ALLOC; f…).</param>
/// <param name="WmemQueued">Memory holding data queued to send (SK_MEMINFO_WMEM_QUEUED; w…).</param>
/// <param name="Optmem">Memory for socket options and ancillary data (SK_MEMINFO_OPTMEM; o…).</param>
/// <param name="Backlog">Memory of the backlog queue (SK_MEMINFO_BACKLOG; bl…).</param>
/// <param name="Drops">Packets dropped before reaching the socket (SK_MEMINFO_DROPS; d…).</param>
/// <param name="Count">How many of the fields the kernel sent.</param>
public record struct SkMemInfo(
    uint RmemAlloc, uint Rcvbuf, uint WmemAlloc, uint Sndbuf, uint FwdAlloc,
    uint WmemQueued, uint Optmem, uint Backlog, uint Drops, int Count);

/// <summary>INET_DIAG_VEGASINFO (struct tcpvegas_info).</summary>
/// <param name="Enabled">Nonzero while vegas is active (tcpv_enabled).</param>
/// <param name="RttCount">RTT samples in the last RTT (tcpv_rttcnt).</param>
/// <param name="Rtt">The average RTT of the last RTT in microseconds (tcpv_rtt).</param>
/// <param name="MinRtt">The minimum RTT in microseconds (tcpv_minrtt).</param>
[StructLayout(LayoutKind.Sequential)]
public record struct VegasInfo(uint Enabled, uint RttCount, uint Rtt, uint MinRtt);

/// <summary>INET_DIAG_DCTCPINFO (struct tcp_dctcp_info), as ss -i prints it in dctcp:(…).</summary>
/// <param name="Enabled">Nonzero while DCTCP is active (dctcp_enabled); ss prints fallback_mode otherwise.</param>
/// <param name="CeState">Whether the last segment received was CE-marked (dctcp_ce_state; ss's ce_state:).</param>
/// <param name="Alpha">The estimated fraction of marked bytes, scaled by 1024 (dctcp_alpha; ss's alpha:).</param>
/// <param name="AbEcn">Bytes acknowledged with ECE in the current window (dctcp_ab_ecn; ss's ab_ecn:).</param>
/// <param name="AbTot">Bytes acknowledged in the current window (dctcp_ab_tot; ss's ab_tot:).</param>
[StructLayout(LayoutKind.Sequential)]
public record struct DctcpInfo(ushort Enabled, ushort CeState, uint Alpha, uint AbEcn, uint AbTot);

/// <summary>INET_DIAG_BBRINFO (struct tcp_bbr_info), as ss -i prints it in bbr:(…).</summary>
/// <param name="BwLow">The low 32 bits of the bandwidth estimate (bbr_bw_lo); see <see cref="Bandwidth"/>.</param>
/// <param name="BwHigh">The high 32 bits of the bandwidth estimate (bbr_bw_hi).</param>
/// <param name="MinRtt">BBR's minimum RTT estimate in microseconds (bbr_min_rtt; ss's mrtt:, in ms).</param>
/// <param name="PacingGain">The pacing gain, scaled by 256 (bbr_pacing_gain; ss's pacing_gain:).</param>
/// <param name="CwndGain">The cwnd gain, scaled by 256 (bbr_cwnd_gain; ss's cwnd_gain:).</param>
[StructLayout(LayoutKind.Sequential)]
public record struct BbrInfo(uint BwLow, uint BwHigh, uint MinRtt, uint PacingGain, uint CwndGain)
{
    /// <summary>The bottleneck bandwidth estimate in bytes per second.</summary>
    public readonly ulong Bandwidth => ((ulong)BwHigh << 32) | BwLow;
}

/// <summary>One entry of INET_DIAG_MD5SIG (struct tcp_diag_md5sig).</summary>
/// <param name="Family">The key's address family: AF_INET (2) or AF_INET6 (10).</param>
/// <param name="PrefixLength">The prefix length of the peer addresses it applies to.</param>
/// <param name="Address">The peer address (prefix).</param>
/// <param name="InterfaceIndex">The interface it is bound to, 0 for any.</param>
/// <param name="Key">The key bytes (ss prints them only to root).</param>
public sealed record Md5Key(byte Family, byte PrefixLength, InetAddress Address, int InterfaceIndex, byte[] Key);

/// <summary>INET_DIAG_ULP_INFO: the upper-layer protocol name and, for TLS or an MPTCP subflow, its details.</summary>
/// <param name="Name">The ULP's name (INET_ULP_INFO_NAME): "tls", "mptcp", …</param>
public sealed record UlpInfo(string Name)
{
    /// <summary>The TLS details, when <see cref="Name"/> is "tls".</summary>
    public TlsUlpInfo? Tls { get; init; }

    /// <summary>The subflow details, when <see cref="Name"/> is "mptcp".</summary>
    public MptcpSubflowInfo? MptcpSubflow { get; init; }
}

/// <summary>INET_ULP_INFO_TLS: TLS_INFO_* attributes, as ss -i prints them in tls(…).</summary>
/// <param name="Version">The TLS version (TLS_INFO_VERSION, e.g. 0x0304 for TLS 1.3), null when not sent.</param>
/// <param name="Cipher">The cipher (TLS_INFO_CIPHER, TLS_CIPHER_* numbers), null when not sent.</param>
/// <param name="RxConf">Where receive crypto runs (TLS_INFO_RXCONF: TLS_CONF_BASE, SW, HW, HW_RECORD).</param>
/// <param name="TxConf">Where transmit crypto runs (TLS_INFO_TXCONF).</param>
/// <param name="ZeroCopyReadOnlyTx">TLS_INFO_ZC_RO_TX: zero-copy sendfile is on (ss's zc_ro_tx).</param>
/// <param name="NoPadRx">TLS_INFO_RX_NO_PAD: TLS 1.3 records are expected without padding (ss's no_pad_rx).</param>
public sealed record TlsUlpInfo(ushort? Version, ushort? Cipher, ushort? RxConf, ushort? TxConf, bool ZeroCopyReadOnlyTx, bool NoPadRx);

/// <summary>INET_ULP_INFO_MPTCP: MPTCP_SUBFLOW_ATTR_* attributes, as ss -i prints them for a subflow.</summary>
/// <param name="Flags">MPTCP_SUBFLOW_ATTR_FLAGS: MPTCP_SUBFLOW_FLAG_* bits (ss's flags:, one letter of MmJjBbecv per
/// bit).</param>
/// <param name="TokenRemote">The peer's connection token (ss's token: before the slash).</param>
/// <param name="TokenLocal">The local connection token.</param>
/// <param name="IdRemote">The peer's address id of the subflow.</param>
/// <param name="IdLocal">The local address id of the subflow.</param>
/// <param name="MapSeq">The data sequence number of the current mapping (ss's seq:).</param>
/// <param name="MapSubflowSeq">The subflow sequence number of the current mapping (ss's sfseq:).</param>
/// <param name="SubflowSeq">The subflow's relative receive sequence number (ss's ssnoff:).</param>
/// <param name="MapDataLength">The length of the current mapping in bytes (ss's maplen:).</param>
/// <param name="RelativeWriteSeq">The subflow's relative write sequence number.</param>
public sealed record MptcpSubflowInfo(
    uint Flags, uint TokenRemote, uint TokenLocal, byte IdRemote, byte IdLocal,
    ulong MapSeq, uint MapSubflowSeq, uint SubflowSeq, uint MapDataLength, uint RelativeWriteSeq);
