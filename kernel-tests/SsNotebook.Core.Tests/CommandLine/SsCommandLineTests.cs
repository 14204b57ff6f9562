using SsNotebook.CommandLine;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.CommandLine;

public sealed class SsCommandLineTests
{
    private const uint AllStates = 0x3FFF;
    private const uint Connected = 0x3FFF & ~((1u << 10) | (1u << 7) | (1u << 6) | (1u << 3));
    private const ulong Inet = 1UL << 2;
    private const ulong Inet6 = 1UL << 10;
    private const ulong Unix = 1UL << 1;
    private const ulong Packet = 1UL << 17;
    private const ulong Netlink = 1UL << 16;
    private const ulong Vsock = 1UL << 40;
    private const ulong Xdp = 1UL << 44;
    private const ulong Tipc = 1UL << 30;

    private static readonly TableSet AllTables = TableSet.Of(SocketTable.Udp, SocketTable.Dccp, SocketTable.Tcp,
        SocketTable.Mptcp, SocketTable.Raw, SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket,
        SocketTable.PacketRaw, SocketTable.PacketDgram, SocketTable.Netlink, SocketTable.Sctp, SocketTable.VsockStream,
        SocketTable.VsockDgram, SocketTable.Xdp);

    private static readonly TableSet InetTables = TableSet.Of(SocketTable.Udp, SocketTable.Dccp, SocketTable.Tcp,
        SocketTable.Mptcp, SocketTable.Sctp, SocketTable.Raw);

    internal static readonly string UsageOnStderr = SsUsage.Text.TrimEnd('\n');

    internal static ParsedCommandLine Parse(params string[] args) => Parse(new SsEnvironment(), args);

    internal static ParsedCommandLine Parse(SsEnvironment environment, params string[] args) =>
        SsCommandLine.Parse(args, environment);

    internal static SsException ParseError(params string[] args) => Assert.Throws<SsException>(() => Parse(args));

    [Fact]
    public void NoOptionsListsEveryTableButTipcInConnectedStates()
    {
        var query = Parse().Query;
        Assert.Equal(AllTables, query.Tables);
        Assert.Equal(Connected, query.States.Mask);
        Assert.Equal(Inet | Inet6 | Unix | Packet | Netlink | Vsock | Xdp, query.Families);
        Assert.Equal(0, query.PreferredFamily);
        Assert.Equal(QueryMode.List, query.Mode);
        Assert.Null(query.Filter);
    }

    [Theory]
    [InlineData("-t", SocketTable.Tcp, Connected)]
    [InlineData("-u", SocketTable.Udp, 1u << 1)]
    [InlineData("-w", SocketTable.Raw, 1u << 1)]
    [InlineData("-d", SocketTable.Dccp, Connected)]
    [InlineData("-S", SocketTable.Sctp, Connected)]
    [InlineData("-M", SocketTable.Mptcp, Connected)]
    [InlineData("--tcp", SocketTable.Tcp, Connected)]
    [InlineData("--udp", SocketTable.Udp, 1u << 1)]
    [InlineData("--raw", SocketTable.Raw, 1u << 1)]
    [InlineData("--dccp", SocketTable.Dccp, Connected)]
    [InlineData("--sctp", SocketTable.Sctp, Connected)]
    [InlineData("--mptcp", SocketTable.Mptcp, Connected)]
    public void TableOptionsSelectOneInetTableWithItsDefaultStates(string option, SocketTable table, uint states)
    {
        var query = Parse(option).Query;
        Assert.Equal(TableSet.Of(table), query.Tables);
        Assert.Equal(states, query.States.Mask);
        Assert.Equal(Inet | Inet6, query.Families);
        Assert.Equal(0, query.PreferredFamily);
    }

    [Theory]
    [InlineData("-a", AllStates)]
    [InlineData("--all", AllStates)]
    [InlineData("-l", (1u << 10) | (1u << 7))]
    [InlineData("--listening", (1u << 10) | (1u << 7))]
    [InlineData("-B", 1u << 13)]
    [InlineData("--bound-inactive", 1u << 13)]
    public void StateOptionsReplaceTheDefaultStates(string option, uint states)
    {
        Assert.Equal(states, Parse("-t", option).Query.States.Mask);
        Assert.Equal(states, Parse("-u", option).Query.States.Mask);
    }

    [Fact]
    public void ClustersCombineLikeSeparateOptions()
    {
        var query = Parse("-tanpie").Query;
        Assert.Equal(TableSet.Of(SocketTable.Tcp), query.Tables);
        Assert.Equal(AllStates, query.States.Mask);
        Assert.True(query.Show.Numeric);
        Assert.True(query.Show.Processes);
        Assert.True(query.Show.TcpInfo);
        Assert.True(query.Show.Details);
        Assert.True(query.Show.Options);
        Assert.Equal(1, query.Show.DetailsLevel);
    }

    [Fact]
    public void UdpAndTcpTogetherKeepTheUnionOfTheirDefaultStates()
    {
        var query = Parse("-tu").Query;
        Assert.Equal(TableSet.Of(SocketTable.Tcp, SocketTable.Udp), query.Tables);
        Assert.Equal(Connected, query.States.Mask);
    }

    [Theory]
    [InlineData("-4", 2, Inet)]
    [InlineData("--ipv4", 2, Inet)]
    [InlineData("-6", 10, Inet6)]
    [InlineData("--ipv6", 10, Inet6)]
    [InlineData("-finet", 2, Inet)]
    [InlineData("-finet6", 10, Inet6)]
    public void InetFamilyOptionsSelectEveryInetTable(string option, int preferred, ulong families)
    {
        var query = Parse(option).Query;
        Assert.Equal(InetTables, query.Tables);
        Assert.Equal(families, query.Families);
        Assert.Equal(preferred, query.PreferredFamily);
        Assert.Equal(Connected, query.States.Mask);
    }

    [Theory]
    [InlineData(new[] { "-x" }, 1, Connected)]
    [InlineData(new[] { "--unix" }, 1, Connected)]
    [InlineData(new[] { "-f", "unix" }, 1, Connected)]
    [InlineData(new[] { "-0" }, 17, 1u << 7)]
    [InlineData(new[] { "--packet" }, 17, 1u << 7)]
    [InlineData(new[] { "-f", "link" }, 17, 1u << 7)]
    [InlineData(new[] { "-f", "netlink" }, 16, 1u << 7)]
    [InlineData(new[] { "--vsock" }, 40, Connected)]
    [InlineData(new[] { "-f", "vsock" }, 40, Connected)]
    [InlineData(new[] { "--tipc" }, 30, (1u << 1) | (1u << 10) | (1u << 7))]
    [InlineData(new[] { "-f", "tipc" }, 30, (1u << 1) | (1u << 10) | (1u << 7))]
    [InlineData(new[] { "--xdp" }, 44, 1u << 7)]
    [InlineData(new[] { "--family=xdp" }, 44, 1u << 7)]
    [InlineData(new[] { "--family", "xdp" }, 44, 1u << 7)]
    public void OtherFamiliesSelectTheirTables(string[] args, int family, uint states)
    {
        var query = Parse(args).Query;
        Assert.Equal(1UL << family, query.Families);
        Assert.Equal(family, query.PreferredFamily);
        Assert.Equal(states, query.States.Mask);
        var expected = family switch
        {
            1 => TableSet.Of(SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket),
            17 => TableSet.Of(SocketTable.PacketRaw, SocketTable.PacketDgram),
            16 => TableSet.Of(SocketTable.Netlink),
            40 => TableSet.Of(SocketTable.VsockStream, SocketTable.VsockDgram),
            30 => TableSet.Of(SocketTable.Tipc),
            _ => TableSet.Of(SocketTable.Xdp),
        };
        Assert.Equal(expected, query.Tables);
    }

    [Fact]
    public void LastFamilyOptionIsThePreferredOne()
    {
        var query = Parse("-f", "inet", "-f", "inet6").Query;
        Assert.Equal(Inet | Inet6, query.Families);
        Assert.Equal(10, query.PreferredFamily);
        Assert.Equal(2, Parse("-6", "-4", "-t").Query.PreferredFamily);
    }

    [Fact]
    public void TableAndFamilyTogetherKeepOnlyTheFamilyAsked()
    {
        var query = Parse("-t", "-6").Query;
        Assert.Equal(TableSet.Of(SocketTable.Tcp), query.Tables);
        Assert.Equal(Inet6, query.Families);
    }

    [Fact]
    public void TcpAndUnixFamilyListBoth()
    {
        var query = Parse("-t", "-x").Query;
        Assert.Equal(TableSet.Of(SocketTable.Tcp, SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket), query.Tables);
        Assert.Equal(Inet | Inet6 | Unix, query.Families);
    }

    [Theory]
    [InlineData("tcp", new[] { SocketTable.Tcp })]
    [InlineData("udp", new[] { SocketTable.Udp })]
    [InlineData("raw", new[] { SocketTable.Raw })]
    [InlineData("dccp", new[] { SocketTable.Dccp })]
    [InlineData("sctp", new[] { SocketTable.Sctp })]
    [InlineData("mptcp", new[] { SocketTable.Mptcp })]
    [InlineData("inet", new[] { SocketTable.Udp, SocketTable.Dccp, SocketTable.Tcp, SocketTable.Mptcp, SocketTable.Sctp, SocketTable.Raw })]
    [InlineData("unix", new[] { SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket })]
    [InlineData("unix_stream", new[] { SocketTable.UnixStream })]
    [InlineData("u_str", new[] { SocketTable.UnixStream })]
    [InlineData("unix_dgram", new[] { SocketTable.UnixDgram })]
    [InlineData("u_dgr", new[] { SocketTable.UnixDgram })]
    [InlineData("unix_seqpacket", new[] { SocketTable.UnixSeqpacket })]
    [InlineData("u_seq", new[] { SocketTable.UnixSeqpacket })]
    [InlineData("packet", new[] { SocketTable.PacketRaw, SocketTable.PacketDgram })]
    [InlineData("packet_raw", new[] { SocketTable.PacketRaw })]
    [InlineData("p_raw", new[] { SocketTable.PacketRaw })]
    [InlineData("packet_dgram", new[] { SocketTable.PacketDgram })]
    [InlineData("p_dgr", new[] { SocketTable.PacketDgram })]
    [InlineData("netlink", new[] { SocketTable.Netlink })]
    [InlineData("tipc", new[] { SocketTable.Tipc })]
    [InlineData("vsock", new[] { SocketTable.VsockStream, SocketTable.VsockDgram })]
    [InlineData("vsock_stream", new[] { SocketTable.VsockStream })]
    [InlineData("v_str", new[] { SocketTable.VsockStream })]
    [InlineData("vsock_dgram", new[] { SocketTable.VsockDgram })]
    [InlineData("v_dgr", new[] { SocketTable.VsockDgram })]
    [InlineData("xdp", new[] { SocketTable.Xdp })]
    public void QueryNamesAndAliases(string name, SocketTable[] tables)
    {
        Assert.Equal(TableSet.Of(tables), Parse("-A", name).Query.Tables);
        Assert.Equal(TableSet.Of(tables), Parse("--query=" + name).Query.Tables);
        Assert.Equal(TableSet.Of(tables), Parse("--socket", name).Query.Tables);
        Assert.Equal(TableSet.Of(tables), Parse("-A" + name).Query.Tables);
    }

    [Fact]
    public void QueryAllLeavesOutTipc() => Assert.Equal(AllTables, Parse("-A", "all").Query.Tables);

    [Fact]
    public void QueryListsWithExclusions()
    {
        Assert.Equal(AllTables.Without(SocketTable.Tcp), Parse("-A", "all,!tcp").Query.Tables);
        Assert.Equal(TableSet.Of(SocketTable.Udp), Parse("-A", "tcp,udp", "-A", "!tcp").Query.Tables);
        Assert.Equal(InetTables.Without(SocketTable.Raw).Without(SocketTable.Udp), Parse("-A", "inet,!raw,!udp").Query.Tables);
    }

    [Fact]
    public void QueryWithoutStateOptionUsesConnectedStatesEvenForTablesThatDefaultToClose()
    {
        Assert.Equal(Connected, Parse("-A", "netlink").Query.States.Mask);
        Assert.Equal(AllStates, Parse("-a", "-A", "netlink").Query.States.Mask);
        Assert.Equal(AllStates, Parse("-A", "netlink", "-a").Query.States.Mask);
        Assert.Equal(Connected, Parse("-A", "udp").Query.States.Mask);
    }

    [Fact]
    public void QueryReplacesTablesChosenBeforeIt()
    {
        Assert.Equal(TableSet.Of(SocketTable.Udp), Parse("-t", "-A", "udp").Query.Tables);
        Assert.Equal(TableSet.Of(SocketTable.Udp, SocketTable.Tcp), Parse("-A", "udp", "-t").Query.Tables);
    }

    [Theory]
    [InlineData("x", "\"x\"")]
    [InlineData("tcp,bogus", "\"bogus\"")]
    [InlineData("!nope", "\"!nope\"")]
    [InlineData("tcp,", "\"\"")]
    public void BadQueryNameIsIllegalTableId(string list, string quoted)
    {
        var error = ParseError("-A", list);
        Assert.Equal($"ss: {quoted} is illegal socket table id\n{UsageOnStderr}", error.Message);
        Assert.Equal(255, error.ExitCode);
    }

    [Fact]
    public void BadFamilyIsInvalid()
    {
        var error = ParseError("-f", "bogus");
        Assert.Equal($"ss: \"bogus\" is invalid family\n{UsageOnStderr}", error.Message);
        Assert.Equal(255, error.ExitCode);
    }

    [Fact]
    public void FamilyHelpAsksForHelp() => Assert.Equal(CommandLineAction.Help, Parse("-f", "help").Action);

    [Theory]
    [InlineData("established", 1u << 1)]
    [InlineData("ESTABLISHED", 1u << 1)]
    [InlineData("syn-sent", 1u << 2)]
    [InlineData("syn-recv", 1u << 3)]
    [InlineData("syn-rcv", 1u << 3)]
    [InlineData("fin-wait-1", 1u << 4)]
    [InlineData("fin-wait-2", 1u << 5)]
    [InlineData("time-wait", 1u << 6)]
    [InlineData("close", 1u << 7)]
    [InlineData("closed", 1u << 7)]
    [InlineData("unconnected", 1u << 7)]
    [InlineData("close-wait", 1u << 8)]
    [InlineData("last-ack", 1u << 9)]
    [InlineData("listening", 1u << 10)]
    [InlineData("closing", 1u << 11)]
    [InlineData("bound-inactive", 1u << 13)]
    [InlineData("unknown", 1u)]
    [InlineData("all", AllStates)]
    [InlineData("connected", AllStates & ~((1u << 7) | (1u << 10)))]
    [InlineData("synchronized", AllStates & ~((1u << 7) | (1u << 10) | (1u << 2)))]
    [InlineData("bucket", (1u << 3) | (1u << 6))]
    [InlineData("big", AllStates & ~((1u << 3) | (1u << 6)))]
    public void StateWords(string word, uint mask)
    {
        Assert.Equal(mask, Parse("-t", "state", word).Query.States.Mask);
        var excluded = mask == AllStates ? Connected : AllStates & ~mask;
        Assert.Equal(excluded, Parse("-t", "exclude", word).Query.States.Mask);
        Assert.Equal(excluded, Parse("-t", "excl", word).Query.States.Mask);
    }

    [Fact]
    public void RepeatedStateWordsAccumulate()
    {
        Assert.Equal((1u << 1) | (1u << 10), Parse("-t", "state", "established", "state", "listening").Query.States.Mask);
        Assert.Equal(AllStates & ~((1u << 7) | (1u << 10) | (1u << 2)),
            Parse("-t", "state", "connected", "exclude", "syn-sent").Query.States.Mask);
        // A state word overrides -a.
        Assert.Equal(1u << 10, Parse("-ta", "state", "listening").Query.States.Mask);
        // "exclude" first starts from every state, not from -l.
        Assert.Equal(AllStates & ~(1u << 1), Parse("-tl", "exclude", "established").Query.States.Mask);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("new-syn-recv")]
    [InlineData("ESTAB")]
    public void WrongStateName(string word)
    {
        var error = ParseError("-t", "state", word);
        Assert.Equal($"ss: wrong state name: {word}", error.Message);
        Assert.Equal(255, error.ExitCode);
    }

    [Fact]
    public void StateWithoutNameIsIncomplete()
    {
        var error = ParseError("-t", "state");
        Assert.Equal("Command line is not complete. Try option \"help\"", error.Message);
        Assert.Equal(255, error.ExitCode);
        Assert.Equal(255, ParseError("exclude").ExitCode);
    }

    [Fact]
    public void OptionsMayFollowStateWordsUnlessPosixlyCorrect()
    {
        var query = Parse("state", "listening", "-t").Query;
        Assert.Equal(TableSet.Of(SocketTable.Tcp), query.Tables);
        Assert.Equal(1u << 10, query.States.Mask);
    }

    [Fact]
    public void DoubleDashEndsOptions()
    {
        var query = Parse("-t", "--", "state", "listening").Query;
        Assert.Equal(1u << 10, query.States.Mask);
    }

    [Fact]
    public void StateWordsAreCaseSensitiveKeywords()
    {
        // "State" is not the keyword: it goes to the filter (not parsed here, so the filter parser is reached).
        var parsed = Parse("-t", "state", "LISTENING");
        Assert.Equal(1u << 10, parsed.Query.States.Mask);
    }

    [Theory]
    [InlineData("-n", "Numeric")]
    [InlineData("--numeric", "Numeric")]
    [InlineData("--num", "Numeric")]
    [InlineData("-r", "Resolve")]
    [InlineData("--resolve", "Resolve")]
    [InlineData("-o", "Options")]
    [InlineData("--options", "Options")]
    [InlineData("-e", "Details")]
    [InlineData("--extended", "Details")]
    [InlineData("-m", "Memory")]
    [InlineData("--memory", "Memory")]
    [InlineData("-i", "TcpInfo")]
    [InlineData("--info", "TcpInfo")]
    [InlineData("-p", "Processes")]
    [InlineData("--processes", "Processes")]
    [InlineData("-T", "Threads")]
    [InlineData("--threads", "Threads")]
    [InlineData("-b", "Bpf")]
    [InlineData("--bpf", "Bpf")]
    [InlineData("--tos", "Tos")]
    [InlineData("--cgroup", "Cgroup")]
    [InlineData("--inet-sockopt", "InetSockopt")]
    [InlineData("--inet", "InetSockopt")]
    [InlineData("-O", "OneLine")]
    [InlineData("--oneline", "OneLine")]
    [InlineData("-H", "NoHeader")]
    [InlineData("--no-header", "NoHeader")]
    [InlineData("--no-h", "NoHeader")]
    [InlineData("-Q", "NoQueues")]
    [InlineData("--no-queues", "NoQueues")]
    [InlineData("--tipcinfo", "TipcInfo")]
    public void ShowOptions(string option, string field)
    {
        var show = Parse("-t", option).Query.Show;
        var set = new Dictionary<string, bool>
        {
            ["Numeric"] = show.Numeric,
            ["Resolve"] = show.Resolve,
            ["Options"] = show.Options,
            ["Details"] = show.Details,
            ["Memory"] = show.Memory,
            ["TcpInfo"] = show.TcpInfo,
            ["Processes"] = show.Processes,
            ["Threads"] = show.Threads,
            ["Bpf"] = show.Bpf,
            ["Tos"] = show.Tos,
            ["Cgroup"] = show.Cgroup,
            ["InetSockopt"] = show.InetSockopt,
            ["OneLine"] = show.OneLine,
            ["NoHeader"] = show.NoHeader,
            ["NoQueues"] = show.NoQueues,
            ["TipcInfo"] = show.TipcInfo,
        };
        // -e and -b also turn on -o.
        var expected = new HashSet<string> { field };
        if (field is "Details" or "Bpf")
        {
            expected.Add("Options");
        }
        foreach (var (name, value) in set)
        {
            Assert.True(value == expected.Contains(name), $"{option}: {name} = {value}");
        }
    }

    [Fact]
    public void RepeatedExtendedCounts() => Assert.Equal(2, Parse("-tee").Query.Show.DetailsLevel);

    [Theory]
    [InlineData(new[] { "-s" }, QueryMode.Summary, false)]
    [InlineData(new[] { "--summary" }, QueryMode.Summary, false)]
    [InlineData(new[] { "-s", "-t" }, QueryMode.List, false)]
    [InlineData(new[] { "-K", "-t" }, QueryMode.Kill, true)]
    [InlineData(new[] { "--kill", "-t" }, QueryMode.Kill, true)]
    [InlineData(new[] { "-E" }, QueryMode.Events, false)]
    [InlineData(new[] { "--events", "-K" }, QueryMode.Events, true)]
    [InlineData(new[] { "-t", "-D", "-" }, QueryMode.Dump, false)]
    [InlineData(new[] { "-t", "--diag=/tmp/x" }, QueryMode.Dump, false)]
    public void Modes(string[] args, QueryMode mode, bool kill)
    {
        var query = Parse(args).Query;
        Assert.Equal(mode, query.Mode);
        Assert.Equal(kill, query.Kill);
        Assert.Equal(args.Contains("-s") || args.Contains("--summary"), query.PrintSummary);
    }

    [Fact]
    public void DumpKeepsItsFile()
    {
        Assert.Equal("-", Parse("-tD-").Query.DumpFile);
        Assert.Equal("/tmp/x", Parse("-t", "--diag", "/tmp/x").Query.DumpFile);
    }

    [Fact]
    public void DumpWithoutTcpIsANotice()
    {
        var parsed = Parse("-u", "-D", "-");
        Assert.Equal("ss: tcpdiag dump requested and no tcp in filter.", parsed.Notice);
    }

    [Fact]
    public void NothingToShowNotices()
    {
        Assert.Equal("ss: no socket tables to show with such filter.", Parse("-A", "tcp,!tcp").Notice);
        // Excluding every state leaves the mask at 0, which ss reads as "no state asked": the defaults stay.
        Assert.Null(Parse("-t", "exclude", "all").Notice);
        Assert.Equal(Connected, Parse("-t", "exclude", "all").Query.States.Mask);
        Assert.Null(Parse("-t").Notice);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("--he")]
    public void Help(string option) => Assert.Equal(CommandLineAction.Help, Parse(option).Action);

    [Theory]
    [InlineData("-V")]
    [InlineData("-v")]
    [InlineData("--version")]
    [InlineData("--ver")]
    [InlineData("--versio")]
    public void Version(string option) => Assert.Equal(CommandLineAction.Version, Parse(option).Action);

    [Fact]
    public void OptionsAreActedOnInOrder()
    {
        Assert.Equal(CommandLineAction.Help, Parse("-h", "-y").Action);
        Assert.Equal(CommandLineAction.Version, Parse("-tV", "-f", "bogus").Action);
        Assert.Equal(255, ParseError("-f", "bogus", "-V").ExitCode);
    }

    [Theory]
    [InlineData(new[] { "-y" }, "ss: invalid option -- 'y'")]
    [InlineData(new[] { "-ty" }, "ss: invalid option -- 'y'")]
    [InlineData(new[] { "-:" }, "ss: invalid option -- ':'")]
    [InlineData(new[] { "-f" }, "ss: option requires an argument -- 'f'")]
    [InlineData(new[] { "-tA" }, "ss: option requires an argument -- 'A'")]
    [InlineData(new[] { "--foo" }, "ss: unrecognized option '--foo'")]
    [InlineData(new[] { "--foo=bar" }, "ss: unrecognized option '--foo=bar'")]
    [InlineData(new[] { "--s" }, "ss: option '--s' is ambiguous; possibilities: '--sctp' '--socket' '--summary'")]
    [InlineData(new[] { "--con" }, "ss: option '--con' is ambiguous; possibilities: '--context' '--contexts'")]
    [InlineData(new[] { "--bpf-m=1" }, "ss: option '--bpf-m=1' is ambiguous; possibilities: '--bpf-maps' '--bpf-map-id'")]
    [InlineData(new[] { "--v" }, "ss: option '--v' is ambiguous; possibilities: '--vsock' '--version'")]
    [InlineData(new[] { "--help=3" }, "ss: option '--help' doesn't allow an argument")]
    [InlineData(new[] { "--tc=1" }, "ss: option '--tcp' doesn't allow an argument")]
    [InlineData(new[] { "--family" }, "ss: option '--family' requires an argument")]
    [InlineData(new[] { "--fam" }, "ss: option '--family' requires an argument")]
    public void GetoptErrorsAreFollowedByUsage(string[] args, string message)
    {
        var error = ParseError(args);
        Assert.Equal($"{message}\n{UsageOnStderr}", error.Message);
        Assert.Equal(255, error.ExitCode);
    }

    [Fact]
    public void OptionArgumentsMayLookLikeOptions()
    {
        // getopt takes the next word whatever it looks like.
        Assert.Equal(255, ParseError("-f", "-t").ExitCode);
        Assert.Equal("ss: \"-t\" is invalid family\n" + UsageOnStderr, ParseError("--family", "-t").Message);
    }

    [Fact]
    public void AbbreviatedLongOptionsWithArguments()
    {
        Assert.Equal(TableSet.Of(SocketTable.Udp), Parse("--que", "udp").Query.Tables);
        Assert.Equal(TableSet.Of(SocketTable.Udp), Parse("--so=udp").Query.Tables);
        Assert.Equal(1UL << 1, Parse("--fa=unix").Query.Families);
    }

    [Fact]
    public void SelinuxOptionsNeedSelinux()
    {
        foreach (var option in new[] { "-Z", "-z", "--context", "--contexts" })
        {
            var error = ParseError("-t", option);
            Assert.Equal("ss: SELinux is not enabled.", error.Message);
            Assert.Equal(1, error.ExitCode);
        }
        var query = Parse(new SsEnvironment { SelinuxEnabled = true }, "-tz").Query;
        Assert.True(query.Show.SocketContext);
        Assert.True(query.Show.ProcessContext);
    }

    [Fact]
    public void NetworkNamespaceMustExist()
    {
        var directory = Directory.CreateTempSubdirectory("ssn-netns-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "blue"), "");
            var environment = new SsEnvironment { NetnsRunDirectory = directory.FullName };
            Assert.Equal("blue", Parse(environment, "-t", "-N", "blue").Query.NetworkNamespace);
            Assert.Equal("blue", Parse(environment, "-t", "--net=blue").Query.NetworkNamespace);
            var error = Assert.Throws<SsException>(() => Parse(environment, "-N", "nope"));
            Assert.Equal("Cannot open network namespace \"nope\": No such file or directory", error.Message);
            Assert.Equal(1, error.ExitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FilterFileMustOpenAndBeSingle()
    {
        var error = ParseError("-F", "/nonexistent/filter");
        Assert.Equal("fopen filter file: No such file or directory", error.Message);
        Assert.Equal(255, error.ExitCode);
        var twice = ParseError("-F", "-", "-F", "-");
        Assert.Equal("More than one filter file", twice.Message);
        Assert.Equal(255, twice.ExitCode);
    }

    [Fact]
    public void BpfMapOptions()
    {
        Assert.True(Parse("-t", "--bpf-maps").Query.ShowAllBpfMaps);
        Assert.Equal([7u, 0x10u], Parse("-t", "--bpf-map-id=7", "--bpf-map-id", "0x10").Query.BpfMapIds);
        var invalid = ParseError("--bpf-map-id=0");
        Assert.Equal("ss: invalid BPF map ID 0", invalid.Message);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Equal("ss: invalid BPF map ID 12x", ParseError("--bpf-map-id=12x").Message);
        var mixed = ParseError("--bpf-maps", "--bpf-map-id=3");
        Assert.Equal("ss: --bpf-maps and --bpf-map-id cannot be used together", mixed.Message);
        Assert.Equal(1, mixed.ExitCode);
        Assert.Equal(255, ParseError("--bpf-map-id=3", "--bpf-maps").ExitCode);
    }
}
