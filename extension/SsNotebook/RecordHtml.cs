namespace SsNotebook.Interactive;

/// <summary>
/// Displays of socket records. A record is shown as its row of the Table frame, one field per line, so it reads
/// exactly like the frames (ss's state names, ISO times, hex cookies, units) and no member is ever dereferenced
/// blindly: the default object formatter walked every member and failed on records without tcp_info.
/// </summary>
internal static class RecordHtml
{
    /// <summary>One record as a two-column table of field and value (fields the record lacks are left out).</summary>
    public static string Record(SocketRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var html = new StringBuilder(FrameHtml.Style);
        html.Append("<div class=\"ss-frame ss-record\"><table class=\"ss-table\"><tbody>");
        foreach (var (name, column) in Fields(record))
        {
            html.Append("<tr><th>").Append(WebUtility.HtmlEncode(ColumnUnits.Header(name))).Append("</th>")
                .Append(CellText.IsNumeric(column) ? "<td class=\"n\">" : "<td>")
                .Append(WebUtility.HtmlEncode(CellText.Of(column, 0))).Append("</td></tr>");
        }
        html.Append("</tbody></table></div>");
        return html.ToString();
    }

    /// <summary>One record as <c>field: value</c> lines.</summary>
    public static string RecordText(SocketRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder();
        foreach (var (name, column) in Fields(record))
        {
            text.Append(CultureInfo.InvariantCulture, $"{ColumnUnits.Header(name)}: {CellText.Of(column, 0)}\n");
        }
        return text.ToString();
    }

    /// <summary>Several records as one table: their Table frame.</summary>
    public static string Records(IEnumerable<SocketRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return FrameHtml.Table(TableFrameBuilder.Build(records as IReadOnlyList<SocketRecord> ?? records.ToList(), processes: null));
    }

    private static IEnumerable<(string Name, DataFrameColumn Column)> Fields(SocketRecord record)
    {
        var frame = TableFrameBuilder.Build([record], processes: null);
        return frame.Columns.Where(column => column[0] is not null).Select(column => (column.Name, column));
    }
}
