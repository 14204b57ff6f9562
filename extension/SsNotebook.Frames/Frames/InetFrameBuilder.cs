namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>Inet</c> frame: one row per TCP, UDP, RAW, MPTCP, DCCP or SCTP socket with the inet_diag details
/// beyond the Sockets, Timers, Memory and TcpInfo frames — <c>tos</c>, <c>tclass</c>, <c>class_id</c> (<c>--tos</c>),
/// <c>fwmark</c>, the cgroup, <c>v6only</c>, the shutdown state, the <c>--inet-sockopt</c> flags, MD5 keys and the
/// upper-layer protocol (TLS, MPTCP subflow), named as ss prints them. A detail the kernel did not send is null.
/// </summary>
internal static class InetFrameBuilder
{
    private static readonly string[] SubflowFields = ["token_remote", "id_remote", "token_local", "id_local", "seq", "sfseq", "ssnoff", "maplen"];

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
    [
        "Cookie", "tos", "tclass", "class_id", "fwmark", "cgroup_id", "cgroup", "v6only", "Shutdown",
        .. DetailNames.InetSockOptFlags, "md5keys", "ulp", "tls_version", "tls_cipher", "tls_rxconf", "tls_txconf",
        "tls_zc_ro_tx", "tls_no_pad_rx", "subflow_flags", .. SubflowFields,
    ];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Local is null, AddColumns);

    private static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        var count = sockets.Count;
        var tos = new FrameColumnBuilder<byte>(count);
        var tclass = new FrameColumnBuilder<byte>(count);
        var classId = new FrameColumnBuilder<uint>(count);
        var mark = new FrameColumnBuilder<uint>(count);
        var cgroupId = new FrameColumnBuilder<ulong>(count);
        var cgroup = new string?[count];
        CgroupNames? cgroups = null;
        var v6Only = new FrameColumnBuilder<byte>(count);
        var shutdown = new string?[count];
        var sockOpt = new FrameColumnBuilder<bool>[DetailNames.InetSockOptFlags.Count];
        for (var bit = 0; bit < sockOpt.Length; bit++)
        {
            sockOpt[bit] = new FrameColumnBuilder<bool>(count);
        }
        var md5Keys = new string?[count];
        var ulp = new UlpColumns(count);
        for (var row = 0; row < count; row++)
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
                // The text writer's lookup, but always in this process's mounts: where ss -N loses the hierarchy under
                // its fresh /sys and prints unreachable:ID, the frame still names the cgroup.
                cgroup[row] = (cgroups ??= new CgroupNames(switchedNamespace: false)).PathOf(socket.CgroupId, []);
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
        frame.Columns.Add(tos.ToColumn("tos"));
        frame.Columns.Add(tclass.ToColumn("tclass"));
        frame.Columns.Add(classId.ToColumn("class_id"));
        frame.Columns.Add(mark.ToColumn("fwmark"));
        frame.Columns.Add(cgroupId.ToColumn("cgroup_id"));
        frame.Columns.Add(StringColumns.Of("cgroup", cgroup));
        frame.Columns.Add(v6Only.ToColumn("v6only"));
        frame.Columns.Add(StringColumns.Of("Shutdown", shutdown));
        for (var bit = 0; bit < sockOpt.Length; bit++)
        {
            frame.Columns.Add(sockOpt[bit].ToColumn(DetailNames.InetSockOptFlags[bit]));
        }
        frame.Columns.Add(StringColumns.Of("md5keys", md5Keys));
        ulp.AddTo(frame);
    }

    /// <summary>INET_DIAG_ULP_INFO as ss's <c>tcp-ulp-NAME …</c> shows it.</summary>
    private sealed class UlpColumns(int rows)
    {
        private readonly string?[] _name = new string?[rows];
        private readonly string?[] _tlsVersion = new string?[rows];
        private readonly string?[] _tlsCipher = new string?[rows];
        private readonly string?[] _tlsRxConf = new string?[rows];
        private readonly string?[] _tlsTxConf = new string?[rows];
        private readonly FrameColumnBuilder<bool> _zeroCopyReadOnlyTx = new(rows);
        private readonly FrameColumnBuilder<bool> _noPadRx = new(rows);
        private readonly string?[] _subflowFlags = new string?[rows];
        private readonly FrameColumnBuilder<uint> _tokenRemote = new(rows);
        private readonly FrameColumnBuilder<byte> _idRemote = new(rows);
        private readonly FrameColumnBuilder<uint> _tokenLocal = new(rows);
        private readonly FrameColumnBuilder<byte> _idLocal = new(rows);
        private readonly FrameColumnBuilder<ulong> _seq = new(rows);
        private readonly FrameColumnBuilder<uint> _sfseq = new(rows);
        private readonly FrameColumnBuilder<uint> _ssnoff = new(rows);
        private readonly FrameColumnBuilder<uint> _maplen = new(rows);

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

        public void AddTo(DataFrame frame)
        {
            frame.Columns.Add(StringColumns.Of("ulp", _name));
            frame.Columns.Add(StringColumns.Of("tls_version", _tlsVersion));
            frame.Columns.Add(StringColumns.Of("tls_cipher", _tlsCipher));
            frame.Columns.Add(StringColumns.Of("tls_rxconf", _tlsRxConf));
            frame.Columns.Add(StringColumns.Of("tls_txconf", _tlsTxConf));
            frame.Columns.Add(_zeroCopyReadOnlyTx.ToColumn("tls_zc_ro_tx"));
            frame.Columns.Add(_noPadRx.ToColumn("tls_no_pad_rx"));
            frame.Columns.Add(StringColumns.Of("subflow_flags", _subflowFlags));
            frame.Columns.Add(_tokenRemote.ToColumn(SubflowFields[0]));
            frame.Columns.Add(_idRemote.ToColumn(SubflowFields[1]));
            frame.Columns.Add(_tokenLocal.ToColumn(SubflowFields[2]));
            frame.Columns.Add(_idLocal.ToColumn(SubflowFields[3]));
            frame.Columns.Add(_seq.ToColumn(SubflowFields[4]));
            frame.Columns.Add(_sfseq.ToColumn(SubflowFields[5]));
            frame.Columns.Add(_ssnoff.ToColumn(SubflowFields[6]));
            frame.Columns.Add(_maplen.ToColumn(SubflowFields[7]));
        }
    }
}
