namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Inet</c> frame: one row per TCP, UDP, RAW, MPTCP, DCCP or SCTP socket with the inet_diag details
/// beyond the Sockets, Timers, Memory and TcpInfo frames — <c>tos</c>, <c>tclass</c>, <c>class_id</c> (<c>--tos</c>),
/// <c>fwmark</c>, the cgroup, <c>v6only</c>, the shutdown state, the <c>--inet-sockopt</c> flags, MD5 keys and the
/// upper-layer protocol (TLS, MPTCP subflow), named as ss prints them. A detail the kernel did not send is null.
/// </summary>
internal static class InetFrameBuilder
{
    /// <param name="sockets">The sockets; only inet ones get a row.</param>
    /// <param name="naming">The invocation's names (a replay's recorded cgroup hierarchy among them); null: this
    /// machine's.</param>
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, NamingTables? naming = null) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is null, (columns, inet) => AddColumns(columns, inet, naming));

    private static void AddColumns(FrameColumnSet columns, IReadOnlyList<SocketRecord> sockets, NamingTables? naming)
    {
        var tos = columns.Of<byte>("tos");
        var tclass = columns.Of<byte>("tclass");
        var classId = columns.Of<uint>("class_id");
        var mark = columns.Of<uint>("fwmark");
        var cgroupId = columns.Of<ulong>("cgroup_id");
        var cgroup = columns.Strings("cgroup");
        CgroupNames? cgroups = null;
        var v6Only = columns.Of<byte>("v6only");
        var shutdown = columns.Strings("Shutdown");
        var sockOpt = columns.Each<bool>(DetailNames.InetSockOptFlags);
        var md5Keys = columns.Strings("md5keys");
        var ulp = new UlpColumns(columns);
        for (var row = 0; row < sockets.Count; row++)
        {
            var socket = sockets[row];
            if (socket.Has(SocketAttributes.Tos))
            {
                tos.Set(row, socket.Tos);
            }
            if (socket.Has(SocketAttributes.TClass))
            {
                tclass.Set(row, socket.TClass);
            }
            if (socket.Has(SocketAttributes.ClassId))
            {
                classId.Set(row, socket.ClassId);
            }
            if (socket.Has(SocketAttributes.Mark))
            {
                mark.Set(row, socket.Mark);
            }
            if (socket.Has(SocketAttributes.CgroupId))
            {
                cgroupId.Set(row, socket.CgroupId);
                // The text's hierarchy (a replay's recorded one), but where ss -N loses the mount under its fresh
                // /sys and prints unreachable:ID, the frame still names the cgroup.
                cgroup[row] = (cgroups ??= naming?.Cgroups.ForFrames() ?? new CgroupNames(switchedNamespace: false)).PathOf(socket.CgroupId, []);
            }
            if (socket.Has(SocketAttributes.V6Only))
            {
                v6Only.Set(row, socket.V6Only);
            }
            if (socket.Has(SocketAttributes.Shutdown))
            {
                shutdown[row] = SocketNames.Shutdown(socket.Shutdown);
            }
            if (socket.Has(SocketAttributes.SockOpt))
            {
                for (var bit = 0; bit < sockOpt.Length; bit++)
                {
                    sockOpt[bit].Set(row, (socket.SockOpt & (1 << bit)) != 0);
                }
            }
            if (socket.Has(SocketAttributes.Md5Sig) && socket.Md5Keys is { } keys)
            {
                md5Keys[row] = DetailNames.Md5Keys(keys);
            }
            if (socket.Ulp is { } info)
            {
                ulp.Set(row, info);
            }
        }
    }

    /// <summary>INET_DIAG_ULP_INFO as ss's <c>tcp-ulp-NAME …</c> shows it: the next columns of the set, ulp to maplen.</summary>
    private sealed class UlpColumns(FrameColumnSet columns)
    {
        private readonly string?[] _name = columns.Strings("ulp");
        private readonly string?[] _tlsVersion = columns.Strings("tls_version");
        private readonly string?[] _tlsCipher = columns.Strings("tls_cipher");
        private readonly string?[] _tlsRxConf = columns.Strings("tls_rxconf");
        private readonly string?[] _tlsTxConf = columns.Strings("tls_txconf");
        private readonly FrameColumnBuilder<bool> _zeroCopyReadOnlyTx = columns.Of<bool>("tls_zc_ro_tx");
        private readonly FrameColumnBuilder<bool> _noPadRx = columns.Of<bool>("tls_no_pad_rx");
        private readonly string?[] _subflowFlags = columns.Strings("subflow_flags");
        private readonly FrameColumnBuilder<uint> _tokenRemote = columns.Of<uint>("token_remote");
        private readonly FrameColumnBuilder<byte> _idRemote = columns.Of<byte>("id_remote");
        private readonly FrameColumnBuilder<uint> _tokenLocal = columns.Of<uint>("token_local");
        private readonly FrameColumnBuilder<byte> _idLocal = columns.Of<byte>("id_local");
        private readonly FrameColumnBuilder<ulong> _seq = columns.Of<ulong>("seq");
        private readonly FrameColumnBuilder<uint> _sfseq = columns.Of<uint>("sfseq");
        private readonly FrameColumnBuilder<uint> _ssnoff = columns.Of<uint>("ssnoff");
        private readonly FrameColumnBuilder<uint> _maplen = columns.Of<uint>("maplen");

        public void Set(int row, UlpInfo ulp)
        {
            _name[row] = ulp.Name;
            if (ulp.Tls is { } tls)
            {
                _tlsVersion[row] = tls.Version is { } version ? DetailNames.TlsVersion(version) : null;
                _tlsCipher[row] = tls.Cipher is { } cipher ? DetailNames.TlsCipher(cipher) : null;
                _tlsRxConf[row] = tls.RxConf is { } rx ? DetailNames.TlsConf(rx) : null;
                _tlsTxConf[row] = tls.TxConf is { } tx ? DetailNames.TlsConf(tx) : null;
                _zeroCopyReadOnlyTx.Set(row, tls.ZeroCopyReadOnlyTx);
                _noPadRx.Set(row, tls.NoPadRx);
            }
            if (ulp.MptcpSubflow is { } subflow)
            {
                _subflowFlags[row] = DetailNames.SubflowFlags(subflow.Flags);
                _tokenRemote.Set(row, subflow.TokenRemote);
                _idRemote.Set(row, subflow.IdRemote);
                _tokenLocal.Set(row, subflow.TokenLocal);
                _idLocal.Set(row, subflow.IdLocal);
                _seq.Set(row, subflow.MapSeq);
                _sfseq.Set(row, subflow.MapSubflowSeq);
                _ssnoff.Set(row, subflow.SubflowSeq);
                _maplen.Set(row, subflow.MapDataLength);
            }
        }
    }
}
