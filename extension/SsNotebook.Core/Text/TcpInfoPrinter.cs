namespace SsNotebook.Text;

/// <summary>The tcp_info, congestion-control, md5 and ULP text of a TCP socket (ss's tcp_show_info and tcp_stats_print).</summary>
internal sealed class TcpInfoPrinter(ColumnBuffer output, ShowOptions show)
{
    /// <summary>TCPI_OPT_WSCALE: printed apart, with the two scales.</summary>
    private const uint OptWscale = 4;

    /// <summary>The other tcpi_options bits and ss's words for them, in the order ss prints them: TCPI_OPT_TIMESTAMPS,
    /// _USEC_TS, _SACK, _ECN, _ECN_SEEN, _SYN_DATA.</summary>
    private static readonly (uint Bit, byte[] Word)[] OptionWords =
    [
        (1, " ts"u8.ToArray()), (64, " usec_ts"u8.ToArray()), (2, " sack"u8.ToArray()),
        (8, " ecn"u8.ToArray()), (16, " ecnseen"u8.ToArray()), (32, " fastopen"u8.ToArray()),
    ];

    /// <summary>From ato: to data_segs_in:, between rtt: and the congestion control's details.</summary>
    private static readonly FieldText[] Sizes =
    [
        new(" ato:", "ato", FieldFormat.Milliseconds),
        new(" mss:", "snd_mss", FieldFormat.Signed),
        new(" pmtu:", "pmtu", FieldFormat.Unsigned),
        new(" rcvmss:", "rcv_mss", FieldFormat.Signed),
        new(" advmss:", "advmss", FieldFormat.Signed),
        new(" cwnd:", "snd_cwnd", FieldFormat.Unsigned),
        new(" ssthresh:", "snd_ssthresh", FieldFormat.SignedBelowInfinite),
        new(" bytes_sent:", "bytes_sent", FieldFormat.Unsigned),
        new(" bytes_retrans:", "bytes_retrans", FieldFormat.Unsigned),
        new(" bytes_acked:", "bytes_acked", FieldFormat.Unsigned),
        new(" bytes_received:", "bytes_received", FieldFormat.Unsigned),
        new(" segs_out:", "segs_out", FieldFormat.Unsigned),
        new(" segs_in:", "segs_in", FieldFormat.Unsigned),
        new(" data_segs_out:", "data_segs_out", FieldFormat.Unsigned),
        new(" data_segs_in:", "data_segs_in", FieldFormat.Unsigned),
    ];

    /// <summary>After send: the milliseconds since data was sent and received and an ACK received.</summary>
    private static readonly FieldText[] Ages =
    [
        new(" lastsnd:", "last_data_sent", FieldFormat.Unsigned),
        new(" lastrcv:", "last_data_recv", FieldFormat.Unsigned),
        new(" lastack:", "last_ack_recv", FieldFormat.Unsigned),
    ];

    /// <summary>After delivery_rate.</summary>
    private static readonly FieldText[] Deliveries =
    [
        new(" delivered:", "delivered", FieldFormat.Unsigned),
        new(" delivered_ce:", "delivered_ce", FieldFormat.Unsigned),
    ];

    /// <summary>After busy:, before retrans:.</summary>
    private static readonly FieldText[] Unacked = [new(" unacked:", "unacked", FieldFormat.Unsigned)];

    /// <summary>After retrans:, to the end of tcp_stats_print.</summary>
    private static readonly FieldText[] Losses =
    [
        new(" lost:", "lost", FieldFormat.Unsigned),
        new(" sacked:", "sacked", FieldFormat.UnsignedUnlessListening),
        new(" dsack_dups:", "dsack_dups", FieldFormat.Unsigned),
        new(" fackets:", "fackets", FieldFormat.Unsigned),
        new(" reordering:", "reordering", FieldFormat.SignedUnlessDefault),
        new(" reord_seen:", "reord_seen", FieldFormat.Signed),
        new(" rcv_rtt:", "rcv_rtt", FieldFormat.Milliseconds),
        new(" rcv_space:", "rcv_space", FieldFormat.Signed),
        new(" rcv_ssthresh:", "rcv_ssthresh", FieldFormat.Unsigned),
        new(" notsent:", "notsent_bytes", FieldFormat.Unsigned),
        new(" minrtt:", "min_rtt", FieldFormat.MillisecondsSampled),
        new(" rcv_ooopack:", "rcv_ooopack", FieldFormat.Unsigned),
        new(" snd_wnd:", "snd_wnd", FieldFormat.Unsigned),
        new(" rcv_wnd:", "rcv_wnd", FieldFormat.Unsigned),
        new(" rehash:", "rehash", FieldFormat.Unsigned),
    ];

    private readonly ColumnBuffer _out = output;
    private readonly ShowOptions _show = show;

    public void Print(SocketRecord socket)
    {
        if (socket.Has(SocketAttributes.TcpInfo))
        {
            PrintStats(socket);
        }
        if (socket.Has(SocketAttributes.Md5Sig) && socket.Md5Keys is { } keys)
        {
            _out.Write(" md5keys:"u8);
            _out.Write(DetailNames.Md5Keys(keys));
        }
        if (socket.Ulp is { } ulp)
        {
            PrintUlp(ulp);
        }
    }

    private void PrintStats(SocketRecord socket)
    {
        ref readonly var info = ref socket.TcpInfo;
        var options = info.Options;
        if (_show.Options)
        {
            foreach (var (bit, word) in OptionWords)
            {
                Flag((options & bit) != 0, word);
            }
        }
        if (socket.Has(SocketAttributes.Congestion) && !string.IsNullOrEmpty(socket.Congestion))
        {
            _out.Write((byte)' ');
            // ss copies the name into a 16-byte buffer, keeping at most 15 characters.
            _out.Write(socket.Congestion.Length > 15 ? socket.Congestion[..15] : socket.Congestion);
        }
        if ((options & OptWscale) != 0)
        {
            _out.Write(" wscale:"u8);
            _out.WriteInt(info.SndWscale);
            _out.Write((byte)',');
            _out.WriteInt(info.RcvWscale);
        }
        if (info.Rto != 0 && info.Rto != 3000000)
        {
            _out.Write(" rto:"u8);
            _out.WriteScaledG(info.Rto, 3);
        }
        if (info.Backoff != 0)
        {
            _out.WriteField(" backoff:"u8, info.Backoff);
        }
        if (info.Rtt != 0)
        {
            _out.Write(" rtt:"u8);
            _out.WriteScaledG(info.Rtt, 3);
            _out.Write((byte)'/');
            _out.WriteScaledG(info.Rttvar, 3);
        }
        PrintFields(Sizes, info, socket.State);

        if (socket.Has(SocketAttributes.Dctcp))
        {
            var dctcp = socket.Dctcp;
            if (dctcp.Enabled != 0)
            {
                _out.WriteField(" dctcp:(ce_state:"u8, dctcp.CeState);
                _out.WriteField(",alpha:"u8, dctcp.Alpha);
                _out.WriteField(",ab_ecn:"u8, dctcp.AbEcn);
                _out.WriteField(",ab_tot:"u8, dctcp.AbTot);
                _out.Write((byte)')');
            }
            else
            {
                _out.Write(" dctcp:fallback_mode"u8);
            }
        }
        if (socket.Has(SocketAttributes.Bbr))
        {
            var bbr = socket.Bbr;
            _out.Write(" bbr:(bw:"u8);
            Rate(bbr.Bandwidth * 8.0);
            _out.Write("bps,mrtt:"u8);
            _out.WriteScaledG(bbr.MinRtt, 3);
            if (bbr.PacingGain != 0)
            {
                _out.Write(",pacing_gain:"u8);
                _out.WriteG(bbr.PacingGain / 256.0);
            }
            if (bbr.CwndGain != 0)
            {
                _out.Write(",cwnd_gain:"u8);
                _out.WriteG(bbr.CwndGain / 256.0);
            }
            _out.Write((byte)')');
        }

        double rtt = info.Rtt;
        if (socket.Has(SocketAttributes.Vegas) && socket.Vegas.Enabled != 0 && socket.Vegas.Rtt != 0 && socket.Vegas.Rtt != 0x7fffffff)
        {
            rtt = socket.Vegas.Rtt;
        }
        if (rtt > 0 && info.SndMss != 0 && info.SndCwnd != 0)
        {
            var send = (double)info.SndCwnd * info.SndMss * 8000000.0 / rtt;
            if (send != 0)
            {
                _out.Write(" send "u8);
                Rate(send);
                _out.Write("bps"u8);
            }
        }
        PrintFields(Ages, info, socket.State);

        if (info.PacingRate != 0 && info.PacingRate != ulong.MaxValue)
        {
            _out.Write(" pacing_rate "u8);
            Rate(info.PacingRate * 8.0);
            _out.Write("bps"u8);
            if (info.MaxPacingRate != 0 && info.MaxPacingRate != ulong.MaxValue)
            {
                _out.Write("/"u8);
                Rate(info.MaxPacingRate * 8.0);
                _out.Write("bps"u8);
            }
        }
        if (info.DeliveryRate != 0)
        {
            _out.Write(" delivery_rate "u8);
            Rate(info.DeliveryRate * 8.0);
            _out.Write("bps"u8);
        }
        PrintFields(Deliveries, info, socket.State);
        Flag(info.DeliveryRateAppLimited, " app_limited"u8);

        if (info.BusyTime != 0)
        {
            _out.WriteField(" busy:"u8, info.BusyTime / 1000);
            _out.Write("ms"u8);
            if (info.RwndLimited != 0)
            {
                _out.WriteField(" rwnd_limited:"u8, info.RwndLimited / 1000);
                _out.Write("ms("u8);
                _out.WriteFixed(100.0 * info.RwndLimited / info.BusyTime, 1);
                _out.Write("%)"u8);
            }
            if (info.SndbufLimited != 0)
            {
                _out.WriteField(" sndbuf_limited:"u8, info.SndbufLimited / 1000);
                _out.Write("ms("u8);
                _out.WriteFixed(100.0 * info.SndbufLimited / info.BusyTime, 1);
                _out.Write("%)"u8);
            }
        }

        PrintFields(Unacked, info, socket.State);
        if (info.Retrans != 0 || info.TotalRetrans != 0)
        {
            _out.WriteField(" retrans:"u8, info.Retrans);
            _out.Write((byte)'/');
            _out.WriteUInt(info.TotalRetrans);
        }
        PrintFields(Losses, info, socket.State);
    }

    /// <summary>ss's sprint_bw: exact with -n, otherwise three significant digits and a k/M/G/T suffix.</summary>
    private void Rate(double bitsPerSecond)
    {
        if (_show.Numeric)
        {
            _out.WriteFixed(bitsPerSecond, 0);
            return;
        }
        var (scale, suffix) = bitsPerSecond switch
        {
            >= 1e12 => (12, (byte)'T'),
            >= 1e9 => (9, (byte)'G'),
            >= 1e6 => (6, (byte)'M'),
            >= 1e3 => (3, (byte)'k'),
            _ => (0, (byte)0),
        };
        var precision = scale == 0 ? 6 : 3;
        if (bitsPerSecond < 9007199254740992.0 && bitsPerSecond == Math.Floor(bitsPerSecond))
        {
            // Whole numbers (every rate except "send") take the integer path.
            _out.WriteScaledG((ulong)bitsPerSecond, scale, precision);
        }
        else
        {
            _out.WriteG(bitsPerSecond / Math.Pow(10, scale), precision);
        }
        if (suffix != 0)
        {
            _out.Write(suffix);
        }
    }

    private void Flag(bool set, ReadOnlySpan<byte> text)
    {
        if (set)
        {
            _out.Write(text);
        }
    }

    /// <summary>Prints a run of <paramref name="fields"/> in order, each as its format says (or not at all).</summary>
    private void PrintFields(FieldText[] fields, in TcpInfo info, SocketState state)
    {
        foreach (ref readonly var field in fields.AsSpan())
        {
            var value = field.Field.ValueOf(info);
            var shown = field.Format switch
            {
                FieldFormat.SignedBelowInfinite => value is not 0 and < 0xFFFF,
                FieldFormat.MillisecondsSampled => value is not 0 and not uint.MaxValue,
                FieldFormat.UnsignedUnlessListening => value != 0 && state != SocketState.Listen,
                FieldFormat.SignedUnlessDefault => value != 3,
                _ => value != 0,
            };
            if (!shown)
            {
                continue;
            }
            _out.Write(field.Label);
            switch (field.Format)
            {
                case FieldFormat.Unsigned or FieldFormat.UnsignedUnlessListening:
                    _out.WriteUInt(value);
                    break;
                case FieldFormat.Milliseconds or FieldFormat.MillisecondsSampled:
                    _out.WriteScaledG(value, 3);
                    break;
                default:
                    // %d of a 32-bit field: its low 32 bits as an int, negative when the high bit is set.
                    _out.WriteInt((int)value);
                    break;
            }
        }
    }

    private void PrintUlp(UlpInfo ulp)
    {
        _out.Write(" tcp-ulp-"u8);
        _out.Write(ulp.Name);
        if (ulp.Tls is { } tls)
        {
            if (tls.Version is { } version)
            {
                _out.Write(" version: "u8);
                _out.Write(DetailNames.TlsVersion(version));
            }
            if (tls.Cipher is { } cipher && DetailNames.TlsCipher(cipher) is { } cipherName)
            {
                _out.Write(" cipher: "u8);
                _out.Write(cipherName);
            }
            TlsConf("rxconf", tls.RxConf);
            TlsConf("txconf", tls.TxConf);
            Flag(tls.ZeroCopyReadOnlyTx, " zc_ro_tx"u8);
            Flag(tls.NoPadRx, " no_pad_rx"u8);
        }
        if (ulp.MptcpSubflow is { } subflow)
        {
            PrintSubflow(subflow);
        }
    }

    private void TlsConf(string name, ushort? value)
    {
        if (value is not { } conf)
        {
            return;
        }
        _out.Write((byte)' ');
        _out.Write(name);
        _out.Write(": "u8);
        _out.Write(DetailNames.TlsConf(conf));
    }

    private void PrintSubflow(MptcpSubflowInfo subflow)
    {
        if (subflow.Flags != 0)
        {
            _out.Write(" flags:"u8);
            _out.Write(DetailNames.SubflowFlags(subflow.Flags));
        }
        _out.Write(" token:"u8);
        Hex4(subflow.TokenRemote);
        _out.WriteField("(id:"u8, subflow.IdRemote);
        _out.Write(")/"u8);
        Hex4(subflow.TokenLocal);
        _out.WriteField("(id:"u8, subflow.IdLocal);
        _out.Write(") seq:"u8);
        _out.WriteHex(subflow.MapSeq);
        _out.Write(" sfseq:"u8);
        _out.WriteHex(subflow.MapSubflowSeq);
        _out.Write(" ssnoff:"u8);
        _out.WriteHex(subflow.SubflowSeq);
        _out.Write(" maplen:"u8);
        _out.WriteHex(subflow.MapDataLength);
    }

    /// <summary>%04x.</summary>
    private void Hex4(uint value)
    {
        for (var shift = 12; shift > 0 && value >> shift == 0; shift -= 4)
        {
            _out.Write((byte)'0');
        }
        _out.WriteHex(value);
    }

    /// <summary>How ss prints a tcp_info field of the runs above; each is left out at 0 unless said otherwise.</summary>
    private enum FieldFormat : byte
    {
        /// <summary>%u or %llu.</summary>
        Unsigned,
        /// <summary>%d: ss keeps the field in an int.</summary>
        Signed,
        /// <summary>Microseconds, printed in milliseconds with %g.</summary>
        Milliseconds,
        /// <summary>ssthresh: %d, left out from 0xFFFF up (the kernel says 0x7fffffff for "none yet").</summary>
        SignedBelowInfinite,
        /// <summary>minrtt: milliseconds, also left out at ~0 (no sample yet).</summary>
        MillisecondsSampled,
        /// <summary>sacked: %u, never for a listener (whose field holds its backlog).</summary>
        UnsignedUnlessListening,
        /// <summary>reordering: %d, left out only at the default of 3 (so 0 prints).</summary>
        SignedUnlessDefault,
    }

    /// <summary>One field as ss prints it: its label, the field (read as <see cref="TcpInfoField"/> reads it), its
    /// format. Built once per process, so a socket costs no allocation.</summary>
    private readonly struct FieldText(string label, string field, FieldFormat format)
    {
        public readonly byte[] Label = Encoding.ASCII.GetBytes(label);
        public readonly TcpInfoField Field = TcpInfoField.Named(field);
        public readonly FieldFormat Format = format;
    }
}
