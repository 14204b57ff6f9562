using System.Runtime.InteropServices;

namespace SsNotebook.Sockets;

/// <summary>Which optional parts of a <see cref="SocketRecord"/> the kernel (or /proc) supplied.</summary>
[Flags]
public enum SocketAttributes : uint
{
    None = 0,
    MemInfo = 1 << 0,
    SkMemInfo = 1 << 1,
    TcpInfo = 1 << 2,
    Congestion = 1 << 3,
    Vegas = 1 << 4,
    Dctcp = 1 << 5,
    Bbr = 1 << 6,
    Tos = 1 << 7,
    TClass = 1 << 8,
    ClassId = 1 << 9,
    Shutdown = 1 << 10,
    Mark = 1 << 11,
    CgroupId = 1 << 12,
    SockOpt = 1 << 13,
    V6Only = 1 << 14,
    Protocol = 1 << 15,
    Md5Sig = 1 << 16,
    Ulp = 1 << 17,
    SctpLocals = 1 << 18,
    SctpPeers = 1 << 19,
    SctpInfo = 1 << 20,
    MptcpInfo = 1 << 21,
    /// <summary>The record was replayed from a TCPDIAG_FILE, not dumped from the kernel just now (-K leaves it be).</summary>
    FromFile = 1u << 30,
    /// <summary>The record came from a /proc/net text file rather than netlink (times are in jiffies there).</summary>
    FromProc = 1u << 31,
}

/// <summary>INET_DIAG_MEMINFO (struct inet_diag_meminfo): the legacy memory counters. This and the other layout
/// structs below match the kernel's, field for field: the attribute reader reads them whole.</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct MemInfo(uint RMem, uint WMem, uint FMem, uint TMem);

/// <summary>INET_DIAG_SKMEMINFO: the SK_MEMINFO_* array; <see cref="Count"/> says how many entries the kernel sent.</summary>
public record struct SkMemInfo(
    uint RmemAlloc, uint Rcvbuf, uint WmemAlloc, uint Sndbuf, uint FwdAlloc,
    uint WmemQueued, uint Optmem, uint Backlog, uint Drops, int Count);

/// <summary>INET_DIAG_VEGASINFO (struct tcpvegas_info).</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct VegasInfo(uint Enabled, uint RttCount, uint Rtt, uint MinRtt);

/// <summary>INET_DIAG_DCTCPINFO (struct tcp_dctcp_info).</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct DctcpInfo(ushort Enabled, ushort CeState, uint Alpha, uint AbEcn, uint AbTot);

/// <summary>INET_DIAG_BBRINFO (struct tcp_bbr_info).</summary>
[StructLayout(LayoutKind.Sequential)]
public record struct BbrInfo(uint BwLow, uint BwHigh, uint MinRtt, uint PacingGain, uint CwndGain)
{
    /// <summary>The bottleneck bandwidth estimate in bytes per second.</summary>
    public readonly ulong Bandwidth => ((ulong)BwHigh << 32) | BwLow;
}

/// <summary>One entry of INET_DIAG_MD5SIG (struct tcp_diag_md5sig).</summary>
public sealed record Md5Key(byte Family, byte PrefixLength, InetAddress Address, int InterfaceIndex, byte[] Key);

/// <summary>INET_DIAG_ULP_INFO: the upper-layer protocol name and, for TLS or an MPTCP subflow, its details.</summary>
public sealed record UlpInfo(string Name)
{
    public TlsUlpInfo? Tls { get; init; }

    public MptcpSubflowInfo? MptcpSubflow { get; init; }
}

/// <summary>INET_ULP_INFO_TLS: TLS_INFO_* attributes.</summary>
public sealed record TlsUlpInfo(ushort? Version, ushort? Cipher, ushort? RxConf, ushort? TxConf, bool ZeroCopyReadOnlyTx, bool NoPadRx);

/// <summary>INET_ULP_INFO_MPTCP: MPTCP_SUBFLOW_ATTR_* attributes.</summary>
public sealed record MptcpSubflowInfo(
    uint Flags, uint TokenRemote, uint TokenLocal, byte IdRemote, byte IdLocal,
    ulong MapSeq, uint MapSubflowSeq, uint SubflowSeq, uint MapDataLength, uint RelativeWriteSeq);
