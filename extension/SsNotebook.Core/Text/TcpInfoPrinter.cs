namespace SsNotebook.Text;

/// <summary>The tcp_info, congestion-control, md5 and ULP text of a TCP socket (ss's tcp_show_info and tcp_stats_print).</summary>
internal sealed class TcpInfoPrinter(ColumnBuffer output, ShowOptions show)
{
    private const uint OptTimestamps = 1;
    private const uint OptSack = 2;
    private const uint OptWscale = 4;
    private const uint OptEcn = 8;
    private const uint OptEcnSeen = 16;
    private const uint OptSynData = 32;
    private const uint OptUsecTs = 64;

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
            Flag((options & OptTimestamps) != 0, " ts"u8);
            Flag((options & OptUsecTs) != 0, " usec_ts"u8);
            Flag((options & OptSack) != 0, " sack"u8);
            Flag((options & OptEcn) != 0, " ecn"u8);
            Flag((options & OptEcnSeen) != 0, " ecnseen"u8);
            Flag((options & OptSynData) != 0, " fastopen"u8);
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
        MicrosecondsField(" ato:"u8, info.Ato);
        SignedField(" mss:"u8, info.SndMss);
        UnsignedField(" pmtu:"u8, info.Pmtu);
        SignedField(" rcvmss:"u8, info.RcvMss);
        SignedField(" advmss:"u8, info.Advmss);
        UnsignedField(" cwnd:"u8, info.SndCwnd);
        if (info.SndSsthresh < 0xFFFF)
        {
            SignedField(" ssthresh:"u8, info.SndSsthresh);
        }
        UnsignedField(" bytes_sent:"u8, info.BytesSent);
        UnsignedField(" bytes_retrans:"u8, info.BytesRetrans);
        UnsignedField(" bytes_acked:"u8, info.BytesAcked);
        UnsignedField(" bytes_received:"u8, info.BytesReceived);
        UnsignedField(" segs_out:"u8, info.SegsOut);
        UnsignedField(" segs_in:"u8, info.SegsIn);
        UnsignedField(" data_segs_out:"u8, info.DataSegsOut);
        UnsignedField(" data_segs_in:"u8, info.DataSegsIn);

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
        UnsignedField(" lastsnd:"u8, info.LastDataSent);
        UnsignedField(" lastrcv:"u8, info.LastDataRecv);
        UnsignedField(" lastack:"u8, info.LastAckRecv);

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
        UnsignedField(" delivered:"u8, info.Delivered);
        UnsignedField(" delivered_ce:"u8, info.DeliveredCe);
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

        UnsignedField(" unacked:"u8, info.Unacked);
        if (info.Retrans != 0 || info.TotalRetrans != 0)
        {
            _out.WriteField(" retrans:"u8, info.Retrans);
            _out.Write((byte)'/');
            _out.WriteUInt(info.TotalRetrans);
        }
        UnsignedField(" lost:"u8, info.Lost);
        if (info.Sacked != 0 && socket.State != SocketState.Listen)
        {
            UnsignedField(" sacked:"u8, info.Sacked);
        }
        UnsignedField(" dsack_dups:"u8, info.DsackDups);
        UnsignedField(" fackets:"u8, info.Fackets);
        if (info.Reordering != 3)
        {
            _out.Write(" reordering:"u8);
            _out.WriteInt((int)info.Reordering);
        }
        SignedField(" reord_seen:"u8, info.ReordSeen);
        MicrosecondsField(" rcv_rtt:"u8, info.RcvRtt);
        SignedField(" rcv_space:"u8, info.RcvSpace);
        UnsignedField(" rcv_ssthresh:"u8, info.RcvSsthresh);
        UnsignedField(" notsent:"u8, info.NotsentBytes);
        if (info.MinRtt != 0 && info.MinRtt != uint.MaxValue)
        {
            _out.Write(" minrtt:"u8);
            _out.WriteScaledG(info.MinRtt, 3);
        }
        UnsignedField(" rcv_ooopack:"u8, info.RcvOoopack);
        UnsignedField(" snd_wnd:"u8, info.SndWnd);
        UnsignedField(" rcv_wnd:"u8, info.RcvWnd);
        UnsignedField(" rehash:"u8, info.Rehash);
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

    /// <summary>A time in microseconds, printed in milliseconds as ss's %g does, when it is not zero.</summary>
    private void MicrosecondsField(ReadOnlySpan<byte> label, uint value)
    {
        if (value != 0)
        {
            _out.Write(label);
            _out.WriteScaledG(value, 3);
        }
    }

    private void UnsignedField(ReadOnlySpan<byte> label, ulong value)
    {
        if (value != 0)
        {
            _out.Write(label);
            _out.WriteUInt(value);
        }
    }

    /// <summary>A field ss keeps in an int and prints with %d.</summary>
    private void SignedField(ReadOnlySpan<byte> label, uint value)
    {
        if (value != 0)
        {
            _out.Write(label);
            _out.WriteInt((int)value);
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
}
