using SsNotebook.CommandLine;
using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Recording;

namespace SsNotebook.Sampling.Tests;

/// <summary>A recording is only data: replaying it opens, looks up and enters nothing its arguments name.</summary>
public sealed class ReplaySafetyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ssn-replay-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A recording from elsewhere (not made by this process) with these arguments and no samples.</summary>
    private static SsRecording From(NamingContext? naming, params string[] arguments) =>
        new(new RecordingHeader("elsewhere", "6.1", arguments, DateTimeOffset.UnixEpoch), [], naming);

    private static string Refusal(params string[] arguments) =>
        Assert.Throws<RecordingException>(() => From(null, arguments).Replay()).Message;

    [Theory]
    [InlineData("-t", "-F", "/etc/passwd")]
    [InlineData("-tF", "/etc/passwd")]
    [InlineData("-tF/etc/passwd")]
    [InlineData("--filter=/etc/passwd", "-t")]
    [InlineData("--fil", "/etc/passwd", "-t")]
    public void FilterFilesAreNeverOpened(params string[] arguments)
    {
        Assert.Equal(
            $"Cannot replay ss {string.Join(' ', arguments)}: its filter is in a file (-F /etc/passwd) and a replay opens no file a recording names; recordings made now keep the filter text instead",
            Refusal(arguments));
    }

    [Fact]
    public void HostNamesAreNeverLookedUp() =>
        Assert.Equal(
            "Cannot replay ss -t dst example.invalid: its filter names the host \"example.invalid\" and a replay looks up no host names",
            Refusal("-t", "dst", "example.invalid"));

    [Fact]
    public void CgroupPathsAreNeverOpened() =>
        Assert.Equal(
            "Cannot replay ss -t cgroup /sys/fs/cgroup: its filter names the cgroup /sys/fs/cgroup and a replay opens no path a recording names",
            Refusal("-t", "cgroup", "/sys/fs/cgroup"));

    [Fact]
    public void DumpFilesAreNeverWrittenNorAnythingButListingsReplayed()
    {
        var dump = Path.Combine(_directory, "dump");
        foreach (var arguments in new[] { ["-t", "-D", dump], ["-tK"], ["-E"], ["-s"], ["-h"], ["-V"], new[] { "-A", "tcp,!tcp" } })
        {
            Assert.Equal(
                $"Cannot replay ss {string.Join(' ', arguments)}: a recording holds socket listings, and these arguments ask for none",
                Refusal(arguments));
        }
        Assert.False(File.Exists(dump));
    }

    [Theory]
    [InlineData("-t", "-N", "no-such-namespace")]
    [InlineData("-tNno-such-namespace")]
    [InlineData("--net=no-such-namespace", "-t")]
    [InlineData("--ne", "no-such-namespace", "-t")]
    public void NamespacesAreNeverEntered(params string[] arguments)
    {
        var replayed = From(null, arguments).Replay();
        Assert.Null(replayed.Query.NetworkNamespace);
        Assert.Empty(replayed.Samples);
    }

    [Fact]
    public void InterfaceNamesComeFromTheRecordingOnly()
    {
        var naming = new NamingContext { Interfaces = "1 lo\n7 uplink\n" };
        Assert.Equal("dev 7", From(naming, "-t", "dev", "uplink").Replay().Query.Filter!.ToString());
        // Without recorded interfaces a name means nothing (this machine's "lo" is not asked for).
        Assert.Equal("Cannot replay ss -t dev lo: Cannot parse device.", Refusal("-t", "dev", "lo"));
        Assert.Equal("dev 3", From(null, "-t", "dev", "3").Replay().Query.Filter!.ToString());
    }

    [Fact]
    public void ResolvingAndSummariesAreDropped()
    {
        var query = From(null, "-trs", "sport", "=", ":22").Replay().Query;
        Assert.False(query.Show.Resolve);
        Assert.False(query.PrintSummary);
        Assert.Equal("src *:22", query.Filter!.ToString());
    }

    [Fact]
    public void TheReplayingProcessSocketSourcesAreIgnored()
    {
        var range = Path.Combine(_directory, "range");
        File.WriteAllText(range, "100 200\n");
        var hostile = new SsEnvironment
        {
            TcpDiagFile = "/etc/shadow",
            ProcRoot = "/nonexistent",
            ProcRootSet = true,
            ProcNetOverrides = new Dictionary<string, string> { ["TCP"] = "/etc/shadow" },
            IpLocalPortRangeFile = range,
        };
        var replayed = From(new NamingContext { PortRange = "40000 41000\n" }, "-t", "autobound").Replay(hostile);
        Assert.Null(replayed.Environment.TcpDiagFile);
        Assert.False(replayed.Environment.ProcRootSet);
        Assert.Empty(replayed.Environment.ProcNetOverrides);
        Assert.True(replayed.Environment.FromRecording);
        Assert.Equal((40000, 41000), Assert.IsType<AutoboundFilter>(replayed.Query.Filter).EphemeralRange);
    }

    [Fact]
    public void BadArgumentsAreRecordingErrorsWithoutTheUsageText()
    {
        Assert.Equal("Cannot replay ss -y: ss: invalid option -- 'y'", Refusal("-y"));
        Assert.Equal("Cannot replay ss -t sport = :nope: Error: \"nope\" does not look like a port.\nCannot parse dst/src address.",
            Refusal("-t", "sport", "=", ":nope"));
    }

    [Fact]
    public void AFilterTooDeepForSsIsARecordingErrorNotAStackOverflow()
    {
        var arguments = new List<string> { "-t" };
        arguments.AddRange(Enumerable.Repeat("not", 50_000));
        arguments.AddRange(["sport", "=", ":1"]);
        var message = Refusal([.. arguments]);
        Assert.Equal(
            "Cannot replay ss -t " + string.Join(' ', Enumerable.Repeat("not", 49)) + " n…: ss: bison bellows (while parsing filter): \"memory exhausted!\" Sorry.",
            message);
    }

    [Fact]
    public void RecordedArgumentsHoldTheFilterTextInsteadOfTheFile()
    {
        var file = Path.Combine(_directory, "filter");
        File.WriteAllText(file, "# web\nsport = :22\n0 skipped\nor dport = :80\n");
        var parsed = SsCommandLine.Parse(["-tn", "-F", file, "--tos", "state", "established"], new SsEnvironment(),
            TextReader.Null);
        Assert.Equal(["-t", "-n", "--tos", "--", "state", "established", "sport = :22", "or dport = :80"],
            parsed.ReplayableArguments);
        var replayed = From(null, [.. parsed.ReplayableArguments]).Replay();
        Assert.Equal(parsed.Query.Filter!.ToString(), replayed.Query.Filter!.ToString());
        Assert.Equal(parsed.Query.States, replayed.Query.States);
        Assert.Equal(parsed.Query.Show, replayed.Query.Show);
        // Without -F the arguments are kept as given.
        Assert.Equal(["-tn", "sport", "=", ":22"],
            SsCommandLine.Parse(["-tn", "sport", "=", ":22"], new SsEnvironment(), TextReader.Null).ReplayableArguments);
    }
}
