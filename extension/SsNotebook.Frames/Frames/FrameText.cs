namespace SsNotebook.Frames;

/// <summary>A frame as aligned plain text: headers with units, values as notebook displays show them (ss state
/// names, <c>sk:</c> cookies, ISO-8601 UTC times), no index column. For consoles, logs and the text/plain form of a
/// notebook display.</summary>
public static class FrameText
{
    /// <summary>Rows written before the text says how many more there are.</summary>
    public const int MaxRows = 50;

    /// <summary>The frame as text: a header line, then at most <paramref name="maxRows"/> rows, then a line saying
    /// how many rows there are when some were left out.</summary>
    /// <param name="frame">Any DataFrame, e.g. <see cref="SsResult.Table"/>.</param>
    /// <param name="maxRows">Rows written before the text says how many more there are.</param>
    public static string Of(DataFrame frame, int maxRows = MaxRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rows = (int)Math.Min(frame.Rows.Count, maxRows);
        var cells = new string[frame.Columns.Count][];
        var widths = new int[frame.Columns.Count];
        for (var c = 0; c < cells.Length; c++)
        {
            var column = frame.Columns[c];
            var header = ColumnUnits.Header(column.Name);
            cells[c] = new string[rows + 1];
            cells[c][0] = header;
            widths[c] = header.Length;
            for (var row = 0; row < rows; row++)
            {
                var text = CellText.Of(column, row);
                cells[c][row + 1] = text;
                widths[c] = Math.Max(widths[c], text.Length);
            }
        }
        var output = new StringBuilder();
        for (var line = 0; line <= rows; line++)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                if (c > 0)
                {
                    output.Append("  ");
                }
                var numeric = line > 0 && CellText.IsNumeric(frame.Columns[c]);
                var text = cells[c][line];
                output.Append(numeric ? text.PadLeft(widths[c]) : text.PadRight(widths[c]));
            }
            output.Append('\n');
        }
        if (frame.Rows.Count > rows)
        {
            output.Append(System.Globalization.CultureInfo.InvariantCulture, $"({rows} of {frame.Rows.Count} rows shown)\n");
        }
        return output.ToString();
    }
}
