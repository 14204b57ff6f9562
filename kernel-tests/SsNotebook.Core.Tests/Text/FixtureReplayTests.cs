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
    [InlineData("info", "-tai")]
    [InlineData("info", "-tanio")]
    [InlineData("info", "-taniOm")]
    public void MatchesSs(string dump, params string[] flags)
    {
        var directory = TextTestSupport.FixtureDirectory();
        var sockets = DiagDumpReader.Read(File.ReadAllBytes(Path.Combine(directory, dump + ".dump")));
        var expected = File.ReadAllText(Path.Combine(directory, dump + string.Concat(flags).Replace('-', '_') + ".txt"));

        var actual = TextTestSupport.Render(TextTestSupport.TcpQuery(flags), sockets);

        Assert.Equal(expected, actual);
    }
}
