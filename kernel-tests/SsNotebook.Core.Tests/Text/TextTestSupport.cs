using System.Runtime.CompilerServices;
using SsNotebook.Diag;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Text;

/// <summary>Builds queries from ss-style flags and runs the writer into a string.</summary>
internal static class TextTestSupport
{
    public static string FixtureDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Fixtures");

    /// <summary>The sockets of a TCPDIAG_FILE-format dump (what ss -D writes), read as ss reads it: through
    /// <see cref="TcpDiagFileSource"/>, up to the first NLMSG_DONE.</summary>
    public static List<SocketRecord> ReadDump(string path)
    {
        var sockets = new List<SocketRecord>();
        var diagnostics = new List<string>();
        TcpDiagFileSource.Replay(File.ReadAllBytes(path), null, sockets, diagnostics);
        Assert.Empty(diagnostics);
        return sockets;
    }

    public static readonly SsEnvironment Environment = new()
    {
        IpLocalPortRangeFile = Path.Combine(FixtureDirectory(), "ip_local_port_range"),
    };

    /// <summary>A query for TCPDIAG_FILE replay (one table) from flags such as "-tanpoe", "--tos".</summary>
    public static SsQuery TcpQuery(params string[] flags)
    {
        bool Has(char c) => flags.Any(f => f.StartsWith('-') && !f.StartsWith("--", StringComparison.Ordinal) && f.Contains(c));
        bool Long(string name) => flags.Contains(name);
        var allStates = Has('a');
        var states = allStates ? new StateSet(0x1fff & ~(1u << 12)) : StateSet.Of(SocketState.Established, SocketState.SynSent, SocketState.FinWait1,
            SocketState.FinWait2, SocketState.CloseWait, SocketState.LastAck, SocketState.Closing);
        return new SsQuery
        {
            Tables = TableSet.Of(SocketTable.Tcp),
            States = states,
            Families = (1UL << 2) | (1UL << 10),
            Show = new ShowOptions
            {
                Numeric = Has('n'),
                Resolve = Has('r'),
                Options = Has('o') || Has('e'),
                Details = Has('e'),
                Memory = Has('m'),
                TcpInfo = Has('i'),
                Processes = Has('p'),
                OneLine = Has('O'),
                NoHeader = Has('H'),
                NoQueues = Has('Q'),
                Tos = Long("--tos"),
                Cgroup = Long("--cgroup"),
                InetSockopt = Long("--inet-sockopt"),
            },
        };
    }

    public static string Render(SsQuery query, IReadOnlyList<SocketRecord> sockets, TextLayout layout = default, ProcessTable? processes = null)
    {
        using var stream = new MemoryStream();
        new SsTextWriter(Environment).Write(query, sockets, processes, stream, layout);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
