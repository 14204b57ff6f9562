using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.CommandLine;

/// <summary>
/// The tipc options live, in a namespace of our own that holds no TIPC socket: whether the kernel lacks TIPC (its
/// sock_diag answers ENOENT, which ss passes over in silence) or has it, ss 6.10 prints the header alone and
/// succeeds. Checked against that exact text, and against ss 6.10 itself when it is at hand.
/// </summary>
public sealed class TipcLiveTests : IDisposable
{
    private const string Header = "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n";

    private static readonly Dictionary<string, (int ExitCode, string Stdout, string Stderr)> Expected = new()
    {
        ["--tipc"] = (0, Header, ""),
        ["-a --tipc"] = (0, Header, ""),
        ["-A tipc"] = (0, Header, ""),
        ["-f tipc --tipcinfo"] = (0, Header, ""),
        ["--tipc -l"] = (0, Header, ""),
        ["--tipc -O -n"] = (0, Header, ""),
        ["--tipc state syn-sent"] = (0, "Recv-Q Send-Q Local Address:Port Peer Address:Port\n", ""),
        ["-f tipc -e -p --tipcinfo"] = (0, "State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n", ""),
        ["-A tipc,unix -a"] = (0, "Netid " + Header, ""),
        ["-A tipc,xdp"] = (0, "Netid " + Header, ""),
        ["--tipc -H"] = (0, "", ""),
        ["--tipc dst 10.0.0.1"] = (0, Header, ""),
        ["--tipc dst 10.1"] = (0, Header, ""),
        ["--tipc dst localhost"] = (1, "", "Error: an inet prefix is expected rather than \"localhost\".\nCannot parse dst/src address.\n"),
        ["--tipc dst 10.0.0.1."] = (1, "", "Error: an inet prefix is expected rather than \"10.0.0.1.\".\nCannot parse dst/src address.\n"),
        ["--tipc dst 256.1"] = (1, "", "Error: an inet prefix is expected rather than \"256.1\".\nCannot parse dst/src address.\n"),
        ["--tipc dst 1.16777215"] = (0, Header, ""),
        ["--tipc dst 4294967295"] = (0, Header, ""),
        ["--tipc dst 4294967296"] = (1, "", "Error: an inet prefix is expected rather than \"4294967296\".\nCannot parse dst/src address.\n"),
        ["--tipc dst 1..2"] = (1, "", "Error: an inet prefix is expected rather than \"1..2\".\nCannot parse dst/src address.\n"),
        ["--tipc dst 010.0.0.1:5"] = (0, Header, ""),
        ["--tipc dst 1.2.3.256"] = (1, "", "Error: an inet prefix is expected rather than \"1.2.3.256\".\nCannot parse dst/src address.\n"),
        ["--tipc dst 08.1.1.1"] = (1, "", "Error: an inet prefix is expected rather than \"08.1.1.1\".\nCannot parse dst/src address.\n"),
    };

    private readonly TestNamespace _namespace = new("ssn-tipc-live");

    public void Dispose() => _namespace.Dispose();

    public static TheoryData<string> Invocations => [.. Expected.Keys];

    [Theory]
    [MemberData(nameof(Invocations))]
    public void OutputIsSs610s(string invocation) =>
        Assert.Equal(Expected[invocation], Ssn(invocation));

    [Theory]
    [MemberData(nameof(Invocations))]
    public void OutputIsWhatSs610Prints(string invocation)
    {
        if (SsOracle.Find() is not { } oracle)
        {
            return;
        }
        var ss = SsOracle.Run(oracle, ["-N", _namespace.Name, .. invocation.Split(' ')]);

        Assert.Equal((ss.ExitCode, ss.Stdout, ss.Stderr), Ssn(invocation));
    }

    private (int, string, string) Ssn(string invocation)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = SsApplication.Run(["-N", _namespace.Name, .. invocation.Split(' ')], new StringReader(""), stdout, stderr,
            new SsEnvironment(), TextLayout.Compact);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
