using System.Buffers.Binary;
using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.CommandLine;

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

    [Fact]
    public void EveryTableOfSs610IsListed() =>
        // Nothing left to answer "not supported yet": every table ss 6.10 knows has a source (sock_diag or /proc).
        Assert.Equal(Enum.GetValues<SocketTable>(), Enum.GetValues<SocketTable>().Where(SsNotebook.Diag.SocketCollector.SupportedTables.Contains));

    [Fact]
    public void BadFilterFileFailsBeforeAnything() =>
        Assert.Equal(new Outcome(255, "", "fopen filter file: No such file or directory\n"), Run("-t", "-F", "/nonexistent"));

    [Fact]
    public void DumpOfAnEmptyNamespaceIsTwoDoneMessagesOnStdout()
    {
        using var ns = new TestNamespace("ssn-cli");
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = SsApplication.Run(["-N", ns.Name, "-ta", "-D", "-"], TextReader.Null, stdout, stderr, new SsEnvironment(), TextLayout.Compact);
        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, exit);
        var bytes = stdout.ToArray();
        // AF_INET's NLMSG_DONE then AF_INET6's, each a 16-byte header plus a 4-byte status.
        Assert.Equal(40, bytes.Length);
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(24)));
    }

    [Fact]
    public void DumpIntoAMissingDirectoryFails() =>
        Assert.Equal(new Outcome(255, "", "fopen dump file: No such file or directory\n"), Run("-t", "-D", "/nonexistent/dir/dump"));

    [Fact]
    public void MissingNamespace() =>
        Assert.Equal(new Outcome(1, "", "Cannot open network namespace \"ssn-no-such-ns\": No such file or directory\n"), Run("-N", "ssn-no-such-ns", "-t"));

    private const string Sockstat =
        "sockets: used 35\nTCP: inuse 4 orphan 1 tw 2 alloc 9 mem 10\nUDP: inuse 3 mem 0\nUDPLITE: inuse 0\nRAW: inuse 1\nFRAG: inuse 5 memory 7\n";

    private const string Sockstat6 = "TCP6: inuse 6\nUDP6: inuse 2\nUDPLITE6: inuse 0\nRAW6: inuse 8\nFRAG6: inuse 1 memory 0\n";

    private const string Snmp = "Ip: Forwarding DefaultTTL\nIp: 1 64\nTcp: RtoAlgorithm RtoMin CurrEstab InSegs\nTcp: 1 200 17 99\n";

    private const string SummaryText =
        "Total: 35\n" +
        "TCP:   11 (estab 17, closed 1, orphaned 1, timewait 2)\n" +
        "\n" +
        "Transport Total     IP        IPv6\n" +
        "RAW\t  9         1         8        \n" +
        "UDP\t  5         3         2        \n" +
        "TCP\t  10        4         6        \n" +
        "INET\t  24        8         16       \n" +
        "FRAG\t  6         5         1        \n" +
        "\n";

    private static SsEnvironment SummaryEnvironment(DirectoryInfo directory, bool withSnmp = true)
    {
        File.WriteAllText(Path.Combine(directory.FullName, "sockstat"), Sockstat);
        File.WriteAllText(Path.Combine(directory.FullName, "sockstat6"), Sockstat6);
        File.WriteAllText(Path.Combine(directory.FullName, "snmp"), Snmp);
        var overrides = new Dictionary<string, string>
        {
            ["SOCKSTAT"] = Path.Combine(directory.FullName, "sockstat"),
            ["SOCKSTAT6"] = Path.Combine(directory.FullName, "sockstat6"),
            ["SNMP"] = Path.Combine(directory.FullName, withSnmp ? "snmp" : "absent"),
        };
        return new SsEnvironment { ProcNetOverrides = overrides };
    }

    [Fact]
    public void SummaryAlone()
    {
        var directory = Directory.CreateTempSubdirectory("ssn-summary-");
        try
        {
            Assert.Equal(new Outcome(0, SummaryText, ""), Run(SummaryEnvironment(directory), "", "-s"));
            Assert.Equal(new Outcome(0, SummaryText.Replace("estab 17", "estab 0", StringComparison.Ordinal),
                "ss: get_snmpstat: No such file or directory\n"), Run(SummaryEnvironment(directory, withSnmp: false), "", "--summary"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void SummaryComesBeforeStateErrorsAndNotices()
    {
        var directory = Directory.CreateTempSubdirectory("ssn-summary-");
        try
        {
            var environment = SummaryEnvironment(directory);
            Assert.Equal(new Outcome(255, SummaryText, "ss: wrong state name: bogus\n"), Run(environment, "", "-s", "state", "bogus"));
            Assert.Equal(new Outcome(0, SummaryText, "ss: no socket tables to show with such filter.\n"), Run(environment, "", "-s", "-A", "tcp,!tcp"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
