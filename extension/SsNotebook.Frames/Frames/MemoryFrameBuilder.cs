namespace SsNotebook.Frames;

/// <summary>Builds the <c>Memory</c> frame from INET_DIAG_SKMEMINFO, columns named like SK_MEMINFO_* in lower case.
/// Entries a kernel did not send (an older, shorter array) are null.</summary>
internal static class MemoryFrameBuilder
{
    /// <summary>The SK_MEMINFO_* names in array order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        ["rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog", "drops"];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Has(SocketAttributes.SkMemInfo), AddColumns);

    /// <summary>Appends the SK_MEMINFO_* columns of <paramref name="sockets"/>, one row per socket (null where a
    /// socket has no skmem).</summary>
    public static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(sockets);
        var fields = new SkMemInfoColumns(sockets.Count);
        for (var row = 0; row < sockets.Count; row++)
        {
            if (sockets[row].Has(SocketAttributes.SkMemInfo))
            {
                fields.Set(row, sockets[row].SkMemInfo);
            }
        }
        fields.AddTo(frame);
    }
}

/// <summary>The SK_MEMINFO_* columns of a frame (Memory, Samples), named as <see cref="MemoryFrameBuilder.FieldNames"/>;
/// entries the kernel did not send, and rows never set, are null.</summary>
internal sealed class SkMemInfoColumns
{
    private readonly FrameColumnBuilder<uint>[] _fields;

    public SkMemInfoColumns(int rows)
    {
        _fields = new FrameColumnBuilder<uint>[MemoryFrameBuilder.FieldNames.Count];
        for (var f = 0; f < _fields.Length; f++)
        {
            _fields[f] = new FrameColumnBuilder<uint>(rows);
        }
    }

    public void Set(int row, in SkMemInfo memory)
    {
        var sent = Math.Min(memory.Count, _fields.Length);
        for (var f = 0; f < sent; f++)
        {
            _fields[f].Set(row, ValueOf(memory, f));
        }
    }

    public void AddTo(DataFrame frame)
    {
        for (var f = 0; f < _fields.Length; f++)
        {
            frame.Columns.Add(_fields[f].ToColumn(MemoryFrameBuilder.FieldNames[f]));
        }
    }

    private static uint ValueOf(in SkMemInfo memory, int field) => field switch
    {
        0 => memory.RmemAlloc,
        1 => memory.Rcvbuf,
        2 => memory.WmemAlloc,
        3 => memory.Sndbuf,
        4 => memory.FwdAlloc,
        5 => memory.WmemQueued,
        6 => memory.Optmem,
        7 => memory.Backlog,
        _ => memory.Drops,
    };
}
