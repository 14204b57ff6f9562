using Microsoft.Data.Analysis;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>#!ss over the real collector, looking into a namespace of our own with -N.</summary>
public sealed class RealSocketTests : IDisposable
{
    private readonly NamespaceSockets _sockets = new();

    public void Dispose() => _sockets.Dispose();

    /// <summary>What the ssn command line prints for the same arguments: the notebook's text must be the same bytes.</summary>
    private static string CommandLineText(string[] arguments)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var status = SsNotebook.CommandLine.SsApplication.Run(arguments, TextReader.Null, output, error, SsNotebook.Query.SsEnvironment.FromProcess(), SsNotebook.Text.TextLayout.Compact);
        Assert.Equal(0, status);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void SsRunReturnsTheNamespaceSocketsAsFramesAndText()
    {
        var result = Ss.Run($"ss -N {_sockets.Name} -tanpiem");

        var frame = result.Sockets;
        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal(["LISTEN", "ESTAB", "ESTAB"], frame["State"].Cast<string>().OrderByDescending(s => s));
        Assert.All(frame["Netid"].Cast<string>(), netid => Assert.Equal("tcp", netid));
        Assert.All(frame["LocalAddress"].Cast<string>(), address => Assert.Equal("127.0.0.1", address));
        Assert.Contains(frame.Rows, row => (string)row["State"] == "LISTEN" && (int)row["LocalPort"] == NamespaceSockets.Port && (int)row["PeerPort"] == 0);
        Assert.Contains(frame.Rows, row => (int)row["LocalPort"] == _sockets.ClientPort && (int)row["PeerPort"] == NamespaceSockets.Port);
        Assert.Contains(frame.Rows, row => (int)row["LocalPort"] == NamespaceSockets.Port && (int)row["PeerPort"] == _sockets.ClientPort);
        Assert.IsType<StringDataFrameColumn>(frame["Process"]);
        Assert.All(frame["Process"].Cast<string>(), process => Assert.Equal(File.ReadAllText("/proc/self/comm").TrimEnd('\n'), process));
        Assert.Equal(Environment.ProcessId, frame["Pid"][0]);
        Assert.All(frame["Cookie"].Cast<ulong>(), cookie => Assert.NotEqual(0UL, cookie));
        Assert.StartsWith("State", result.Text, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{NamespaceSockets.Port}", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TcpInfoAndMemoryJoinSocketsOnCookieWithKernelValues()
    {
        var result = Ss.Run($"-N {_sockets.Name} -tnim state established");

        var tcpInfo = result.TcpInfo;
        Assert.Equal(2, tcpInfo.Rows.Count);
        Assert.Equal(result.Sockets["Cookie"].Cast<ulong>().Order(), tcpInfo["Cookie"].Cast<ulong>().Order());
        Assert.Equal(result.Sockets["Cookie"].Cast<ulong>().Order(), result.Memory["Cookie"].Cast<ulong>().Order());
        Assert.All(tcpInfo["state"].Cast<byte>(), state => Assert.Equal((byte)1, state));
        Assert.All(tcpInfo["rtt"].Cast<uint>(), rtt => Assert.True(rtt > 0));
        Assert.All(tcpInfo["snd_mss"].Cast<uint>(), mss => Assert.True(mss > 0));
        Assert.Contains(tcpInfo["bytes_acked"].Cast<ulong>(), acked => acked == NamespaceSockets.Bytes + 1);
        Assert.Contains(tcpInfo["bytes_received"].Cast<ulong>(), received => received == NamespaceSockets.Bytes);
        Assert.IsType<UInt64DataFrameColumn>(tcpInfo["delivery_rate"]);
        Assert.IsType<UInt16DataFrameColumn>(tcpInfo["total_rto"]);
        Assert.Contains("rcv_wnd", tcpInfo.Columns.Select(c => c.Name));
        Assert.All(tcpInfo["congestion"].Cast<string>(), name => Assert.False(string.IsNullOrEmpty(name)));
        Assert.All(result.Memory["rcvbuf"].Cast<uint>(), rcvbuf => Assert.True(rcvbuf > 0));

        var joined = result.Sockets.Merge<ulong>(tcpInfo, "Cookie", "Cookie", joinAlgorithm: JoinAlgorithm.Inner);
        Assert.Equal(2, joined.Rows.Count);
    }

    [Fact]
    public async Task ANotebookCellFiltersInTheNamespaceAndSharesFrames()
    {
        using var notebook = TestNotebook.WithRealSs();

        var result = await notebook.SubmitAsync($"#!ss --name listeners -N {_sockets.Name} -tln 'sport = :{NamespaceSockets.Port}'");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal(1L, await notebook.EvaluateAsync("listeners.Sockets.Rows.Count"));
        Assert.Equal((int)NamespaceSockets.Port, await notebook.EvaluateAsync("listeners.Sockets[\"LocalPort\"][0]"));
        var text = (string)(await notebook.EvaluateAsync("listeners.Text"))!;
        Assert.Equal(CommandLineText(["-N", _sockets.Name, "-tln", $"sport = :{NamespaceSockets.Port}"]), text);
        Assert.Contains($"127.0.0.1:{NamespaceSockets.Port}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFilterFailsWithSsMessage()
    {
        using var notebook = TestNotebook.WithRealSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync($"#!ss -N {_sockets.Name} -tn '( dport = :22'"));

        Assert.StartsWith("ss: bison bellows (while parsing filter):", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Message, StringComparison.Ordinal);
        Assert.Null(failed.Exception);
    }

    [Fact]
    public async Task ABadBodyOptionGetsSsMessageAsDiagnostic()
    {
        using var notebook = TestNotebook.WithRealSs();

        var result = await notebook.Root.SendAsync(new Microsoft.DotNet.Interactive.Commands.RequestDiagnostics("-tan\n--bogus\n", "ss"));

        var diagnostic = Assert.Single(Assert.Single(result.Events.OfType<Microsoft.DotNet.Interactive.Events.DiagnosticsProduced>()).Diagnostics);
        Assert.Equal("ss: unrecognized option '--bogus'", diagnostic.Message);
    }
}
