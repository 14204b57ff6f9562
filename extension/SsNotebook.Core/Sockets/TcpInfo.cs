using System.Runtime.InteropServices;

namespace SsNotebook.Sockets;

/// <summary>
/// <c>struct tcp_info</c> as the running kernel sends it in INET_DIAG_INFO, up to the AccECN counters of 6.18
/// (280 bytes). The last word follows 6.18, which ends with <c>__u16 tcpi_accecn_fail_mode; __u16
/// tcpi_accecn_opt_seen;</c> (checked on this machine: with RFC 3168 ECN negotiated the word stays 0, where the
/// later repacking into <c>ecn_mode:2, accecn_opt_seen:2, accecn_fail_mode:4, options2:24</c> would read 1);
/// <see cref="LastWord"/> keeps the raw 32 bits for kernels that use the newer packing. A kernel that sends fewer bytes leaves the remaining fields zero (as ss does); <see cref="Length"/>
/// says how many bytes were actually received, so callers can tell "zero" from "not sent".
/// The layout is the kernel's native one; netlink is host-endian and every supported host is little-endian.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 284)]
public struct TcpInfo
{
    /// <summary>The number of tcp_info bytes this type knows; longer payloads from newer kernels are cut to it.</summary>
    public const int KnownSize = 280;

    /// <summary>How many bytes of tcp_info the kernel sent (at most <see cref="KnownSize"/>).</summary>
    [FieldOffset(280)] public int Length;

    [FieldOffset(0)] public byte State;
    [FieldOffset(1)] public byte CaState;
    [FieldOffset(2)] public byte Retransmits;
    [FieldOffset(3)] public byte Probes;
    [FieldOffset(4)] public byte Backoff;
    [FieldOffset(5)] public byte Options;
    [FieldOffset(6)] public byte WscaleBits;
    [FieldOffset(7)] public byte AppLimitedBits;
    [FieldOffset(8)] public uint Rto;
    [FieldOffset(12)] public uint Ato;
    [FieldOffset(16)] public uint SndMss;
    [FieldOffset(20)] public uint RcvMss;
    [FieldOffset(24)] public uint Unacked;
    [FieldOffset(28)] public uint Sacked;
    [FieldOffset(32)] public uint Lost;
    [FieldOffset(36)] public uint Retrans;
    [FieldOffset(40)] public uint Fackets;
    [FieldOffset(44)] public uint LastDataSent;
    [FieldOffset(48)] public uint LastAckSent;
    [FieldOffset(52)] public uint LastDataRecv;
    [FieldOffset(56)] public uint LastAckRecv;
    [FieldOffset(60)] public uint Pmtu;
    [FieldOffset(64)] public uint RcvSsthresh;
    [FieldOffset(68)] public uint Rtt;
    [FieldOffset(72)] public uint Rttvar;
    [FieldOffset(76)] public uint SndSsthresh;
    [FieldOffset(80)] public uint SndCwnd;
    [FieldOffset(84)] public uint Advmss;
    [FieldOffset(88)] public uint Reordering;
    [FieldOffset(92)] public uint RcvRtt;
    [FieldOffset(96)] public uint RcvSpace;
    [FieldOffset(100)] public uint TotalRetrans;
    [FieldOffset(104)] public ulong PacingRate;
    [FieldOffset(112)] public ulong MaxPacingRate;
    [FieldOffset(120)] public ulong BytesAcked;
    [FieldOffset(128)] public ulong BytesReceived;
    [FieldOffset(136)] public uint SegsOut;
    [FieldOffset(140)] public uint SegsIn;
    [FieldOffset(144)] public uint NotsentBytes;
    [FieldOffset(148)] public uint MinRtt;
    [FieldOffset(152)] public uint DataSegsIn;
    [FieldOffset(156)] public uint DataSegsOut;
    [FieldOffset(160)] public ulong DeliveryRate;
    [FieldOffset(168)] public ulong BusyTime;
    [FieldOffset(176)] public ulong RwndLimited;
    [FieldOffset(184)] public ulong SndbufLimited;
    [FieldOffset(192)] public uint Delivered;
    [FieldOffset(196)] public uint DeliveredCe;
    [FieldOffset(200)] public ulong BytesSent;
    [FieldOffset(208)] public ulong BytesRetrans;
    [FieldOffset(216)] public uint DsackDups;
    [FieldOffset(220)] public uint ReordSeen;
    [FieldOffset(224)] public uint RcvOoopack;
    [FieldOffset(228)] public uint SndWnd;
    [FieldOffset(232)] public uint RcvWnd;
    [FieldOffset(236)] public uint Rehash;
    [FieldOffset(240)] public ushort TotalRto;
    [FieldOffset(242)] public ushort TotalRtoRecoveries;
    [FieldOffset(244)] public uint TotalRtoTime;
    [FieldOffset(248)] public uint ReceivedCe;
    [FieldOffset(252)] public uint DeliveredE1Bytes;
    [FieldOffset(256)] public uint DeliveredE0Bytes;
    [FieldOffset(260)] public uint DeliveredCeBytes;
    [FieldOffset(264)] public uint ReceivedE1Bytes;
    [FieldOffset(268)] public uint ReceivedE0Bytes;
    [FieldOffset(272)] public uint ReceivedCeBytes;
    [FieldOffset(276)] public ushort AccecnFailMode;
    [FieldOffset(278)] public ushort AccecnOptSeen;

    /// <summary>The raw 32 bits at offset 276 (the two fields above on 6.18; a packed bit field on newer kernels).</summary>
    [FieldOffset(276)] public uint LastWord;

    public readonly byte SndWscale => (byte)(WscaleBits & 0x0f);

    public readonly byte RcvWscale => (byte)(WscaleBits >> 4);

    public readonly bool DeliveryRateAppLimited => (AppLimitedBits & 1) != 0;

    public readonly byte FastopenClientFail => (byte)((AppLimitedBits >> 1) & 3);

    /// <summary>Reads a tcp_info payload of any length: shorter ones are zero-filled, longer ones cut.</summary>
    public static TcpInfo Read(ReadOnlySpan<byte> payload)
    {
        var info = default(TcpInfo);
        var length = Math.Min(payload.Length, KnownSize);
        payload[..length].CopyTo(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref info, 1)));
        info.Length = length;
        return info;
    }

    /// <summary>True when the kernel sent the bytes of the field at <paramref name="offset"/> of <paramref name="size"/> bytes.</summary>
    public readonly bool Has(int offset, int size) => Length >= offset + size;
}

/// <summary>The kind of a <see cref="TcpInfoField"/>'s value.</summary>
public enum TcpInfoFieldKind : byte
{
    Byte,
    UInt16,
    UInt32,
    UInt64,
    /// <summary>A bit field inside the byte or word at the offset.</summary>
    Bits,
}

/// <summary>
/// One tcp_info field, named as the kernel names it without <c>tcpi_</c>: the single description shared by
/// DataFrames, samples and recordings, so a field added here appears everywhere.
/// </summary>
public sealed record TcpInfoField(string Name, int Offset, int Size, TcpInfoFieldKind Kind, int BitShift = 0, int BitCount = 0)
{
    /// <summary>Every field in kernel order.</summary>
    public static IReadOnlyList<TcpInfoField> All { get; } =
    [
        new("state", 0, 1, TcpInfoFieldKind.Byte),
        new("ca_state", 1, 1, TcpInfoFieldKind.Byte),
        new("retransmits", 2, 1, TcpInfoFieldKind.Byte),
        new("probes", 3, 1, TcpInfoFieldKind.Byte),
        new("backoff", 4, 1, TcpInfoFieldKind.Byte),
        new("options", 5, 1, TcpInfoFieldKind.Byte),
        new("snd_wscale", 6, 1, TcpInfoFieldKind.Bits, 0, 4),
        new("rcv_wscale", 6, 1, TcpInfoFieldKind.Bits, 4, 4),
        new("delivery_rate_app_limited", 7, 1, TcpInfoFieldKind.Bits, 0, 1),
        new("fastopen_client_fail", 7, 1, TcpInfoFieldKind.Bits, 1, 2),
        new("rto", 8, 4, TcpInfoFieldKind.UInt32),
        new("ato", 12, 4, TcpInfoFieldKind.UInt32),
        new("snd_mss", 16, 4, TcpInfoFieldKind.UInt32),
        new("rcv_mss", 20, 4, TcpInfoFieldKind.UInt32),
        new("unacked", 24, 4, TcpInfoFieldKind.UInt32),
        new("sacked", 28, 4, TcpInfoFieldKind.UInt32),
        new("lost", 32, 4, TcpInfoFieldKind.UInt32),
        new("retrans", 36, 4, TcpInfoFieldKind.UInt32),
        new("fackets", 40, 4, TcpInfoFieldKind.UInt32),
        new("last_data_sent", 44, 4, TcpInfoFieldKind.UInt32),
        new("last_ack_sent", 48, 4, TcpInfoFieldKind.UInt32),
        new("last_data_recv", 52, 4, TcpInfoFieldKind.UInt32),
        new("last_ack_recv", 56, 4, TcpInfoFieldKind.UInt32),
        new("pmtu", 60, 4, TcpInfoFieldKind.UInt32),
        new("rcv_ssthresh", 64, 4, TcpInfoFieldKind.UInt32),
        new("rtt", 68, 4, TcpInfoFieldKind.UInt32),
        new("rttvar", 72, 4, TcpInfoFieldKind.UInt32),
        new("snd_ssthresh", 76, 4, TcpInfoFieldKind.UInt32),
        new("snd_cwnd", 80, 4, TcpInfoFieldKind.UInt32),
        new("advmss", 84, 4, TcpInfoFieldKind.UInt32),
        new("reordering", 88, 4, TcpInfoFieldKind.UInt32),
        new("rcv_rtt", 92, 4, TcpInfoFieldKind.UInt32),
        new("rcv_space", 96, 4, TcpInfoFieldKind.UInt32),
        new("total_retrans", 100, 4, TcpInfoFieldKind.UInt32),
        new("pacing_rate", 104, 8, TcpInfoFieldKind.UInt64),
        new("max_pacing_rate", 112, 8, TcpInfoFieldKind.UInt64),
        new("bytes_acked", 120, 8, TcpInfoFieldKind.UInt64),
        new("bytes_received", 128, 8, TcpInfoFieldKind.UInt64),
        new("segs_out", 136, 4, TcpInfoFieldKind.UInt32),
        new("segs_in", 140, 4, TcpInfoFieldKind.UInt32),
        new("notsent_bytes", 144, 4, TcpInfoFieldKind.UInt32),
        new("min_rtt", 148, 4, TcpInfoFieldKind.UInt32),
        new("data_segs_in", 152, 4, TcpInfoFieldKind.UInt32),
        new("data_segs_out", 156, 4, TcpInfoFieldKind.UInt32),
        new("delivery_rate", 160, 8, TcpInfoFieldKind.UInt64),
        new("busy_time", 168, 8, TcpInfoFieldKind.UInt64),
        new("rwnd_limited", 176, 8, TcpInfoFieldKind.UInt64),
        new("sndbuf_limited", 184, 8, TcpInfoFieldKind.UInt64),
        new("delivered", 192, 4, TcpInfoFieldKind.UInt32),
        new("delivered_ce", 196, 4, TcpInfoFieldKind.UInt32),
        new("bytes_sent", 200, 8, TcpInfoFieldKind.UInt64),
        new("bytes_retrans", 208, 8, TcpInfoFieldKind.UInt64),
        new("dsack_dups", 216, 4, TcpInfoFieldKind.UInt32),
        new("reord_seen", 220, 4, TcpInfoFieldKind.UInt32),
        new("rcv_ooopack", 224, 4, TcpInfoFieldKind.UInt32),
        new("snd_wnd", 228, 4, TcpInfoFieldKind.UInt32),
        new("rcv_wnd", 232, 4, TcpInfoFieldKind.UInt32),
        new("rehash", 236, 4, TcpInfoFieldKind.UInt32),
        new("total_rto", 240, 2, TcpInfoFieldKind.UInt16),
        new("total_rto_recoveries", 242, 2, TcpInfoFieldKind.UInt16),
        new("total_rto_time", 244, 4, TcpInfoFieldKind.UInt32),
        new("received_ce", 248, 4, TcpInfoFieldKind.UInt32),
        new("delivered_e1_bytes", 252, 4, TcpInfoFieldKind.UInt32),
        new("delivered_e0_bytes", 256, 4, TcpInfoFieldKind.UInt32),
        new("delivered_ce_bytes", 260, 4, TcpInfoFieldKind.UInt32),
        new("received_e1_bytes", 264, 4, TcpInfoFieldKind.UInt32),
        new("received_e0_bytes", 268, 4, TcpInfoFieldKind.UInt32),
        new("received_ce_bytes", 272, 4, TcpInfoFieldKind.UInt32),
        new("accecn_fail_mode", 276, 2, TcpInfoFieldKind.UInt16),
        new("accecn_opt_seen", 278, 2, TcpInfoFieldKind.UInt16),
    ];

    /// <summary>The field's value in <paramref name="info"/> as an unsigned 64-bit number.</summary>
    public ulong ValueOf(in TcpInfo info)
    {
        var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in info, 1));
        var slice = bytes.Slice(Offset, Size);
        ulong raw = Size switch
        {
            1 => slice[0],
            2 => MemoryMarshal.Read<ushort>(slice),
            4 => MemoryMarshal.Read<uint>(slice),
            _ => MemoryMarshal.Read<ulong>(slice),
        };
        return Kind == TcpInfoFieldKind.Bits ? (raw >> BitShift) & ((1UL << BitCount) - 1) : raw;
    }

    /// <summary>True when the kernel sent this field.</summary>
    public bool IsPresentIn(in TcpInfo info) => info.Has(Offset, Size);
}
