using System.Text.RegularExpressions;
using SsNotebook.Charts;

namespace SsNotebook.Sampling.Tests;

/// <summary>No label — a process name in a legend, a user's title — can end the chart's script block or open an
/// HTML comment inside it, with either charting library.</summary>
public sealed partial class ChartHtmlSafetyTests
{
    private const string Hostile = "</script><script>alert(1)</script><!--<script>";

    private static ChartSpec Spec(string title, string name) => new(ChartKind.Rtt, title, "y " + Hostile,
    [
        new TraceSpec(name, "group " + Hostile, true, TraceStyle.Solid, 0,
            [0.0], [1.5]),
    ]);

    public static TheoryData<string> Labels => new() { Hostile, "</SCRIPT >", "a</b", "<!--", "x<\\/script>", "\u2028</script\u2029" };

    [Theory]
    [MemberData(nameof(Labels))]
    public void PlotlyNetChartsKeepTheirScriptClosedAndTheirLabels(string label) =>
        AssertSafe(PlotlyNetCharts.ToPlotlyNet(Spec("title " + label, label)).ToHtml(includePlotlyJs: false), label);

    [Theory]
    [MemberData(nameof(Labels))]
    public void XPlotChartsKeepTheirScriptClosedAndTheirLabels(string label) =>
        AssertSafe(XPlotCharts.ToXPlot(Spec("title " + label, label)).ToHtml(includePlotlyJs: false), label);

    [Theory]
    [MemberData(nameof(Labels))]
    public void CellChartsKeepTheirScriptClosedAndTheirLabels(string label) =>
        AssertSafe(PlotlyFigure.ToHtml(Spec("title " + label, label)), label);

    [Fact]
    public void TheEmbeddedPlotlyJsComesFirstAndUntouched()
    {
        var html = PlotlyNetCharts.ToPlotlyNet(Spec("title " + Hostile, Hostile)).ToHtml();
        Assert.StartsWith(PlotlyJs.ScriptTag + "\n", html);
        AssertSafe(html[(PlotlyJs.ScriptTag.Length + 1)..], Hostile);
    }

    private static void AssertSafe(string html, string label)
    {
        // One script element, closed only at the end: nothing inside it ends it or starts a comment.
        var opening = html.IndexOf("<script", StringComparison.Ordinal);
        var start = html.IndexOf('>', opening) + 1;
        // The first end tag is the script's own: only markup follows it.
        var end = ScriptEnd().Match(html, start).Index;
        Assert.Matches(@"^</script>\s*(</div>)?$", html[end..]);
        var body = html[start..end];
        Assert.DoesNotContain("<!--", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        // And the labels are intact once the script's string literals are read back.
        var strings = StringLiteral().Matches(body).Select(match => JavaScriptString(match.Value)).ToList();
        Assert.Contains(strings, text => Shows(text, "title " + label));
        Assert.Contains(strings, text => Shows(text, label));
        Assert.Contains(strings, text => Shows(text, "y " + Hostile));
    }

    /// <summary>Whether a chart text shows <paramref name="label"/>: as it is, or as plotly.js displays a text our
    /// charts escape (its few tags read as markup, entities decoded).</summary>
    private static bool Shows(string text, string label) =>
        text.Contains(label, StringComparison.Ordinal)
        || System.Net.WebUtility.HtmlDecode(Markup().Replace(text, "")).Contains(label, StringComparison.Ordinal);

    [GeneratedRegex("<(b|/b|br|span[^>]*|/span)>")]
    private static partial Regex Markup();

    /// <summary>A double-quoted JavaScript string literal's value: as JSON's, plus JavaScript's rule that a backslash
    /// before any other character stands for that character.</summary>
    private static string JavaScriptString(string literal)
    {
        var value = new System.Text.StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            if (literal[i] != '\\')
            {
                value.Append(literal[i]);
                continue;
            }
            var next = literal[++i];
            value.Append(next switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'b' => "\b",
                'f' => "\f",
                'u' => ((char)Convert.ToInt32(literal.Substring(i + 1, 4), 16)).ToString(),
                _ => next.ToString(),
            });
            if (next == 'u')
            {
                i += 4;
            }
        }
        return value.ToString();
    }

    [GeneratedRegex("</script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptEnd();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();
}
