using System.Net;
using System.Net.Sockets;
using System.Text;
using SsNotebook.Diag;
using SsNotebook.Filter;
using SsNotebook.Naming;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// The filter language: words (or a -F file on standard input) parsed with fixed name services, then evaluated on
/// sockets of every family, compiled to inet bytecode and printed. Contract: a malformed filter is an
/// <see cref="SsException"/> (ss's message and status); evaluation, compilation and printing never throw.
/// </summary>
public sealed class FilterTarget : FuzzTarget
{
    private static readonly int[] PreferredFamilies = [0, 2, 10, 1];

    public override string Name => "filter";

    public override string Contract => "FilterParser.Parse: SsException for a malformed filter; Matches, CompileInetBytecode, ToString never throw";

    public override IReadOnlyList<string> Dictionary { get; } =
    [
        "(", ")", " ( ", " ) ", "not ", "! ", "and ", "or ", "&& ", "|| ", "& ", "| ", "src ", "dst ", "sport ", "dport ",
        "= ", "== ", "!= ", "> ", "< ", ">= ", "<= ", "eq ", "neq ", "gt ", "lt ", "ge ", "le ", "dev ", "fwmark ",
        "cgroup ", "autobound ", "state ", "exclude ", ":22 ", ":ssh ", ":* ", "127.0.0.1 ", "[::1] ", "[::ffff:1.2.3.4]",
        "10.0.0.0/8 ", "inet: ", "inet6:", "unix:", "link:", "netlink:", "vsock:", "*", "lo ", "eth0 ", "0x15/0xff ",
        "/sys/fs/cgroup ", "multi.test ", "localhost ", "\\", "\n", "#", "65535", "-1", "4294967296", "99999999999999999999",
    ];

    public override bool IsRejection(Exception exception) => exception is SsException;

    /// <summary>Input: one flags byte (preferred family, words or -F -), then the text (Latin-1, words split on '\n').</summary>
    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        var flags = input[0];
        var text = Encoding.Latin1.GetString(input[1..]);
        var fromFile = (flags & 4) != 0;
        var context = CreateContext(PreferredFamilies[flags & 3], fromFile ? new StringReader(text) : null);
        var filter = FilterParser.Parse(fromFile ? [] : text.Split('\n'), context);
        if (filter is null)
        {
            return;
        }
        foreach (var socket in FilterPopulation.Sockets)
        {
            filter.Matches(socket);
        }
        // The collector sends the program as a request attribute: building that request is part of compiling.
        if (filter.CompileInetBytecode() is { } bytecode)
        {
            InetDiagRequest.Build(AddressFamilies.Inet, InetDiag.ProtocolTcp, 0, new StateSet(0xfff), bytecode);
        }
        _ = filter.ToString();
    }

    /// <summary>A parse context that never leaves the process: fixed services, interfaces and host names.</summary>
    public static FilterParseContext CreateContext(int preferredFamily = 0, TextReader? filterFile = null) =>
        new(FuzzEnvironment.Neutral)
        {
            Families = (1UL << 1) | (1UL << 2) | (1UL << 10) | (1UL << 16) | (1UL << 17) | (1UL << 40),
            PreferredFamily = preferredFamily,
            Tables = TableSet.Of(SocketTable.Tcp, SocketTable.Udp),
            FilterFile = filterFile is null ? null : "-",
            StandardInput = filterFile,
            Naming = Names,
            HostResolver = Resolve,
        };

    private static readonly NamingTables Names = new(
        FuzzEnvironment.Neutral with
        {
            Naming = new NamingContext
            {
                Services = "ssh 22/tcp\nhttp 80/tcp www\ndomain 53/tcp\ndomain 53/udp\nhttps 443/tcp\n",
                Interfaces = "1 lo\n2 eth0\n",
                PortRange = FuzzEnvironment.Neutral.ReadPortRange(),
            },
        },
        null);

    private static IReadOnlyList<IPAddress> Resolve(string name, AddressFamily family) => (name, family) switch
    {
        ("localhost", AddressFamily.InterNetwork) => [IPAddress.Loopback],
        ("localhost", AddressFamily.InterNetworkV6) => [IPAddress.IPv6Loopback],
        ("multi.test", AddressFamily.InterNetwork) => [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.1")],
        ("multi.test", AddressFamily.InterNetworkV6) => [IPAddress.IPv6Loopback],
        _ => [],
    };
}
