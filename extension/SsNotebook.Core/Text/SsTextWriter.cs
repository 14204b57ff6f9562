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

    public void Write(SsQuery query, IReadOnlyList<SocketRecord> sockets, ProcessTable? processes, Stream output, TextLayout layout) =>
        throw new NotImplementedException("owned by the text work: Text/");
}
