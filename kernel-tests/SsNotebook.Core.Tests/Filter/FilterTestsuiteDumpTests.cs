using System.Diagnostics;
using SsNotebook.CommandLine;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Filter;

/// <summary>iproute2's ssfilter.t cases (and more) over its ss1.dump replayed through TCPDIAG_FILE, where only the
/// user-space evaluation runs: compared with the installed ss over the same file.</summary>
public class FilterTestsuiteDumpTests
{
    private const string Dump = "/work/shared/conformance/iproute2-testsuite/ss1.dump";

    [Theory]
    [InlineData("dport = 22", "10.0.0.1:36266 10.0.0.1:22")]
    [InlineData("dport 22", "10.0.0.1:36266 10.0.0.1:22")]
    [InlineData("( dport = 22 )", "10.0.0.1:36266 10.0.0.1:22")]
    [InlineData("src = 0.0.0.0", "0.0.0.0:22 0.0.0.0:0")]
    [InlineData("src 0.0.0.0", "0.0.0.0:22 0.0.0.0:0")]
    [InlineData("src 0.0.0.0 sport = 22", "0.0.0.0:22 0.0.0.0:0")]
    [InlineData("src 0.0.0.0 and sport = 22", "0.0.0.0:22 0.0.0.0:0")]
    [InlineData("src 10.0.0.1 and sport = 22 and dport = 50312", "10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("src 10.0.0.1 and sport = 22 and ( dport = 50312 )", "10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("src 10.0.0.1 and ( sport = 22 and dport = 50312 )", "10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("( src 10.0.0.1 and sport = 22 ) and dport = 50312", "10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("( src 0.0.0.0 or src 10.0.0.1 ) and dst 10.0.0.2", "10.0.0.1:22 10.0.0.2:50312")]
    // and/or are equal and left-associative: (A or B) and C.
    [InlineData("src 10.0.0.1 or src 0.0.0.0 and dport = 50312", "10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("sport = 22 or dport = 22", "0.0.0.0:22 0.0.0.0:0|10.0.0.1:22 10.0.0.1:36266|10.0.0.1:36266 10.0.0.1:22|10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("dst 10.0.0.0/24 and not dport = 22", "10.0.0.1:22 10.0.0.1:36266|10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("sport > 1024", "10.0.0.1:36266 10.0.0.1:22")]
    [InlineData("dport >= 36266 dport <= 50000", "10.0.0.1:22 10.0.0.1:36266")]
    [InlineData("src inet:10.0.0.1:ssh", "10.0.0.1:22 10.0.0.1:36266|10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("dst *:*", "0.0.0.0:22 0.0.0.0:0|10.0.0.1:22 10.0.0.1:36266|10.0.0.1:36266 10.0.0.1:22|10.0.0.1:22 10.0.0.2:50312")]
    [InlineData("not dst 10.0.0.2", "0.0.0.0:22 0.0.0.0:0|10.0.0.1:22 10.0.0.1:36266|10.0.0.1:36266 10.0.0.1:22")]
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
