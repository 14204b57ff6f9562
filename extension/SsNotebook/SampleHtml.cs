namespace SsNotebook.Interactive;

/// <summary>HTML of a sampling cell: the live view while it runs and the final summary. Values are escaped.</summary>
internal static class SampleHtml
{
    /// <summary>Rows of the Samples frame shown inline (the whole frame is in the variable).</summary>
    public const int SampleRowsShown = 100;

    /// <summary>A status line followed by the charts (already HTML).</summary>
    public static string Live(string status, string charts) =>
        "<div class=\"ss-sampling\"><p>" + WebUtility.HtmlEncode(status) + "</p>" + charts + "</div>";

    /// <summary>A Summary this short is shown open; a longer one collapsed, like the Samples frame.</summary>
    public const int SummaryRowsOpen = 20;

    /// <summary>The status line, the charts, the Summary (one row per socket), then the Samples frame and the last
    /// sample's ss text, collapsed.</summary>
    public static string Final(SampleSet set, string status, string charts)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"ss-sampling\"><p>").Append(WebUtility.HtmlEncode(status)).Append("</p>");
        html.Append(charts);
        var summary = set.Summary;
        html.Append(summary.Rows.Count <= SummaryRowsOpen ? "<details open>" : "<details>");
        html.Append(CultureInfo.InvariantCulture, $"<summary>Summary: {summary.Rows.Count} sockets (rtt, cwnd, throughput, what limited each)</summary>");
        html.Append(FrameHtml.Table(summary, SampleRowsShown)).Append("</details>");
        html.Append(CultureInfo.InvariantCulture,
            $"<details><summary>Samples: {set.Samples.Rows.Count} rows × {set.Samples.Columns.Count} columns</summary>");
        html.Append(FrameHtml.Table(set.Samples, SampleRowsShown)).Append("</details>");
        html.Append("<details><summary>ss text of the last sample</summary>").Append(FrameHtml.TextOpen)
            .Append(WebUtility.HtmlEncode(set.Text))
            .Append("</pre></details></div>");
        return html.ToString();
    }

    /// <summary>The display of a sample set returned from C# (no charts: call its chart methods for those).</summary>
    public static string Summary(SampleSet set) => Final(set, set.ToString(), "");
}
