using System.Net;
using System.Net.Sockets;
using SsNotebook.Filter;
using SsNotebook.Naming;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Filter;

/// <summary>Filter parse contexts with fixed name services, so parser tests do not depend on the machine.</summary>
internal static class FilterTestContext
{
    public const string Services = """
        # comment
        ssh		22/tcp
        http		80/tcp		www		# WorldWideWeb HTTP
        domain		53/tcp
        domain		53/udp
        oddity		1000/tcp
        oddity		2000/udp
        udponly		3000/udp
        """;

    public static FilterParseContext Create(
        ulong families = 0,
        int preferredFamily = 0,
        TableSet? tables = null,
        string? filterFile = null,
        TextReader? standardInput = null,
        SsEnvironment? environment = null) =>
        Build(environment ?? new SsEnvironment(), families, preferredFamily, tables, filterFile, standardInput);

    private static FilterParseContext Build(SsEnvironment environment, ulong families, int preferredFamily, TableSet? tables,
        string? filterFile, TextReader? standardInput) =>
        new(environment)
        {
            Families = families,
            PreferredFamily = preferredFamily,
            Tables = tables ?? TableSet.Of(SocketTable.Tcp, SocketTable.Udp),
            FilterFile = filterFile,
            StandardInput = standardInput,
            // The test's services and interfaces (lo = 1, eth0 = 2), the environment's ephemeral range.
            Naming = new NamingTables(
                environment with { Naming = new NamingContext { Services = Services, Interfaces = "1 lo\n2 eth0\n", PortRange = environment.ReadPortRange() } },
                null),
            HostResolver = Resolve,
        };

    private static IReadOnlyList<IPAddress> Resolve(string name, AddressFamily family) => (name, family) switch
    {
        ("multi.test", AddressFamily.InterNetwork) => [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2")],
        ("multi.test", AddressFamily.InterNetworkV6) => [IPAddress.Parse("2001:db8::1")],
        ("v4only.test", AddressFamily.InterNetwork) => [IPAddress.Parse("198.51.100.7")],
        _ => [],
    };

    public static SocketFilter? Parse(string text, FilterParseContext? context = null) =>
        FilterParser.Parse([text], context ?? Create());
}
