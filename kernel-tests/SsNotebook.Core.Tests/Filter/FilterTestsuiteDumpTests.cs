using System.Diagnostics;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Filter;

/// <summary>The filter language over our IPv4 TCPDIAG_FILE dump (kernel-tests/conformance/filter/tcp4.dump), where only
/// the user-space evaluation runs: compared with the installed ss over the same file.</summary>
public class FilterTestsuiteDumpTests
{
    private static readonly string Dump = ReplayDumps.Path("tcp4.dump");

    [Theory]
    [InlineData("dport = :80", "192.0.2.10:50080 192.0.2.1:80|192.0.2.11:50081 192.0.2.1:80|192.0.2.12:50100 192.0.2.1:80")]
    [InlineData("dport 80", "192.0.2.10:50080 192.0.2.1:80|192.0.2.11:50081 192.0.2.1:80|192.0.2.12:50100 192.0.2.1:80")]
    [InlineData("sport = :2222 or dport = :2222", "192.0.2.1:2222 0.0.0.0:0|192.0.2.1:2222 192.0.2.1:33000|192.0.2.1:2222 192.0.2.200:1023|192.0.2.1:33000 192.0.2.1:2222|192.0.2.200:1023 192.0.2.1:2222")]
    [InlineData("src 192.0.2.1 and ( sport = :2222 or sport = :443 )", "192.0.2.1:2222 0.0.0.0:0|192.0.2.1:2222 192.0.2.1:33000|192.0.2.1:2222 192.0.2.200:1023|192.0.2.1:443 0.0.0.0:0|192.0.2.1:443 192.0.2.10:50443")]
    [InlineData("dst 192.0.2.0/24 and not dport = :2222", "192.0.2.10:50080 192.0.2.1:80|192.0.2.10:50443 192.0.2.1:443|192.0.2.11:50081 192.0.2.1:80|192.0.2.12:50100 192.0.2.1:80|192.0.2.1:2222 192.0.2.1:33000|192.0.2.1:2222 192.0.2.200:1023|192.0.2.1:443 192.0.2.10:50443|192.0.2.1:80 192.0.2.10:50080|192.0.2.1:80 192.0.2.11:50081")]
    [InlineData("sport < :1024", "0.0.0.0:22 0.0.0.0:0|192.0.2.1:443 0.0.0.0:0|192.0.2.1:443 192.0.2.10:50443|192.0.2.1:80 0.0.0.0:0|192.0.2.1:80 192.0.2.10:50080|192.0.2.1:80 192.0.2.11:50081|192.0.2.200:1023 192.0.2.1:2222")]
    [InlineData("dport >= :50081", "192.0.2.1:443 192.0.2.10:50443|192.0.2.1:80 192.0.2.11:50081")]
    [InlineData("src inet:192.0.2.1:443", "192.0.2.1:443 0.0.0.0:0|192.0.2.1:443 192.0.2.10:50443")]
    [InlineData("dst *:*", "0.0.0.0:22 0.0.0.0:0|192.0.2.10:50080 192.0.2.1:80|192.0.2.10:50443 192.0.2.1:443|192.0.2.11:50081 192.0.2.1:80|192.0.2.12:50100 192.0.2.1:80|192.0.2.1:2222 0.0.0.0:0|192.0.2.1:2222 192.0.2.1:33000|192.0.2.1:2222 192.0.2.200:1023|192.0.2.1:33000 192.0.2.1:2222|192.0.2.1:443 0.0.0.0:0|192.0.2.1:443 192.0.2.10:50443|192.0.2.1:80 0.0.0.0:0|192.0.2.1:80 192.0.2.10:50080|192.0.2.1:80 192.0.2.11:50081|192.0.2.200:1023 192.0.2.1:2222")]
    [InlineData("not dst 192.0.2.10", "0.0.0.0:22 0.0.0.0:0|192.0.2.10:50080 192.0.2.1:80|192.0.2.10:50443 192.0.2.1:443|192.0.2.11:50081 192.0.2.1:80|192.0.2.12:50100 192.0.2.1:80|192.0.2.1:2222 0.0.0.0:0|192.0.2.1:2222 192.0.2.1:33000|192.0.2.1:2222 192.0.2.200:1023|192.0.2.1:33000 192.0.2.1:2222|192.0.2.1:443 0.0.0.0:0|192.0.2.1:80 0.0.0.0:0|192.0.2.1:80 192.0.2.11:50081|192.0.2.200:1023 192.0.2.1:2222")]
    // and/or are equal and left-associative: (A or B) and C.
    [InlineData("src 192.0.2.11 or src 192.0.2.10 and dport = :80", "192.0.2.10:50080 192.0.2.1:80|192.0.2.11:50081 192.0.2.1:80")]
    [InlineData("( src 192.0.2.1 or src 0.0.0.0 ) and dst 0.0.0.0", "0.0.0.0:22 0.0.0.0:0|192.0.2.1:2222 0.0.0.0:0|192.0.2.1:443 0.0.0.0:0|192.0.2.1:80 0.0.0.0:0")]
    [InlineData("src 192.0.2.128/25", "192.0.2.200:1023 192.0.2.1:2222")]
    public void SelectsTheSocketsSsSelects(string filter, string expected)
    {
        var ours = Collect(filter);
        Assert.Equal(expected.Split('|').Order(StringComparer.Ordinal), ours);
        Assert.Equal(RunSs(filter), ours);
    }

    private static List<string> Collect(string filter)
    {
        var environment = new SsEnvironment { TcpDiagFile = Dump };
        var query = SsCommandLine.Parse(["-Htna", filter], environment).Query;
        var sockets = new SocketCollector(environment).Collect(query).Sockets;
        return [.. sockets.Select(s => $"{s.LocalAddress}:{s.LocalPort} {s.PeerAddress}:{s.PeerPort}").Order(StringComparer.Ordinal)];
    }

    private static List<string> RunSs(string filter)
    {
        var start = new ProcessStartInfo("ss") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TCPDIAG_FILE"] = Dump;
        start.ArgumentList.Add("-Htna");
        start.ArgumentList.Add(filter);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => $"{fields[^2].Replace(":*", ":0", StringComparison.Ordinal)} {fields[^1].Replace(":*", ":0", StringComparison.Ordinal)}")
            .Order(StringComparer.Ordinal)];
    }
}
