using Microsoft.Data.Analysis;
using SsNotebook.Sockets;

namespace SsNotebook.Frames;

/// <summary>Builds the <c>Memory</c> frame from INET_DIAG_SKMEMINFO, columns named like SK_MEMINFO_* in lower case.
/// Entries a kernel did not send (an older, shorter array) are null.</summary>
public static class MemoryFrameBuilder
{
    /// <summary>The SK_MEMINFO_* names in array order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        ["rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog", "drops"];

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets)
    {
        var cookie = new UInt64DataFrameColumn("Cookie");
        var fields = new UInt32DataFrameColumn[FieldNames.Count];
        for (var f = 0; f < fields.Length; f++)
        {
            fields[f] = new UInt32DataFrameColumn(FieldNames[f]);
        }
        Span<uint> values = stackalloc uint[9];
        foreach (var socket in sockets)
        {
            if (!socket.Has(SocketAttributes.SkMemInfo))
            {
                continue;
            }
            var memory = socket.SkMemInfo;
            values[0] = memory.RmemAlloc;
            values[1] = memory.Rcvbuf;
            values[2] = memory.WmemAlloc;
            values[3] = memory.Sndbuf;
            values[4] = memory.FwdAlloc;
            values[5] = memory.WmemQueued;
            values[6] = memory.Optmem;
            values[7] = memory.Backlog;
            values[8] = memory.Drops;
            cookie.Append(socket.Cookie);
            for (var f = 0; f < fields.Length; f++)
            {
                fields[f].Append(f < memory.Count ? values[f] : null);
            }
        }
        var frame = new DataFrame(cookie);
        foreach (var field in fields)
        {
            frame.Columns.Add(field);
        }
        return frame;
    }
}
