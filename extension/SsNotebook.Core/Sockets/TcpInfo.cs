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

    /// <summary>The TCP state (tcpi_state), numbered as <see cref="SocketState"/>.</summary>
    [FieldOffset(0)] public byte State;
    /// <summary>The congestion-avoidance state (tcpi_ca_state): 0 Open, 1 Disorder, 2 CWR, 3 Recovery, 4
    /// Loss.</summary>
    [FieldOffset(1)] public byte CaState;
    /// <summary>Consecutive retransmission timeouts of the current segment not yet recovered
    /// (tcpi_retransmits).</summary>
    [FieldOffset(2)] public byte Retransmits;
    /// <summary>Zero-window or keepalive probes sent without an answer (tcpi_probes).</summary>
    [FieldOffset(3)] public byte Probes;
    /// <summary>The exponential backoff of the retransmission timer (tcpi_backoff): the RTO is doubled this many
    /// times.</summary>
    [FieldOffset(4)] public byte Backoff;
    /// <summary>The options negotiated (tcpi_options): TCPI_OPT_TIMESTAMPS 1, SACK 2, WSCALE 4, ECN 8, ECN_SEEN 16,
    /// SYN_DATA 32, USEC_TS 64; ss prints them as ts, sack, wscale, ecn, ecnseen, fastopen.</summary>
    [FieldOffset(5)] public byte Options;
    /// <summary>The raw byte holding both window scales; see <see cref="SndWscale"/> and
    /// <see cref="RcvWscale"/>.</summary>
    [FieldOffset(6)] public byte WscaleBits;
    /// <summary>The raw byte holding <see cref="DeliveryRateAppLimited"/> and
    /// <see cref="FastopenClientFail"/>.</summary>
    [FieldOffset(7)] public byte AppLimitedBits;
    /// <summary>The retransmission timeout in microseconds (tcpi_rto; ss prints it in ms as rto:).</summary>
    [FieldOffset(8)] public uint Rto;
    /// <summary>The delayed-ACK timeout in microseconds (tcpi_ato; ss prints it in ms as ato:).</summary>
    [FieldOffset(12)] public uint Ato;
    /// <summary>The maximum segment size used when sending, in bytes (tcpi_snd_mss; ss's mss:).</summary>
    [FieldOffset(16)] public uint SndMss;
    /// <summary>The estimated maximum segment size of the peer's segments, in bytes (tcpi_rcv_mss; ss's
    /// rcvmss:).</summary>
    [FieldOffset(20)] public uint RcvMss;
    /// <summary>Segments sent and not yet acknowledged (tcpi_unacked; ss's unacked:); for a listener, its accept queue
    /// length.</summary>
    [FieldOffset(24)] public uint Unacked;
    /// <summary>Segments the peer has selectively acknowledged (tcpi_sacked; ss's sacked:); for a listener, its backlog
    /// limit.</summary>
    [FieldOffset(28)] public uint Sacked;
    /// <summary>Segments considered lost (tcpi_lost; ss's lost:).</summary>
    [FieldOffset(32)] public uint Lost;
    /// <summary>Retransmitted segments still unacknowledged (tcpi_retrans; ss's retrans: before the slash).</summary>
    [FieldOffset(36)] public uint Retrans;
    /// <summary>Forward-acknowledged segments (tcpi_fackets); always 0 since Linux 4.15.</summary>
    [FieldOffset(40)] public uint Fackets;
    /// <summary>Milliseconds since data was last sent (tcpi_last_data_sent; ss's lastsnd:).</summary>
    [FieldOffset(44)] public uint LastDataSent;
    /// <summary>Milliseconds since an ACK was last sent (tcpi_last_ack_sent); the kernel never fills it in.</summary>
    [FieldOffset(48)] public uint LastAckSent;
    /// <summary>Milliseconds since data was last received (tcpi_last_data_recv; ss's lastrcv:).</summary>
    [FieldOffset(52)] public uint LastDataRecv;
    /// <summary>Milliseconds since an ACK was last received (tcpi_last_ack_recv; ss's lastack:).</summary>
    [FieldOffset(56)] public uint LastAckRecv;
    /// <summary>The path MTU in bytes (tcpi_pmtu; ss's pmtu:).</summary>
    [FieldOffset(60)] public uint Pmtu;
    /// <summary>The current receive window clamp in bytes (tcpi_rcv_ssthresh; ss's rcv_ssthresh:).</summary>
    [FieldOffset(64)] public uint RcvSsthresh;
    /// <summary>The smoothed round-trip time in microseconds (tcpi_rtt; ss prints it in ms as rtt: before the
    /// slash).</summary>
    [FieldOffset(68)] public uint Rtt;
    /// <summary>The round-trip time's mean deviation in microseconds (tcpi_rttvar; ss prints it in ms after rtt:'s
    /// slash).</summary>
    [FieldOffset(72)] public uint Rttvar;
    /// <summary>The slow-start threshold in segments (tcpi_snd_ssthresh; ss's ssthresh:, left out while it is
    /// 0x7fffffff, "infinite").</summary>
    [FieldOffset(76)] public uint SndSsthresh;
    /// <summary>The congestion window in segments (tcpi_snd_cwnd; ss's cwnd:).</summary>
    [FieldOffset(80)] public uint SndCwnd;
    /// <summary>The maximum segment size advertised to the peer, in bytes (tcpi_advmss; ss's advmss:).</summary>
    [FieldOffset(84)] public uint Advmss;
    /// <summary>How much reordering, in segments, the connection tolerates before calling a segment lost
    /// (tcpi_reordering; ss's reordering:, shown when not 3).</summary>
    [FieldOffset(88)] public uint Reordering;
    /// <summary>The receiver's estimate of the round-trip time in microseconds (tcpi_rcv_rtt; ss prints it in ms as
    /// rcv_rtt:).</summary>
    [FieldOffset(92)] public uint RcvRtt;
    /// <summary>The receive buffer space auto-tuning estimate in bytes (tcpi_rcv_space; ss's rcv_space:).</summary>
    [FieldOffset(96)] public uint RcvSpace;
    /// <summary>Segments retransmitted over the connection's life (tcpi_total_retrans; ss's retrans: after the
    /// slash).</summary>
    [FieldOffset(100)] public uint TotalRetrans;
    /// <summary>The current pacing rate in bytes per second (tcpi_pacing_rate; ss prints it in bits as
    /// pacing_rate).</summary>
    [FieldOffset(104)] public ulong PacingRate;
    /// <summary>The SO_MAX_PACING_RATE cap in bytes per second (tcpi_max_pacing_rate); all ones when
    /// uncapped.</summary>
    [FieldOffset(112)] public ulong MaxPacingRate;
    /// <summary>Bytes the peer has acknowledged (tcpi_bytes_acked, RFC 4898 tcpEStatsAppHCThruOctetsAcked; ss's
    /// bytes_acked:).</summary>
    [FieldOffset(120)] public ulong BytesAcked;
    /// <summary>Bytes received in order (tcpi_bytes_received, RFC 4898 tcpEStatsAppHCThruOctetsReceived; ss's
    /// bytes_received:).</summary>
    [FieldOffset(128)] public ulong BytesReceived;
    /// <summary>Segments sent, retransmissions and pure ACKs included (tcpi_segs_out; ss's segs_out:).</summary>
    [FieldOffset(136)] public uint SegsOut;
    /// <summary>Segments received, pure ACKs included (tcpi_segs_in; ss's segs_in:).</summary>
    [FieldOffset(140)] public uint SegsIn;
    /// <summary>Bytes written by the application and not yet sent (tcpi_notsent_bytes; ss's notsent:).</summary>
    [FieldOffset(144)] public uint NotsentBytes;
    /// <summary>The minimum round-trip time seen recently, in microseconds (tcpi_min_rtt; ss prints it in ms as
    /// minrtt:).</summary>
    [FieldOffset(148)] public uint MinRtt;
    /// <summary>Segments received that carried data (tcpi_data_segs_in; ss's data_segs_in:).</summary>
    [FieldOffset(152)] public uint DataSegsIn;
    /// <summary>Segments sent that carried data, retransmissions included (tcpi_data_segs_out; ss's
    /// data_segs_out:).</summary>
    [FieldOffset(156)] public uint DataSegsOut;
    /// <summary>The latest delivery rate sample in bytes per second (tcpi_delivery_rate; ss prints it in bits as
    /// delivery_rate).</summary>
    [FieldOffset(160)] public ulong DeliveryRate;
    /// <summary>Microseconds the connection had data in flight (tcpi_busy_time; ss prints it in ms as busy:).</summary>
    [FieldOffset(168)] public ulong BusyTime;
    /// <summary>Microseconds sending was limited by the peer's receive window (tcpi_rwnd_limited; ss's
    /// rwnd_limited:).</summary>
    [FieldOffset(176)] public ulong RwndLimited;
    /// <summary>Microseconds sending was limited by the send buffer (tcpi_sndbuf_limited; ss's
    /// sndbuf_limited:).</summary>
    [FieldOffset(184)] public ulong SndbufLimited;
    /// <summary>Segments delivered to the peer, retransmissions included (tcpi_delivered; ss's delivered:).</summary>
    [FieldOffset(192)] public uint Delivered;
    /// <summary>Delivered segments the peer reported as ECN CE-marked (tcpi_delivered_ce).</summary>
    [FieldOffset(196)] public uint DeliveredCe;
    /// <summary>Bytes sent, retransmissions included (tcpi_bytes_sent, RFC 4898 tcpEStatsPerfHCDataOctetsOut; ss's
    /// bytes_sent:).</summary>
    [FieldOffset(200)] public ulong BytesSent;
    /// <summary>Bytes retransmitted (tcpi_bytes_retrans, RFC 4898 tcpEStatsPerfOctetsRetrans; ss's
    /// bytes_retrans:).</summary>
    [FieldOffset(208)] public ulong BytesRetrans;
    /// <summary>Segments the peer reported as received twice with D-SACK (tcpi_dsack_dups; ss's dsack_dups:).</summary>
    [FieldOffset(216)] public uint DsackDups;
    /// <summary>Reordering events seen (tcpi_reord_seen; ss's reord_seen:).</summary>
    [FieldOffset(220)] public uint ReordSeen;
    /// <summary>Segments received out of order (tcpi_rcv_ooopack; ss's rcv_ooopack:).</summary>
    [FieldOffset(224)] public uint RcvOoopack;
    /// <summary>The peer's advertised receive window in bytes (tcpi_snd_wnd; ss's snd_wnd:).</summary>
    [FieldOffset(228)] public uint SndWnd;
    /// <summary>The receive window advertised to the peer, in bytes (tcpi_rcv_wnd, Linux 6.9+; ss's
    /// rcv_wnd:).</summary>
    [FieldOffset(232)] public uint RcvWnd;
    /// <summary>How many times the connection changed its flow hash to take another path (tcpi_rehash, after timeouts
    /// or PLB; ss's rehash:).</summary>
    [FieldOffset(236)] public uint Rehash;
    /// <summary>Retransmission timeouts over the connection's life (tcpi_total_rto, Linux 6.7+).</summary>
    [FieldOffset(240)] public ushort TotalRto;
    /// <summary>Loss recoveries started by a retransmission timeout (tcpi_total_rto_recoveries, Linux 6.7+).</summary>
    [FieldOffset(242)] public ushort TotalRtoRecoveries;
    /// <summary>Milliseconds spent in recoveries started by a retransmission timeout (tcpi_total_rto_time, Linux
    /// 6.7+).</summary>
    [FieldOffset(244)] public uint TotalRtoTime;
    /// <summary>Segments received with the ECN CE mark (tcpi_received_ce, AccECN).</summary>
    [FieldOffset(248)] public uint ReceivedCe;
    /// <summary>Bytes delivered to the peer that it saw marked ECT(1) (tcpi_delivered_e1_bytes, AccECN).</summary>
    [FieldOffset(252)] public uint DeliveredE1Bytes;
    /// <summary>Bytes delivered to the peer that it saw marked ECT(0) (tcpi_delivered_e0_bytes, AccECN).</summary>
    [FieldOffset(256)] public uint DeliveredE0Bytes;
    /// <summary>Bytes delivered to the peer that it saw marked CE (tcpi_delivered_ce_bytes, AccECN).</summary>
    [FieldOffset(260)] public uint DeliveredCeBytes;
    /// <summary>Bytes received marked ECT(1) (tcpi_received_e1_bytes, AccECN).</summary>
    [FieldOffset(264)] public uint ReceivedE1Bytes;
    /// <summary>Bytes received marked ECT(0) (tcpi_received_e0_bytes, AccECN).</summary>
    [FieldOffset(268)] public uint ReceivedE0Bytes;
    /// <summary>Bytes received marked CE (tcpi_received_ce_bytes, AccECN).</summary>
    [FieldOffset(272)] public uint ReceivedCeBytes;
    /// <summary>Why AccECN negotiation or feedback failed, 0 when it did not (tcpi_accecn_fail_mode).</summary>
    [FieldOffset(276)] public ushort AccecnFailMode;
    /// <summary>Which AccECN TCP option the peer sent, 0 when none (tcpi_accecn_opt_seen).</summary>
    [FieldOffset(278)] public ushort AccecnOptSeen;

    /// <summary>The raw 32 bits at offset 276 (the two fields above on 6.18; a packed bit field on newer kernels).</summary>
    [FieldOffset(276)] public uint LastWord;

    /// <summary>The window scale (shift) of the windows the peer advertises (tcpi_snd_wscale; ss's wscale: before the
    /// comma).</summary>
    public readonly byte SndWscale => (byte)(WscaleBits & 0x0f);

    /// <summary>The window scale (shift) of the windows advertised to the peer (tcpi_rcv_wscale; ss's wscale: after the
    /// comma).</summary>
    public readonly byte RcvWscale => (byte)(WscaleBits >> 4);

    /// <summary>True when the latest <see cref="DeliveryRate"/> sample was limited by the application, not the network
    /// (ss's app_limited).</summary>
    public readonly bool DeliveryRateAppLimited => (AppLimitedBits & 1) != 0;

    /// <summary>Why a TCP Fast Open client fell back (tcpi_fastopen_client_fail): 0 unspecified, 1 no cookie available,
    /// 2 the data in the SYN was not acknowledged, 3 the SYN was retransmitted.</summary>
    public readonly byte FastopenClientFail => (byte)((AppLimitedBits >> 1) & 3);

    /// <summary>Reads a tcp_info payload of any length: shorter ones are zero-filled, longer ones cut.</summary>
    internal static TcpInfo Read(ReadOnlySpan<byte> payload)
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
internal enum TcpInfoFieldKind : byte
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
internal sealed record TcpInfoField(string Name, int Offset, int Size, TcpInfoFieldKind Kind, int BitShift = 0, int BitCount = 0)
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

    private static readonly Dictionary<string, TcpInfoField> ByName = All.ToDictionary(field => field.Name, StringComparer.Ordinal);

    /// <summary>The field tcp_info's kernel member <paramref name="name"/> names (without <c>tcpi_</c>).</summary>
    public static TcpInfoField Named(string name) =>
        ByName.TryGetValue(name, out var field) ? field : throw new ArgumentException($"unknown tcp_info field {name}", nameof(name));

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
