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
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets)
    {
        var rows = new List<SocketRecord>();
        var longest = 0;
        var present = SocketAttributes.None;
        foreach (var socket in sockets)
        {
            if (socket.Has(SocketAttributes.TcpInfo))
            {
                rows.Add(socket);
                longest = Math.Max(longest, socket.TcpInfo.Length);
                present |= socket.Present;
            }
        }

        var frame = new DataFrame(new UInt64DataFrameColumn("Cookie", rows.Select(socket => socket.Cookie)));
        foreach (var field in TcpInfoField.All)
        {
            if (field.Offset + field.Size <= longest)
            {
                frame.Columns.Add(FieldColumn(field, rows));
            }
        }
        frame.Columns.Add(new StringDataFrameColumn("congestion", rows.Select(socket => socket.Congestion)));
        if ((present & SocketAttributes.Bbr) != 0)
        {
            AddBbr(frame, rows);
        }
        if ((present & SocketAttributes.Dctcp) != 0)
        {
            AddDctcp(frame, rows);
        }
        if ((present & SocketAttributes.Vegas) != 0)
        {
            AddVegas(frame, rows);
        }
        return frame;
    }

    private static DataFrameColumn FieldColumn(TcpInfoField field, List<SocketRecord> rows)
    {
        // A socket whose kernel sent a shorter tcp_info than another's gets null, not a made-up zero.
        T? ValueOf<T>(SocketRecord socket, Func<ulong, T> convert) where T : struct =>
            field.IsPresentIn(socket.TcpInfo) ? convert(field.ValueOf(socket.TcpInfo)) : null;

        return field.Kind switch
        {
            TcpInfoFieldKind.Byte => new ByteDataFrameColumn(field.Name, rows.Select(s => ValueOf(s, v => (byte)v))),
            TcpInfoFieldKind.Bits when field.BitCount <= 8 => new ByteDataFrameColumn(field.Name, rows.Select(s => ValueOf(s, v => (byte)v))),
            TcpInfoFieldKind.Bits => new UInt32DataFrameColumn(field.Name, rows.Select(s => ValueOf(s, v => (uint)v))),
            TcpInfoFieldKind.UInt16 => new UInt16DataFrameColumn(field.Name, rows.Select(s => ValueOf(s, v => (ushort)v))),
            TcpInfoFieldKind.UInt32 => new UInt32DataFrameColumn(field.Name, rows.Select(s => ValueOf(s, v => (uint)v))),
            _ => new UInt64DataFrameColumn(field.Name, rows.Select(s => ValueOf(s, v => v))),
        };
    }

    private static void AddBbr(DataFrame frame, List<SocketRecord> rows)
    {
        BbrInfo? Bbr(SocketRecord socket) => socket.Has(SocketAttributes.Bbr) ? socket.Bbr : null;
        frame.Columns.Add(new UInt64DataFrameColumn("bbr_bw", rows.Select(s => Bbr(s)?.Bandwidth)));
        frame.Columns.Add(new UInt32DataFrameColumn("bbr_min_rtt", rows.Select(s => Bbr(s)?.MinRtt)));
        frame.Columns.Add(new UInt32DataFrameColumn("bbr_pacing_gain", rows.Select(s => Bbr(s)?.PacingGain)));
        frame.Columns.Add(new UInt32DataFrameColumn("bbr_cwnd_gain", rows.Select(s => Bbr(s)?.CwndGain)));
    }

    private static void AddDctcp(DataFrame frame, List<SocketRecord> rows)
    {
        DctcpInfo? Dctcp(SocketRecord socket) => socket.Has(SocketAttributes.Dctcp) ? socket.Dctcp : null;
        frame.Columns.Add(new UInt16DataFrameColumn("dctcp_enabled", rows.Select(s => Dctcp(s)?.Enabled)));
        frame.Columns.Add(new UInt16DataFrameColumn("dctcp_ce_state", rows.Select(s => Dctcp(s)?.CeState)));
        frame.Columns.Add(new UInt32DataFrameColumn("dctcp_alpha", rows.Select(s => Dctcp(s)?.Alpha)));
        frame.Columns.Add(new UInt32DataFrameColumn("dctcp_ab_ecn", rows.Select(s => Dctcp(s)?.AbEcn)));
        frame.Columns.Add(new UInt32DataFrameColumn("dctcp_ab_tot", rows.Select(s => Dctcp(s)?.AbTot)));
    }

    private static void AddVegas(DataFrame frame, List<SocketRecord> rows)
    {
        VegasInfo? Vegas(SocketRecord socket) => socket.Has(SocketAttributes.Vegas) ? socket.Vegas : null;
        frame.Columns.Add(new UInt32DataFrameColumn("vegas_enabled", rows.Select(s => Vegas(s)?.Enabled)));
        frame.Columns.Add(new UInt32DataFrameColumn("vegas_rtt_count", rows.Select(s => Vegas(s)?.RttCount)));
        frame.Columns.Add(new UInt32DataFrameColumn("vegas_rtt", rows.Select(s => Vegas(s)?.Rtt)));
        frame.Columns.Add(new UInt32DataFrameColumn("vegas_min_rtt", rows.Select(s => Vegas(s)?.MinRtt)));
    }
}
