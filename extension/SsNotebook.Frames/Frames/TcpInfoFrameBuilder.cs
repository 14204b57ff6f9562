using Microsoft.Data.Analysis;
using SsNotebook.Sockets;

namespace SsNotebook.Frames;

/// <summary>
/// Builds the <c>TcpInfo</c> frame: one row per socket that sent tcp_info, a column for every tcp_info field the
/// kernel returned (named as in <see cref="TcpInfoField"/>, in the kernel's units), then the congestion control
/// algorithm and, when any socket has them, its BBR, DCTCP and Vegas figures.
/// </summary>
public static class TcpInfoFrameBuilder
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
        var bbr = (present & SocketAttributes.Bbr) != 0 ? new BbrColumns(count) : null;
        var dctcp = (present & SocketAttributes.Dctcp) != 0 ? new DctcpColumns(count) : null;
        var vegas = (present & SocketAttributes.Vegas) != 0 ? new VegasColumns(count) : null;
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

    private sealed class BbrColumns(int rows)
    {
        private readonly FrameColumnBuilder<ulong> _bandwidth = new(rows);
        private readonly FrameColumnBuilder<uint> _minRtt = new(rows);
        private readonly FrameColumnBuilder<uint> _pacingGain = new(rows);
        private readonly FrameColumnBuilder<uint> _cwndGain = new(rows);

        public void Set(int row, in BbrInfo bbr)
        {
            _bandwidth.Set(row, bbr.Bandwidth);
            _minRtt.Set(row, bbr.MinRtt);
            _pacingGain.Set(row, bbr.PacingGain);
            _cwndGain.Set(row, bbr.CwndGain);
        }

        public void AddTo(DataFrame frame)
        {
            frame.Columns.Add(_bandwidth.ToColumn("bbr_bw"));
            frame.Columns.Add(_minRtt.ToColumn("bbr_min_rtt"));
            frame.Columns.Add(_pacingGain.ToColumn("bbr_pacing_gain"));
            frame.Columns.Add(_cwndGain.ToColumn("bbr_cwnd_gain"));
        }
    }

    private sealed class DctcpColumns(int rows)
    {
        private readonly FrameColumnBuilder<ushort> _enabled = new(rows);
        private readonly FrameColumnBuilder<ushort> _ceState = new(rows);
        private readonly FrameColumnBuilder<uint> _alpha = new(rows);
        private readonly FrameColumnBuilder<uint> _abEcn = new(rows);
        private readonly FrameColumnBuilder<uint> _abTot = new(rows);

        public void Set(int row, in DctcpInfo dctcp)
        {
            _enabled.Set(row, dctcp.Enabled);
            _ceState.Set(row, dctcp.CeState);
            _alpha.Set(row, dctcp.Alpha);
            _abEcn.Set(row, dctcp.AbEcn);
            _abTot.Set(row, dctcp.AbTot);
        }

        public void AddTo(DataFrame frame)
        {
            frame.Columns.Add(_enabled.ToColumn("dctcp_enabled"));
            frame.Columns.Add(_ceState.ToColumn("dctcp_ce_state"));
            frame.Columns.Add(_alpha.ToColumn("dctcp_alpha"));
            frame.Columns.Add(_abEcn.ToColumn("dctcp_ab_ecn"));
            frame.Columns.Add(_abTot.ToColumn("dctcp_ab_tot"));
        }
    }

    private sealed class VegasColumns(int rows)
    {
        private readonly FrameColumnBuilder<uint> _enabled = new(rows);
        private readonly FrameColumnBuilder<uint> _rttCount = new(rows);
        private readonly FrameColumnBuilder<uint> _rtt = new(rows);
        private readonly FrameColumnBuilder<uint> _minRtt = new(rows);

        public void Set(int row, in VegasInfo vegas)
        {
            _enabled.Set(row, vegas.Enabled);
            _rttCount.Set(row, vegas.RttCount);
            _rtt.Set(row, vegas.Rtt);
            _minRtt.Set(row, vegas.MinRtt);
        }

        public void AddTo(DataFrame frame)
        {
            frame.Columns.Add(_enabled.ToColumn("vegas_enabled"));
            frame.Columns.Add(_rttCount.ToColumn("vegas_rtt_count"));
            frame.Columns.Add(_rtt.ToColumn("vegas_rtt"));
            frame.Columns.Add(_minRtt.ToColumn("vegas_min_rtt"));
        }
    }
}
