using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Diag;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Netlink;
using SsNotebook.Processes;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Text;

/// <summary>
/// Hand-built TIPC dumps decoded and printed as ssn prints them, against the exact text ss 6.10 prints for the same
/// bytes (recorded from ss fed these datagrams); with ss 6.10 at hand (SS_ORACLE or ../shared/oracle) and a C
/// compiler, also against ss itself, fed the same datagrams through an LD_PRELOAD shim (Support/tipc-replies-preload.c).
/// </summary>
public sealed class TipcTextTests : IDisposable
{
    private static readonly TipcReplies.Socket[] Population =
    [
        new(16777217, 3288334333, Type: 4, State: 7, Inode: 4000000001, Cookie: 0x1234, Publications: true),
        new(16777217, 2150912, Type: 1, State: 10, Inode: 4000000002, Cookie: 0xffff888012345678, Uid: 1000, Publications: true),
        new(16777217, 4065531200, Type: 1, State: 1, Inode: 4000000003, Cookie: 0x2a, RecvQ: 1536, SendQ: 212, Drops: 7,
            ConnectionCongested: true, Peer: (16777218, 1745093113), Name: (18888, 17)),
        new(1001001, 77, Type: 5, State: 1, Inode: 4000000004, Cookie: 5, RecvQ: 3, LinkCongested: true, Peer: (1001002, 78)),
        new(16777217, 9, Type: 2, State: 7, Inode: 4000000005, Cookie: 0, Drops: uint.MaxValue),
    ];

    /// <summary>The population in two datagrams, as a kernel may split a dump, the second ending with DONE.</summary>
    private static readonly byte[][] PopulationDump =
    [
        NetlinkBytes.Concat([.. Population[..2].Select(s => TipcReplies.Message(TipcReplies.Payload(s)))]),
        TipcReplies.Datagram([.. Population[2..].Select(TipcReplies.Payload)]),
    ];

    /// <summary>
    /// Values no kernel sends but a reply can hold: SOCK_RAW's type 3 (ss prints glibc's "(null)" for its missing
    /// name), type 0, state 12 (UNDEF), queues and drops beyond an int, a name of (0, 4294967295), a reply that is no
    /// socket, and both congestion flags (link wins).
    /// </summary>
    private static readonly byte[][] OddDump =
    [
        TipcReplies.Datagram(
            TipcReplies.Payload(new(1, 2, Type: 3, State: 12, Inode: 4000000011, Cookie: 0)),
            NetlinkBytes.Attribute(1, NetlinkBytes.U32(7)),
            TipcReplies.Payload(new(uint.MaxValue, uint.MaxValue, Type: 0, State: 2, Inode: 4000000012, Cookie: ulong.MaxValue,
                Uid: uint.MaxValue, RecvQ: 1u << 31, SendQ: uint.MaxValue, Drops: 1u << 31, LinkCongested: true,
                ConnectionCongested: true, Peer: (0, 0), Name: (0, uint.MaxValue)))),
    ];

    private const string PlainListing =
        "State  Recv-Q Send-Q Local Address:Port       Peer Address:Port      \n" +
        "UNCONN 0      0           16777217:3288334333             -          \n" +
        "LISTEN 0      0           16777217:2150912                -          \n" +
        "ESTAB  1536   212         16777217:4065531200     16777218:1745093113\n" +
        "ESTAB  3      0            1001001:77              1001002:78        \n" +
        "UNCONN 0      0           16777217:9                      -          \n";

    private static readonly Dictionary<string, (string[] Args, byte[][] Dump, string Expected)> Cases = new()
    {
        ["plain"] = (["--tipc"], PopulationDump, PlainListing),
        // -e goes to the Process column, which only -p shows.
        ["details without -p"] = (["--tipc", "-e"], PopulationDump, PlainListing),
        // ss shows no skmem, tcp_info, timers or names for tipc, and applies no filter to it.
        ["options that print nothing for tipc"] = (["--tipc", "-n", "-r", "-m", "-i", "-o"], PopulationDump, PlainListing),
        ["filter ignored"] = (["--tipc", "dst", "10.0.0.1"], PopulationDump, PlainListing),
        ["tipcinfo"] = (["--tipc", "--tipcinfo"], PopulationDump,
            "State  Recv-Q Send-Q Local Address:Port       Peer Address:Port                                                      \n" +
            "UNCONN 0      0           16777217:3288334333             -          \n" +
            " type:RDM cong:none  drop:0  publ              \n" +
            "LISTEN 0      0           16777217:2150912                -          \n" +
            " type:STREAM cong:none  drop:0  publ           \n" +
            "ESTAB  1536   212         16777217:4065531200     16777218:1745093113\n" +
            " type:STREAM cong:conn  drop:7  via {18888,17} \n" +
            "ESTAB  3      0            1001001:77              1001002:78        \n" +
            " type:SEQPACKET cong:link  drop:0              \n" +
            "UNCONN 0      0           16777217:9                      -          \n" +
            " type:DGRAM cong:none  drop:-1                 \n"),
        ["tipcinfo oneline"] = (["--tipc", "--tipcinfo", "-O"], PopulationDump,
            "State  Recv-Q Send-Q Local Address:Port       Peer Address:Port                                                     \n" +
            "UNCONN 0      0           16777217:3288334333             -           type:RDM cong:none  drop:0  publ              \n" +
            "LISTEN 0      0           16777217:2150912                -           type:STREAM cong:none  drop:0  publ           \n" +
            "ESTAB  1536   212         16777217:4065531200     16777218:1745093113 type:STREAM cong:conn  drop:7  via {18888,17} \n" +
            "ESTAB  3      0            1001001:77              1001002:78         type:SEQPACKET cong:link  drop:0              \n" +
            "UNCONN 0      0           16777217:9                      -           type:DGRAM cong:none  drop:-1                 \n"),
        ["details and processes"] = (["--tipc", "-e", "-p", "--tipcinfo"], PopulationDump,
            "State  Recv-Q Send-Q Local Address:Port       Peer Address:Port      Process                                                                                     \n" +
            "UNCONN 0      0           16777217:3288334333             -           ino:4000000001 sk:1234                     \n" +
            " type:RDM cong:none  drop:0  publ              \n" +
            "LISTEN 0      0           16777217:2150912                -           uid:1000 ino:4000000002 sk:ffff888012345678\n" +
            " type:STREAM cong:none  drop:0  publ           \n" +
            "ESTAB  1536   212         16777217:4065531200     16777218:1745093113 ino:4000000003 sk:2a                       \n" +
            " type:STREAM cong:conn  drop:7  via {18888,17} \n" +
            "ESTAB  3      0            1001001:77              1001002:78         ino:4000000004 sk:5                        \n" +
            " type:SEQPACKET cong:link  drop:0              \n" +
            "UNCONN 0      0           16777217:9                      -           ino:4000000005 sk:0                        \n" +
            " type:DGRAM cong:none  drop:-1                 \n"),
        ["netid per type"] = (["-A", "tipc,unix", "-a", "--tipcinfo"], PopulationDump,
            "Netid State  Recv-Q Send-Q Local Address:Port       Peer Address:Port                                                      \n" +
            "ti_rd UNCONN 0      0           16777217:3288334333             -          \n" +
            " type:RDM cong:none  drop:0  publ              \n" +
            "ti_st LISTEN 0      0           16777217:2150912                -          \n" +
            " type:STREAM cong:none  drop:0  publ           \n" +
            "ti_st ESTAB  1536   212         16777217:4065531200     16777218:1745093113\n" +
            " type:STREAM cong:conn  drop:7  via {18888,17} \n" +
            "ti_sq ESTAB  3      0            1001001:77              1001002:78        \n" +
            " type:SEQPACKET cong:link  drop:0              \n" +
            "ti_dg UNCONN 0      0           16777217:9                      -          \n" +
            " type:DGRAM cong:none  drop:-1                 \n"),
        ["no header, no queues"] = (["-f", "tipc", "-H", "-Q", "--tipcinfo"], PopulationDump,
            "UNCONN 16777217:3288334333         -          \n" +
            " type:RDM cong:none  drop:0  publ              \n" +
            "LISTEN 16777217:2150912            -          \n" +
            " type:STREAM cong:none  drop:0  publ           \n" +
            "ESTAB  16777217:4065531200 16777218:1745093113\n" +
            " type:STREAM cong:conn  drop:7  via {18888,17} \n" +
            "ESTAB   1001001:77          1001002:78        \n" +
            " type:SEQPACKET cong:link  drop:0              \n" +
            "UNCONN 16777217:9                  -          \n" +
            " type:DGRAM cong:none  drop:-1                 \n"),
        ["odd values"] = (["--tipc", "--tipcinfo", "-e", "-p", "-a"], OddDump,
            "State    Recv-Q      Send-Q Local Address:Port       Peer Address:PortProcess                                                                           \n" +
            "UNDEF    0           0                  1:2                      -     ino:4000000011 sk:0                              \n" +
            " type:(null) cong:none  drop:0 \n" +
            "SYN-SENT -2147483648 -1        4294967295:4294967295            0:0    uid:4294967295 ino:4000000012 sk:ffffffffffffffff\n" +
            " type:UNKNOWN cong:link  drop:-2147483648  via {0,4294967295} \n"),
        ["odd values, netid"] = (["-A", "tipc,xdp", "--tipcinfo", "-O"], OddDump,
            "Netid State    Recv-Q      Send-Q Local Address:Port       Peer Address:Port                               \n" +
            "???   UNDEF    0           0                  1:2                      -     type:(null) cong:none  drop:0 \n" +
            "???   SYN-SENT -2147483648 -1        4294967295:4294967295            0:0    type:UNKNOWN cong:link  drop:-2147483648  via {0,4294967295} \n"),
    };

    private readonly Lazy<TestNamespace> _namespace = new(() => new TestNamespace("ssn-tipc"));

    public void Dispose()
    {
        if (_namespace.IsValueCreated)
        {
            _namespace.Value.Dispose();
        }
    }

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ListingIsSs610s(string name)
    {
        var (args, dump, expected) = Cases[name];

        Assert.Equal(expected, Render(args, dump));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ListingIsWhatSs610PrintsForTheSameReplies(string name)
    {
        var oracle = SsOracle.Find();
        if (oracle is null)
        {
            return;
        }
        var (args, dump, _) = Cases[name];
        var directory = Directory.CreateTempSubdirectory("ssn-tipc-").FullName;
        try
        {
            var shim = SsOracle.BuildTipcRepliesShim(directory);
            if (shim is null)
            {
                return;
            }
            var replies = Path.Combine(directory, "replies");
            SsOracle.WriteDatagrams(replies, dump);
            // In a namespace of our own, so -A tipc,unix finds no unix socket of the host.
            var ss = SsOracle.Run(oracle, ["-N", _namespace.Value.Name, .. args],
                new Dictionary<string, string> { ["LD_PRELOAD"] = shim, ["TIPC_REPLIES"] = replies });

            Assert.Equal(new SsOracle.Outcome(0, Render(args, dump), ""), ss);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The dump decoded as the collector decodes it and printed as ssn prints it (no process has these inodes).</summary>
    private static string Render(string[] args, byte[][] dump)
    {
        var query = SsCommandLine.Parse(args, TextTestSupport.Environment).Query;
        var sockets = new List<SocketRecord>();
        var handler = new LocalDumpHandler(sockets, "tipc", TipcDiagParserTests.TipcParser, filter: null);
        var interrupted = false;
        var done = false;
        foreach (var datagram in dump)
        {
            done = NetlinkDump.Process(datagram, 0, 0, NetlinkDump.MagicSequence, handler, ref interrupted);
        }
        Assert.True(done);
        return TextTestSupport.Render(query, sockets, TextLayout.Compact, query.Show.Processes ? ProcessTable.Empty : null);
    }
}
