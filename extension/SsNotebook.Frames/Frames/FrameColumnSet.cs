namespace SsNotebook.Frames;

/// <summary>
/// The columns of a frame being built, each declared once: a builder names and types a column where it asks for it,
/// the order it asks in is the frame's column order, and <see cref="ToFrame"/> makes the frame of them all. Before it,
/// a per-kind builder wrote each column's name and type again in the list that added the columns at the end (and a
/// third time in a column-name list), so a renamed or inserted column had to be changed in step in every place.
/// </summary>
/// <remarks>For the per-kind frames (Unix, Packet, Inet, …: a few sockets each). The Table, TcpInfo and Socket frames,
/// filled for every socket of a dump, keep their own column fields; this costs a delegate per column, none per row.</remarks>
/// <param name="rows">The row count of every column.</param>
internal sealed class FrameColumnSet(int rows)
{
    // Each declared column as the call that makes it once its cells are filled, in declaration order.
    private readonly List<Func<DataFrameColumn>> _columns = [];

    /// <summary>The next column, <paramref name="name"/> of <typeparamref name="T"/>; rows never set are null.</summary>
    public FrameColumnBuilder<T> Of<T>(string name) where T : unmanaged
    {
        var column = new FrameColumnBuilder<T>(rows);
        _columns.Add(() => column.ToColumn(name));
        return column;
    }

    /// <summary>The next columns, one of <typeparamref name="T"/> per name, in the order of <paramref name="names"/>.</summary>
    public FrameColumnBuilder<T>[] Each<T>(IEnumerable<string> names) where T : unmanaged =>
        [.. names.Select(name => Of<T>(name))];

    /// <summary>The next column, <paramref name="name"/> of strings: the cells to fill, null where no row sets one.</summary>
    public string?[] Strings(string name)
    {
        var cells = new string?[rows];
        _columns.Add(() => StringColumns.Of(name, cells));
        return cells;
    }

    /// <summary>A frame of the declared columns in declaration order. The cells must not be filled further.</summary>
    public DataFrame ToFrame() => new(_columns.Select(column => column()));
}

/// <summary>Filling a group of same-typed columns (a struct's consecutive fields) a row at a time.</summary>
internal static class FrameColumnGroups
{
    /// <summary>Sets row <paramref name="row"/> of each column to the value at its index in <paramref name="values"/>
    /// (one call per row for the whole group, its values on the stack).</summary>
    public static void Set<T>(this FrameColumnBuilder<T>[] columns, int row, params ReadOnlySpan<T> values) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, columns.Length);
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i].Set(row, values[i]);
        }
    }
}
