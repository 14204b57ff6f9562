namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>TcpInfo</c> frame: one row per socket that sent tcp_info, a column for every tcp_info field the
/// kernel returned (named as in <see cref="TcpInfoField"/>, in the kernel's units), then the congestion control
/// algorithm and, when any socket has them, its BBR, DCTCP and Vegas figures.
/// </summary>
internal static class TcpInfoFrameBuilder
{
    /// <summary>The TcpInfo frame: a row per socket with tcp_info. With no such socket it still has every column
    /// (<c>none.TcpInfo["rtt"]</c> works on an empty result).</summary>
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Has(SocketAttributes.TcpInfo),
            (frame, withInfo) => AddColumns(frame, withInfo, fullSchemaWhenNone: true));

    /// <summary>Appends the tcp_info, congestion and BBR/DCTCP/Vegas columns of <paramref name="sockets"/>, one row
    /// per socket (null where a socket has no tcp_info). When none has tcp_info the columns are added only with
    /// <paramref name="fullSchemaWhenNone"/>, sized for the longest tcp_info we know.</summary>
    public static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets, bool fullSchemaWhenNone)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(sockets);
        var count = sockets.Count;
        var longest = 0;
        var present = SocketAttributes.None;
        foreach (var socket in sockets)
        {
            if (socket.Has(SocketAttributes.TcpInfo))
            {
                longest = Math.Max(longest, socket.TcpInfo.Length);
                present |= socket.Present;
            }
        }
        if (longest == 0)
        {
            if (!fullSchemaWhenNone)
            {
                return;
            }
            longest = Sockets.TcpInfo.KnownSize;
        }

        var fields = new TcpInfoColumns(count, longest);
        var congestion = new string?[count];
        var bbr = (present & SocketAttributes.Bbr) == 0 ? null : new RecordColumns<BbrInfo>(
            Field<BbrInfo, ulong>("bbr_bw", count, info => info.Bandwidth),
            Field<BbrInfo, uint>("bbr_min_rtt", count, info => info.MinRtt),
            Field<BbrInfo, uint>("bbr_pacing_gain", count, info => info.PacingGain),
            Field<BbrInfo, uint>("bbr_cwnd_gain", count, info => info.CwndGain));
        var dctcp = (present & SocketAttributes.Dctcp) == 0 ? null : new RecordColumns<DctcpInfo>(
            Field<DctcpInfo, ushort>("dctcp_enabled", count, info => info.Enabled),
            Field<DctcpInfo, ushort>("dctcp_ce_state", count, info => info.CeState),
            Field<DctcpInfo, uint>("dctcp_alpha", count, info => info.Alpha),
            Field<DctcpInfo, uint>("dctcp_ab_ecn", count, info => info.AbEcn),
            Field<DctcpInfo, uint>("dctcp_ab_tot", count, info => info.AbTot));
        var vegas = (present & SocketAttributes.Vegas) == 0 ? null : new RecordColumns<VegasInfo>(
            Field<VegasInfo, uint>("vegas_enabled", count, info => info.Enabled),
            Field<VegasInfo, uint>("vegas_rtt_count", count, info => info.RttCount),
            Field<VegasInfo, uint>("vegas_rtt", count, info => info.Rtt),
            Field<VegasInfo, uint>("vegas_min_rtt", count, info => info.MinRtt));
        for (var row = 0; row < count; row++)
        {
            var socket = sockets[row];
            if (!socket.Has(SocketAttributes.TcpInfo))
            {
                continue;
            }
            fields.Set(row, socket.TcpInfo);
            congestion[row] = socket.Congestion;
            if (socket.Has(SocketAttributes.Bbr))
            {
                bbr?.Set(row, socket.Bbr);
            }
            if (socket.Has(SocketAttributes.Dctcp))
            {
                dctcp?.Set(row, socket.Dctcp);
            }
            if (socket.Has(SocketAttributes.Vegas))
            {
                vegas?.Set(row, socket.Vegas);
            }
        }

        fields.AddTo(frame);
        frame.Columns.Add(StringColumns.Of("congestion", congestion));
        bbr?.AddTo(frame);
        dctcp?.AddTo(frame);
        vegas?.AddTo(frame);
    }

    private static RecordField<TRecord> Field<TRecord, TValue>(string name, int rows, Func<TRecord, TValue> read)
        where TValue : unmanaged => new RecordField<TRecord, TValue>(name, rows, read);

    /// <summary>The columns of one congestion-control record (BBR, DCTCP, Vegas), a field a column, in order.</summary>
    private sealed class RecordColumns<TRecord>(params RecordField<TRecord>[] fields)
    {
        public void Set(int row, in TRecord record)
        {
            foreach (var field in fields)
            {
                field.Set(row, record);
            }
        }

        public void AddTo(DataFrame frame)
        {
            foreach (var field in fields)
            {
                frame.Columns.Add(field.ToColumn());
            }
        }
    }

    private abstract class RecordField<TRecord>
    {
        public abstract void Set(int row, TRecord record);

        public abstract DataFrameColumn ToColumn();
    }

    private sealed class RecordField<TRecord, TValue>(string name, int rows, Func<TRecord, TValue> read) : RecordField<TRecord>
        where TValue : unmanaged
    {
        private readonly FrameColumnBuilder<TValue> _values = new(rows);

        public override void Set(int row, TRecord record) => _values.Set(row, read(record));

        public override DataFrameColumn ToColumn() => _values.ToColumn(name);
    }
}
