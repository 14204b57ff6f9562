using SsNotebook.Filter;
using SsNotebook.Query;

namespace SsNotebook.Core.Tests.Filter;

/// <summary>-F FILE and -F -: read after the argv words, '#' and (ss's quirk) '0' lines skipped.</summary>
public sealed class FilterFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ssn-filter-{Guid.NewGuid():N}.txt");

    public void Dispose() => File.Delete(_path);

    private SocketFilter? ParseFile(string content, params string[] words)
    {
        File.WriteAllText(_path, content);
        return FilterParser.Parse(words, FilterTestContext.Create(filterFile: _path));
    }

    [Fact]
    public void FileLinesFollowTheArgvWords()
    {
        var filter = ParseFile("# a comment\nsport = 22\n\n  or\tdport = 80\n", "dev", "lo");
        Assert.Equal("( ( dev 1 and src *:22 ) or dst *:80 )", filter!.ToString());
    }

    [Fact]
    public void LinesStartingWithZeroAreSkippedLikeComments()
    {
        Assert.Equal("src *:22", ParseFile("sport = 22\n0 or dport = 80\n")!.ToString());
        // Only the first character counts: a '0' later on is ordinary.
        Assert.Equal("( src *:22 or dst *:80 )", ParseFile("sport = 22\n or dport = 80\n")!.ToString());
        Assert.Equal("src 0.0.0.0/32:*", ParseFile("src\n 0.0.0.0\n")!.ToString());
        Assert.Equal(255, Assert.Throws<SsException>(() => ParseFile("src\n0.0.0.0\n")).ExitCode);
    }

    [Fact]
    public void ExpressionMaySpanLinesAndEndWithoutNewline()
    {
        Assert.Equal("not ( src *:1 or src *:2 )", ParseFile("not (\nsport = 1\nor sport = 2\n)")!.ToString());
    }

    [Fact]
    public void CarriageReturnStaysPartOfTheWord()
    {
        // fgets keeps '\r', so a CRLF file's last word carries it, as in ss.
        var error = Assert.Throws<SsException>(() => ParseFile("dport = 22\r\n"));
        Assert.Equal("Error: \"22\r\" does not look like a port.\nCannot parse dst/src address.", error.Message);
    }

    [Fact]
    public void DashMeansStandardInput()
    {
        var context = FilterTestContext.Create(filterFile: "-", standardInput: new StringReader("# from stdin\nsport = 22\n"));
        Assert.Equal("src *:22", FilterParser.Parse([], context)!.ToString());
        context = FilterTestContext.Create(filterFile: "-anything", standardInput: new StringReader("dport = 1"));
        Assert.Equal("dst *:1", FilterParser.Parse([], context)!.ToString());
    }

    [Fact]
    public void EmptyFileIsNoFilter()
    {
        Assert.Null(ParseFile("# nothing\n\n"));
    }

    [Fact]
    public void MissingFileFailsLikeFopen()
    {
        var context = FilterTestContext.Create(filterFile: "/nonexistent/filter");
        var error = Assert.Throws<SsException>(() => FilterParser.Parse([], context));
        Assert.Equal("fopen filter file: No such file or directory", error.Message);
        Assert.Equal(255, error.ExitCode);
    }

    [Fact]
    public void OverlongLineIsRefused()
    {
        var error = Assert.Throws<SsException>(() => ParseFile("sport = 22 " + new string(' ', 1011) + "\n"));
        Assert.Equal("Too long line in filter", error.Message);
        Assert.Equal(255, error.ExitCode);
        // 1021 characters and the newline still fit fgets' 1024-byte buffer.
        Assert.Equal("src *:22", ParseFile("sport = 22 " + new string(' ', 1010) + "\n")!.ToString());
    }
}
