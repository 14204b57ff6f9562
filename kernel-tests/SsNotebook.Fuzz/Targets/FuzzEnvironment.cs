using SsNotebook.CommandLine;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// What the targets share: an environment whose naming tables are fixed text (no /etc or /proc read per input, the
/// same answers on every machine), queries parsed once per option set, and the text writer every parsed socket
/// goes through so that accepted garbage is also printed.
/// </summary>
internal static class FuzzEnvironment
{
    public static SsEnvironment Neutral { get; } = new()
    {
        Naming = new NamingContext
        {
            Services = "ssh 22/tcp\nhttp 80/tcp www\ndomain 53/udp\nhttps 443/tcp\n",
            Protocols = "ip 0 IP\ntcp 6 TCP\nudp 17 UDP\n",
            PortRange = "32768\t60999\n",
            Interfaces = "1 lo\n2 eth0\n3 br-fuzz\n",
        },
    };

    private static readonly Dictionary<string, SsQuery> Queries = new(StringComparer.Ordinal);

    /// <summary>The query of a fixed ss command line (parsed once; these lines are valid).</summary>
    public static SsQuery Query(params string[] args)
    {
        var key = string.Join('\0', args);
        lock (Queries)
        {
            if (!Queries.TryGetValue(key, out var query))
            {
                query = SsCommandLine.Parse(args, Neutral, TextReader.Null).Query;
                Queries[key] = query;
            }
            return query;
        }
    }

    /// <summary>Prints <paramref name="sockets"/> as ssn would (to nowhere): the text side of every parser.</summary>
    /// <param name="layoutFlags">With the high bit set, a terminal layout of a width the other bits choose.</param>
    public static void Print(SsQuery query, IReadOnlyList<SocketRecord> sockets, ProcessTable? processes, byte layoutFlags,
        SsEnvironment? environment = null)
    {
        var layout = (layoutFlags & 0x80) != 0 ? new TextLayout(20 + (layoutFlags & 0x7f)) : TextLayout.Compact;
        new SsTextWriter(environment ?? Neutral).Write(query, sockets, processes, Stream.Null, layout);
    }
}
