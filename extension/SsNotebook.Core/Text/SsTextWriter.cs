using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Text;

/// <summary>How the table is laid out: compact (stdout is not a terminal) or shared out over a terminal's width.</summary>
public readonly record struct TextLayout(int? TerminalWidth)
{
    public static TextLayout Compact => new(null);
}

/// <summary>Writes sockets exactly as ss 6.10 prints them: header, columns, widths and every extended field.</summary>
public sealed class SsTextWriter(SsEnvironment environment)
{
    public SsEnvironment Environment { get; } = environment;

    /// <summary>
    /// Writes the header (unless -H) and one line per socket, in the order given (the collector's, which is ss's
    /// dump order): inet, unix, packet and netlink sockets.
    /// </summary>
    public void Write(SsQuery query, IReadOnlyList<SocketRecord> sockets, ProcessTable? processes, Stream output, TextLayout layout)
    {
        using var buffer = new ColumnBuffer(output, layout.TerminalWidth);
        DisableColumns(query, buffer);
        if (!query.Show.NoHeader)
        {
            WriteHeader(buffer);
        }
        var printer = new InetSocketPrinter(buffer, query, processes, Environment);
        var localPrinter = new LocalSocketPrinter(buffer, query, printer, Environment);
        for (var i = 0; i < sockets.Count; i++)
        {
            var socket = sockets[i];
            if (socket.Local is null || !localPrinter.TryPrint(socket))
            {
                printer.Print(socket);
            }
        }
        buffer.Render();
        output.Flush();
    }

    /// <summary>The columns ss 6.10 turns off: Process without -p, queues with -Q, Netid for one table, State for one state.</summary>
    private static void DisableColumns(SsQuery query, ColumnBuffer buffer)
    {
        if (!query.Show.Processes)
        {
            buffer.Disable(Column.Process);
        }
        if (query.Show.NoQueues)
        {
            buffer.Disable(Column.RecvQ);
            buffer.Disable(Column.SendQ);
        }
        if (query.Tables.Count <= 1)
        {
            buffer.Disable(Column.Netid);
        }
        if (query.States.Count <= 1)
        {
            buffer.Disable(Column.State);
        }
    }

    private static void WriteHeader(ColumnBuffer buffer)
    {
        while (buffer.Current != Column.Ext)
        {
            if (!buffer.IsDisabled(buffer.Current))
            {
                buffer.Write(ColumnSpec.All[(int)buffer.Current].Header);
            }
            buffer.NextField();
        }
    }
}
