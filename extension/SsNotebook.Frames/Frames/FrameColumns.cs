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
    /// <paramref name="addColumns"/> appends for them (the Timers, Memory and TcpInfo frames).</summary>
    public static DataFrame OfSocketsWith(IReadOnlyList<SocketRecord> sockets, Func<SocketRecord, bool> has,
        Action<DataFrame, IReadOnlyList<SocketRecord>> addColumns)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        ArgumentNullException.ThrowIfNull(has);
        ArgumentNullException.ThrowIfNull(addColumns);
        var selected = sockets.Where(has).ToList();
        var cookie = new FrameColumnBuilder<ulong>(selected.Count);
        for (var row = 0; row < selected.Count; row++)
        {
            cookie.Set(row, selected[row].Cookie);
        }
        var frame = new DataFrame(cookie.ToColumn(CellText.CookieColumn));
        addColumns(frame, selected);
        return frame;
    }
}
