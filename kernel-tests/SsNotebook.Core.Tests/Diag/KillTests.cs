using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>
/// ss -K in a namespace of the test's own (never elsewhere): exactly the selected sockets are closed, every other
/// one survives, and the text is ss's. With an oracle ss, the same command on an identical population prints the
/// same bytes and closes the same sockets.
/// </summary>
public sealed class KillTests
{
    private const int Aborted = KillPopulation.Aborted;
    private const int Reset = KillPopulation.Reset;

    public static TheoryData<string[], string, string[]> Cases => new()
    {
        {
            ["-tn", "sport = :40001"],
            "State Recv-Q Send-Q Local Address:Port  Peer Address:Port\n" +
            "ESTAB 0      0          127.0.0.1:40001    127.0.0.1:5001\n",
            ["client4a=103", "server4a=104"]
        },
        {
            // Listening TCP and unconnected UDP: the accepted connections outlive their listener.
            ["-tuln"],
            "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            "udp   UNCONN 0      0          127.0.0.1:6003      0.0.0.0:*   \n" +
            "udp   UNCONN 0      0              [::1]:6004         [::]:*   \n" +
            "tcp   LISTEN 0      128        127.0.0.1:5001      0.0.0.0:*   \n" +
            "tcp   LISTEN 0      128            [::1]:5002         [::]:*   \n",
            ["listen4=103", "listen6=103", "udp4=103", "udp6=103"]
        },
        {
            // ss -u selects connected UDP sockets only.
            ["-un"],
            "Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            "0      0          127.0.0.1:6001    127.0.0.1:6002\n",
            ["udp4conn=103"]
        },
        {
            ["-tn", "state", "established", "( sport = :5002 or dport = :40002 )"],
            "Recv-Q Send-Q Local Address:Port Peer Address:Port \n" +
            "0      0          127.0.0.1:5001    127.0.0.1:40002\n" +
            "0      0              [::1]:5002        [::1]:40003\n",
            ["client4b=104", "client6=104", "server4b=103", "server6=103"]
        },
        {
            // A filter that selects nothing closes nothing and prints the header alone.
            ["-tn", "dport = :1"],
            "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n",
            []
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClosesExactlyTheSelectedSocketsAndPrintsThemAsSs(string[] arguments, string expected, string[] closed)
    {
        using var population = new KillPopulation();
        var (status, output, error) = RunSsn(population.Namespace.Name, arguments);

        Assert.Equal((0, ""), (status, error));
        Assert.Equal(expected, output);
        Assert.Equal(Expected(population, closed), population.Errors());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheOracleClosesTheSameAndPrintsTheSameBytes(string[] arguments, string expected, string[] closed)
    {
        if (SsOracle.Find() is not { } oracle)
        {
            return;
        }
        using var population = new KillPopulation();
        var outcome = SsOracle.Run(oracle, ["-N", population.Namespace.Name, "-K", .. arguments]);

        Assert.Equal(new SsOracle.Outcome(0, expected, ""), outcome);
        Assert.Equal(Expected(population, closed), population.Errors());
    }

    /// <summary>
    /// Both ends of a connection selected: the first one the dump lists is closed, and its reset closes the other,
    /// which SOCK_DESTROY then no longer finds (ENOENT): ss skips it silently, so only one line is printed. Which
    /// end comes first is the kernel's hash order, so either line is right.
    /// </summary>
    [Fact]
    public void APairSelectedWholeIsClosedOnceAndItsPeerSkippedSilently()
    {
        using var population = new KillPopulation();
        var (status, output, error) = RunSsn(population.Namespace.Name, ["-tn", "sport = :40001 or dport = :40001"]);

        Assert.Equal((0, ""), (status, error));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var clientFirst = lines[1].Contains("127.0.0.1:40001    127.0.0.1:5001", StringComparison.Ordinal);
        Assert.Equal(
            clientFirst
                ? "ESTAB 0      0          127.0.0.1:40001    127.0.0.1:5001"
                : "ESTAB 0      0          127.0.0.1:5001    127.0.0.1:40001",
            lines[1]);
        var expected = clientFirst ? new[] { "client4a=103", "server4a=104" } : ["client4a=104", "server4a=103"];
        Assert.Equal(Expected(population, expected), population.Errors());
    }

    /// <summary>ss -K kills inet sockets only: a query that also lists another table prints it whole.</summary>
    [Fact]
    public void OtherTablesAreListedNotClosed()
    {
        using var population = new KillPopulation();
        var (status, output, _) = RunSsn(population.Namespace.Name, ["-na", "-A", "netlink,udp"]);

        Assert.Equal(0, status);
        Assert.Contains("\nnl    UNCONN 0      0                  0:0 ", output, StringComparison.Ordinal);
        Assert.Contains("\nudp   ESTAB  0      0          127.0.0.1:6001 ", output, StringComparison.Ordinal);
        Assert.Equal(Expected(population, ["udp4conn=103", "udp4=103", "udp6=103"]), population.Errors());
    }

    /// <summary>
    /// Without CAP_NET_ADMIN the kernel refuses SOCK_DESTROY with EPERM: ss 6.10 says so once, lists nothing and ends
    /// with status 0 (it neither retries nor lists /proc/net), and every socket lives on. The ssn executable and,
    /// when there is one, the oracle run as nobody inside the test's namespace.
    /// </summary>
    [Fact]
    public void WithoutCapNetAdminTheRefusalIsSaidOnceAndNothingIsClosed()
    {
        var tools = new List<string>();
        var ssn = Path.Combine(SsOracle.RepositoryRoot(), "artifacts", "ssn", "ssn");
        Assert.True(File.Exists(ssn), "the test command publishes artifacts/ssn/ssn before the tests");
        tools.Add(ssn);
        if (SsOracle.Find() is { } oracle)
        {
            tools.Add(oracle);
        }
        foreach (var tool in tools)
        {
            using var population = new KillPopulation();
            var outcome = SsOracle.Run("ip", ["netns", "exec", population.Namespace.Name,
                "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", tool, "-K", "-tan"]);

            Assert.Equal(new SsOracle.Outcome(0, "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n",
                "SOCK_DESTROY answers: Operation not permitted\n"), outcome);
            Assert.Equal(Expected(population, []), population.Errors());
        }
    }

    internal static (int Status, string Output, string Error) RunSsn(string networkNamespace, IReadOnlyList<string> arguments)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var status = SsApplication.Run(["-N", networkNamespace, "-K", .. arguments], TextReader.Null, output, error, SsEnvironment.FromProcess(),
            TextLayout.Compact);
        return (status, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private static SortedDictionary<string, int> Expected(KillPopulation population, string[] closed)
    {
        var errors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in population.Names)
        {
            errors[name] = 0;
        }
        foreach (var entry in closed)
        {
            var parts = entry.Split('=');
            errors[parts[0]] = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return errors;
    }
}
