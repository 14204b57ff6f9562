using SsNotebook.Frames.Tests;
using SsNotebook.Interactive;
using SsNotebook.Query;

namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class EscapingTests
{
    [Fact]
    public void TextAndArgumentsAreEscapedInTheResultHtml()
    {
        var result = new SsResult(["-x", "src", "<img src=x onerror=alert(1)>"], new SsQuery(), [SampleSockets.Listener()], null,
            "u_str ESTAB /tmp/<script>alert('x')</script> & more\n", DateTimeOffset.UnixEpoch);

        var html = FrameHtml.Result(result, "ss");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("/tmp/&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameValuesAndColumnNamesAreEscaped()
    {
        var frame = new Microsoft.Data.Analysis.DataFrame(
            new Microsoft.Data.Analysis.StringDataFrameColumn("<b>Process</b>", ["\"evil\"<svg onload=alert(1)>", null]));

        var html = FrameHtml.Table(frame);

        Assert.Equal(
            FrameHtml.Style + "<div class=\"ss-frame\"><table class=\"ss-table\"><thead><tr><th>&lt;b&gt;Process&lt;/b&gt;</th></tr></thead><tbody>" +
            "<tr><td>&quot;evil&quot;&lt;svg onload=alert(1)&gt;</td></tr><tr><td></td></tr></tbody></table></div>",
            html);
    }

    [Fact]
    public void LongFramesAreCutWithANote()
    {
        var frame = new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.Int32DataFrameColumn("n", Enumerable.Range(0, 10)));

        var html = FrameHtml.Table(frame, maxRows: 3);

        Assert.EndsWith("</table></div><p>3 of 10 rows shown</p>", html, StringComparison.Ordinal);
    }
}
