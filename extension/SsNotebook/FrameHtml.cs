using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace SsNotebook.Interactive;

/// <summary>HTML for DataFrames and ss results. Every value is escaped: process names, unix paths and netns names
/// come from other users and must never become markup.</summary>
public static class FrameHtml
{
    /// <summary>Rows shown before the table is cut (the full data stays in the variable).</summary>
    public const int MaxRows = 500;

    public static void WriteTable(DataFrame frame, TextWriter writer, int maxRows = MaxRows)
    {
        writer.Write("<table class=\"ss-table\"><thead><tr>");
        foreach (var column in frame.Columns)
        {
            writer.Write("<th>");
            writer.Write(WebUtility.HtmlEncode(column.Name));
            writer.Write("</th>");
        }
        writer.Write("</tr></thead><tbody>");
        var rows = Math.Min(frame.Rows.Count, maxRows);
        for (long row = 0; row < rows; row++)
        {
            writer.Write("<tr>");
            foreach (var column in frame.Columns)
            {
                writer.Write("<td>");
                writer.Write(WebUtility.HtmlEncode(Convert.ToString(column[row], CultureInfo.InvariantCulture) ?? ""));
                writer.Write("</td>");
            }
            writer.Write("</tr>");
        }
        writer.Write("</tbody></table>");
        if (frame.Rows.Count > rows)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"<p>showing {rows} of {frame.Rows.Count} rows</p>"));
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
            .Append(" sockets → <code>")
            .Append(WebUtility.HtmlEncode(variableName))
            .Append("</code></p>");
        html.Append(Table(result.Sockets));
        html.Append("<details><summary>ss text</summary><pre>")
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
