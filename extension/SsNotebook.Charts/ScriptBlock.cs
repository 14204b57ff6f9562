namespace SsNotebook.Charts;

/// <summary>
/// Makes a chart's HTML safe for any label. Plotly.NET and XPlot write titles and trace names into the chart's
/// script as JSON without escaping, so a legend entry (a process name) or a title holding <c>&lt;/script&gt;</c>
/// would end the script there, and one holding <c>&lt;!--</c> then <c>&lt;script</c> would keep the real end from
/// closing it. In the script's text the three sequences the HTML tokenizer looks for are escaped the way JavaScript
/// reads back unchanged inside a string literal: <c>&lt;/</c> → <c>&lt;\/</c>, <c>&lt;!--</c> → <c>&lt;\!--</c>,
/// <c>&lt;script</c> → <c>&lt;\script</c>. Outside string literals the generated scripts never contain them.
/// </summary>
internal static class ScriptBlock
{
    private const string Open = "<script";
    private const string Close = "</script";

    /// <summary><paramref name="html"/> (one chart: markup, then one script element) with its script's text escaped.
    /// The script's text runs from its opening tag to the last closing tag: labels can only add false ends before that.</summary>
    public static string Protect(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var opening = html.IndexOf(Open, StringComparison.OrdinalIgnoreCase);
        var start = opening < 0 ? -1 : html.IndexOf('>', opening) + 1;
        var end = html.LastIndexOf(Close, StringComparison.OrdinalIgnoreCase);
        if (start <= 0 || end < start)
        {
            return html;
        }
        var text = new StringBuilder(html.Length + 16);
        text.Append(html, 0, start);
        for (var i = start; i < end; i++)
        {
            var c = html[i];
            text.Append(c);
            if (c != '<' || i + 1 >= end)
            {
                continue;
            }
            var rest = html.AsSpan(i + 1, end - i - 1);
            if (rest[0] == '/' || rest.StartsWith("!--", StringComparison.Ordinal) || rest.StartsWith("script", StringComparison.OrdinalIgnoreCase))
            {
                text.Append('\\');
            }
        }
        text.Append(html, end, html.Length - end);
        return text.ToString();
    }
}
