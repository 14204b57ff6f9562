namespace SsNotebook.Interactive;

/// <summary>HTML for DataFrames and ss results. Every value is escaped: process names, unix paths and netns names
/// come from other users and must never become markup.</summary>
/// <remarks>A frame is a table in its own scroll container (horizontal and vertical), its header row sticky, cells
/// never wrapped, text left-aligned and numbers right-aligned; headers carry the unit (<see cref="ColumnUnits"/>),
/// values read as <see cref="CellText"/> writes them. The styles are scoped to <c>.ss-frame</c> and marked important
/// because notebook pages style every output table themselves (JupyterLab with a fixed layout that squeezes wide
/// frames into one-digit columns, nbconvert right-aligning every cell).</remarks>
internal static class FrameHtml
{
    /// <summary>Rows shown before the table is cut (the full data stays in the variable).</summary>
    public const int MaxRows = 500;

    /// <summary>The style block every frame display carries.</summary>
    /// <remarks>The scroll box is <c>width:0;min-width:100%</c>, not <c>max-width:100%</c>: Jupyter lays outputs out
    /// as table cells, where a percentage maximum does not bind, so a wide table widened the whole output and every
    /// responsive chart beside it (half of each chart off the page). A zero width adds nothing to the cell's width;
    /// the minimum then fills whatever width the cell has.</remarks>
    public const string Style =
        "<style>.ss-frame{overflow:auto!important;max-height:30em;width:0;min-width:100%;display:block}" +
        ".ss-frame table{table-layout:auto!important;width:auto!important;border-collapse:collapse;margin:0!important}" +
        ".ss-frame th,.ss-frame td{white-space:nowrap!important;padding:2px 8px!important;text-align:left!important}" +
        ".ss-frame .n{text-align:right!important;font-variant-numeric:tabular-nums}" +
        ".ss-frame thead th{position:sticky!important;top:0;z-index:1;background:var(--vscode-editor-background,var(--jp-layout-color0,#fff))}" +
        "</style>";

    /// <summary>Opens the block of ss text under a table: the frame's scroll box, so long lines scroll in it rather
    /// than widen the output.</summary>
    public const string TextOpen = "<pre class=\"ss-frame\">";

    public static void WriteTable(DataFrame frame, TextWriter writer, int maxRows = MaxRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Style);
        writer.Write("<div class=\"ss-frame\"><table class=\"ss-table\"><thead><tr>");
        var numeric = frame.Columns.Select(CellText.IsNumeric).ToArray();
        for (var c = 0; c < frame.Columns.Count; c++)
        {
            writer.Write(numeric[c] ? "<th class=\"n\">" : "<th>");
            writer.Write(WebUtility.HtmlEncode(ColumnUnits.Header(frame.Columns[c].Name)));
            writer.Write("</th>");
        }
        writer.Write("</tr></thead><tbody>");
        var rows = Math.Min(frame.Rows.Count, maxRows);
        for (long row = 0; row < rows; row++)
        {
            writer.Write("<tr>");
            for (var c = 0; c < frame.Columns.Count; c++)
            {
                writer.Write(numeric[c] ? "<td class=\"n\">" : "<td>");
                writer.Write(WebUtility.HtmlEncode(CellText.Of(frame.Columns[c], row)));
                writer.Write("</td>");
            }
            writer.Write("</tr>");
        }
        writer.Write("</tbody></table></div>");
        if (frame.Rows.Count > rows)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"<p>{rows} of {frame.Rows.Count} rows shown</p>"));
        }
    }

    public static string Table(DataFrame frame, int maxRows = MaxRows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteTable(frame, writer, maxRows);
        return writer.ToString();
    }

    /// <summary>The display of one invocation: a heading with the command, the Sockets table, then the exact ss text
    /// collapsed.</summary>
    public static string Result(SsResult result, string variableName)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"ss-result\"><p><code>")
            .Append(WebUtility.HtmlEncode(CommandText(result.Arguments)))
            .Append("</code> · ")
            .Append(result.Sockets.Rows.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" sockets at ")
            .Append(CellText.Time(result.Timestamp.UtcDateTime))
            .Append(" → <code>")
            .Append(WebUtility.HtmlEncode(variableName))
            .Append("</code></p>");
        html.Append(Table(result.Sockets));
        html.Append("<details><summary>ss text</summary>").Append(TextOpen)
            .Append(WebUtility.HtmlEncode(result.Text))
            .Append("</pre></details></div>");
        return html.ToString();
    }

    /// <summary>The invocation as a person would type it.</summary>
    public static string CommandText(IReadOnlyList<string> arguments) =>
        arguments.Count == 0 ? "ss" : "ss " + string.Join(' ', arguments.Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,:/=+@[]%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
