using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using SsNotebook.Frames.Tests;
using SsNotebook.Interactive;
using SsNotebook.Sockets;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>Formatter registrations are process-wide: the tests that displace ours run one at a time.</summary>
[Collection(nameof(FrameDisplayTests))]
public sealed class FrameDisplayTests
{
    [Fact]
    public void AFrameIsAScrollingTableWithAStickyHeaderUnitsIsoTimesAndHexCookies()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<DateTime>("Timestamp", [new DateTime(2026, 12, 3, 23, 50, 47, 250, DateTimeKind.Utc)]),
            new UInt64DataFrameColumn("Cookie", [0x31dccUL]),
            new UInt32DataFrameColumn("rtt", [5554u]),
            new StringDataFrameColumn("State", ["ESTAB"]));

        var html = FrameHtml.Table(frame);

        Assert.Equal(
            FrameHtml.Style + "<div class=\"ss-frame\"><table class=\"ss-table\"><thead><tr><th>Timestamp (UTC)</th><th>Cookie</th>" +
            "<th class=\"n\">rtt (&#181;s)</th><th>State</th></tr></thead><tbody><tr><td>2026-12-03T23:50:47.250Z</td><td>sk:31dcc</td>" +
            "<td class=\"n\">5554</td><td>ESTAB</td></tr></tbody></table></div>",
            html);
        Assert.Contains(".ss-frame{overflow:auto!important;max-height:30em;width:0;min-width:100%", FrameHtml.Style, StringComparison.Ordinal);
        Assert.Contains(".ss-frame thead th{position:sticky!important;top:0;", FrameHtml.Style, StringComparison.Ordinal);
        Assert.Contains(".ss-frame .n{text-align:right!important", FrameHtml.Style, StringComparison.Ordinal);
        Assert.Contains("white-space:nowrap!important", FrameHtml.Style, StringComparison.Ordinal);
        Assert.Contains("table-layout:auto!important", FrameHtml.Style, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>index</i>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrameAsPlainTextIsAlignedWithUnitsAndNoIndex()
    {
        var frame = new DataFrame(new StringDataFrameColumn("State", ["ESTAB", "LISTEN"]), new UInt32DataFrameColumn("rtt", [5554u, null]));

        Assert.Equal("State   rtt (µs)\nESTAB       5554\nLISTEN          \n", SsNotebook.Frames.FrameText.Of(frame));
    }

    [Fact]
    public async Task OurFrameFormatterIsBackInFrontAfterAnotherExtensionRegistersOne()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -tan"));
        // What Microsoft.Data.Analysis' interactive extension does when the tool loads it after us.
        Formatter.Register<DataFrame>((_, writer) => writer.Write("<table><th><i>index</i></th>"), "text/html");
        Assert.False(FrameFormatters.AreFirst());

        var result = await notebook.SubmitAsync("display(ss.TcpInfo); ss.Sockets", "csharp");

        TestNotebook.AssertSucceeded(result);
        Assert.True(FrameFormatters.AreFirst());
        var displayed = Assert.Single(result.Events.OfType<DisplayedValueProduced>()).FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("<th class=\"n\">rtt (&#181;s)</th>", displayed, StringComparison.Ordinal);
        var returned = Assert.Single(result.Events.OfType<ReturnValueProduced>()).FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.StartsWith(FrameHtml.Style + "<div class=\"ss-frame\">", returned, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>index</i>", returned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsDisplayAsFieldsEvenWithoutTcpInfo()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -tan"));

        var first = await notebook.SubmitAsync("ss.Records.First()", "csharp");
        var all = await notebook.SubmitAsync("ss.Records", "csharp");

        TestNotebook.AssertSucceeded(first);
        var html = Assert.Single(first.Events.OfType<ReturnValueProduced>()).FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("<tr><th>State</th><td>LISTEN</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>LocalPort</th><td class=\"n\">8080</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Cookie</th><td>sk:1234</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rtt", html, StringComparison.Ordinal);
        var table = Assert.Single(all.Events.OfType<ReturnValueProduced>()).FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("<th class=\"n\">rtt (&#181;s)</th>", table, StringComparison.Ordinal);
        Assert.Contains("<td>ESTAB</td>", table, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordWithTcpInfoReadsLikeItsTableRow()
    {
        var text = RecordHtml.RecordText(SampleSockets.Connection());

        Assert.StartsWith("Netid: tcp\nState: ESTAB\nLocalAddress: ::1\nLocalPort: 22\nPeerAddress: ::1\nPeerPort: 50000\nrtt (µs): 1234\nrttvar (µs): 567\n", text, StringComparison.Ordinal);
        Assert.Contains("Cookie: sk:deadbeefcafe\n", text, StringComparison.Ordinal);
        Assert.Contains("bytes_acked (bytes): 5000000000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCsharpKernelImportsMicrosoftDataAnalysis()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -tan"));

        var columns = await notebook.EvaluateAsync(
            "new DataFrame(ss.Table[\"PeerPort\"], ss.Table[\"State\"]).Where(\"State\", \"ESTABLISHED\").Take(5).Columns.Count");

        Assert.Equal(2, columns);
    }

    [Fact]
    public async Task OffLinuxACellFailsWithOneLine()
    {
        using var root = new CompositeKernel { new CSharpKernel().UseValueSharing() };
        root.DefaultKernelName = "csharp";
        SsKernelExtension.Load(root, _ => throw new LiveCollectionNotSupportedException());

        var result = await root.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode("#!ss -tan"));

        Assert.Equal("ss: live collection needs Linux; --replay (SampleSet.Replay) works everywhere", TestNotebook.AssertFailed(result).Message);
    }
}
