using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Cli;

public sealed class SsApplicationTests
{
    private sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    private static Outcome Run(params string[] args) => Run(new SsEnvironment(), "", args);

    private static Outcome Run(SsEnvironment environment, string stdin, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = SsApplication.Run(args, new StringReader(stdin), stdout, stderr, environment, TextLayout.Compact);
        return new Outcome(exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-f", "help")]
    public void HelpGoesToStdoutWithStatusZero(params string[] args)
    {
        var outcome = Run(args);
        Assert.Equal(new Outcome(0, SsUsage.Text, ""), outcome);
        Assert.StartsWith("Usage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n   -h, --help          this message\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n   -Q, --no-queues     Suppress sending and receiving queue columns\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionGoesToStdout() => Assert.Equal(new Outcome(0, "ss utility, iproute2-6.10.0\n", ""), Run("-V"));

    [Fact]
    public void InvalidOptionPrintsGetoptMessageAndUsageOnStderr() =>
        Assert.Equal(new Outcome(255, "", "ss: invalid option -- 'y'\n" + SsUsage.Text), Run("-ty"));

    [Fact]
    public void WrongStateName() => Assert.Equal(new Outcome(255, "", "ss: wrong state name: nope\n"), Run("-t", "state", "nope"));

    [Fact]
    public void NoticesExitSuccessfully() =>
        Assert.Equal(new Outcome(0, "", "ss: no socket tables to show with such filter.\n"), Run("-A", "tcp,!tcp"));

    [Theory]
    [InlineData("ssn: -s (--summary) not supported yet\n", "-s")]
    [InlineData("ssn: -s (--summary) not supported yet\n", "-s", "-t")]
    [InlineData("ssn: -E (--events) not supported yet\n", "-E")]
    [InlineData("ssn: -K (--kill) not supported yet\n", "-K", "-t")]
    [InlineData("ssn: -b (--bpf) not supported yet\n", "-tb")]
    [InlineData("ssn: unix sockets are not supported yet\n", "-x")]
    [InlineData("ssn: packet sockets are not supported yet\n", "-0")]
    [InlineData("ssn: netlink sockets are not supported yet\n", "-A", "netlink")]
    [InlineData("ssn: vsock sockets are not supported yet\n", "--vsock")]
    [InlineData("ssn: tipc sockets are not supported yet\n", "--tipc")]
    [InlineData("ssn: xdp sockets are not supported yet\n", "--xdp")]
    public void UnsupportedModesSaySoWithAFailureStatus(string message, params string[] args)
    {
        // Tables the collector learns to list drop out of this test's cases as they land.
        var query = SsCommandLine.Parse(args, new SsEnvironment()).Query;
        if (!query.Tables.Intersect(SsApplication.ImplementedTables).IsEmpty && !message.Contains("--", StringComparison.Ordinal))
        {
            return;
        }
        Assert.Equal(new Outcome(1, "", message), Run(args));
    }

    [Fact]
    public void BadFilterFileFailsBeforeAnything() =>
        Assert.Equal(new Outcome(255, "", "fopen filter file: No such file or directory\n"), Run("-t", "-F", "/nonexistent"));
}
