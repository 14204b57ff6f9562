using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Text;

/// <summary>
/// Dumps from Fixtures/make_fixtures.py, with what ss printed for them (TCPDIAG_FILE replay, with -p so that
/// the Process column is on in both 6.1 and 6.10).
/// </summary>
public class FixtureReplayTests
{
    [Theory]
    [InlineData("basic", "-tanp")]
    [InlineData("basic", "-tap")]
    [InlineData("basic", "-tnp")]
    [InlineData("basic", "-tanoe")]
    [InlineData("basic", "-tanm")]
    [InlineData("basic", "-tanem", "--tos", "--cgroup", "--inet-sockopt")]
    [InlineData("basic", "-tanHO", "-eo", "--inet-sockopt", "-m")]
    [InlineData("info", "-tani")]
    [InlineData("lastlong", "-tno")]
    [InlineData("lastlong", "-tnoH")]
    [InlineData("info", "-tai")]
    [InlineData("info", "-tanio")]
    [InlineData("info", "-taniOm")]
    public void MatchesSs(string dump, params string[] flags)
    {
        var directory = TextTestSupport.FixtureDirectory();
        var sockets = TextTestSupport.ReadDump(Path.Combine(directory, dump + ".dump"));
        var expected = File.ReadAllText(Path.Combine(directory, dump + string.Concat(flags).Replace('-', '_') + ".txt"));

        var actual = TextTestSupport.Render(TextTestSupport.TcpQuery(flags), sockets);

        Assert.Equal(expected, actual);
    }
}

/// <summary>ss's terminal layout (Fixtures/make_tty_fixtures.py ran ss on a pseudo-terminal of each width).</summary>
public class TerminalLayoutTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(86)]
    [InlineData(120)]
    [InlineData(200)]
    public void SharesTheScreenWidthLikeSs(int width)
    {
        var directory = TextTestSupport.FixtureDirectory();
        var sockets = TextTestSupport.ReadDump(Path.Combine(directory, "basic.dump"));
        var expected = File.ReadAllText(Path.Combine(directory, $"tty_basic_tanp_{width}.txt"));

        var actual = TextTestSupport.Render(TextTestSupport.TcpQuery("-tanp"), sockets, new SsNotebook.Text.TextLayout(width));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(100)]
    public void WrapsExtendedFieldsLikeSs(int width)
    {
        var directory = TextTestSupport.FixtureDirectory();
        var sockets = TextTestSupport.ReadDump(Path.Combine(directory, "lastlong.dump"));
        var expected = File.ReadAllText(Path.Combine(directory, $"tty_lastlong_tnoH_{width}.txt"));

        var actual = TextTestSupport.Render(TextTestSupport.TcpQuery("-tnoH"), sockets, new SsNotebook.Text.TextLayout(width));

        Assert.Equal(expected, actual);
    }
}
