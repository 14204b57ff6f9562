namespace SsNotebook.Frames;

/// <summary>Column order helpers shared by the frames that put their key figures first.</summary>
internal static class FrameColumns
{
    /// <summary>The columns of <paramref name="frame"/> named in <paramref name="leading"/> first (in that order,
    /// when present), then the others in their order. The columns are shared, not copied.</summary>
    public static DataFrame Reordered(DataFrame frame, IReadOnlyList<string> leading)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(leading);
        var columns = new List<DataFrameColumn>(frame.Columns.Count);
        foreach (var name in leading)
        {
            var index = frame.Columns.IndexOf(name);
            if (index >= 0)
            {
                columns.Add(frame.Columns[index]);
            }
        }
        foreach (var column in frame.Columns)
        {
            if (!leading.Contains(column.Name))
            {
                columns.Add(column);
            }
        }
        return new DataFrame(columns);
    }

    /// <summary>A frame of the sockets that <paramref name="has"/> something: their Cookie column, then the columns
    /// <paramref name="addColumns"/> appends for them (the Timers, Memory and TcpInfo frames, whose columns the Table
    /// frame appends too).</summary>
    public static DataFrame OfSocketsWith(IReadOnlyList<SocketRecord> sockets, Func<SocketRecord, bool> has,
        Action<DataFrame, IReadOnlyList<SocketRecord>> addColumns)
    {
        ArgumentNullException.ThrowIfNull(addColumns);
        var (selected, columns) = Selected(sockets, has);
        var frame = columns.ToFrame();
        addColumns(frame, selected);
        return frame;
    }

    /// <summary>A frame of the sockets that <paramref name="has"/> something: their Cookie column, then the columns
    /// <paramref name="declare"/> declares and fills for them (the per-kind frames).</summary>
    public static DataFrame OfSocketsWith(IReadOnlyList<SocketRecord> sockets, Func<SocketRecord, bool> has,
        Action<FrameColumnSet, IReadOnlyList<SocketRecord>> declare)
    {
        ArgumentNullException.ThrowIfNull(declare);
        var (selected, columns) = Selected(sockets, has);
        declare(columns, selected);
        return columns.ToFrame();
    }

    /// <summary>A frame of the sockets whose <see cref="SocketRecord.Local"/> details are a
    /// <typeparamref name="TDetails"/> (the unix, packet, netlink, vsock, xdp and tipc frames): Cookie, Inode, then
    /// the columns <paramref name="declare"/> declares and fills for them.</summary>
    public static DataFrame OfKind<TDetails>(IReadOnlyList<SocketRecord> sockets,
        Action<FrameColumnSet, IReadOnlyList<SocketRecord>> declare) where TDetails : LocalSocketDetails
    {
        ArgumentNullException.ThrowIfNull(declare);
        return OfSocketsWith(sockets, socket => socket.Local is TDetails, (columns, selected) =>
        {
            var inode = columns.Of<uint>("Inode");
            for (var row = 0; row < selected.Count; row++)
            {
                inode.Set(row, selected[row].Inode);
            }
            declare(columns, selected);
        });
    }

    /// <summary>The sockets that <paramref name="has"/> something, and a column set of one row each holding their
    /// Cookie column, the first of every such frame (they join on it).</summary>
    private static (List<SocketRecord> Selected, FrameColumnSet Columns) Selected(IReadOnlyList<SocketRecord> sockets,
        Func<SocketRecord, bool> has)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(has);
        var selected = sockets.Where(has).ToList();
        var columns = new FrameColumnSet(selected.Count);
        var cookie = columns.Of<ulong>(CellText.CookieColumn);
        for (var row = 0; row < selected.Count; row++)
        {
            cookie.Set(row, selected[row].Cookie);
        }
        return (selected, columns);
    }
}
