namespace SsNotebook.Diag;

/// <summary>
/// Reads the /proc/net fallback files of the inet tables (tcp, udp, raw and their "6" twins) into records,
/// applying the state mask and the user-space filter, in ss's order: IPv4 file, then IPv6 file.
/// </summary>
internal sealed class ProcNetSource(SsEnvironment environment, bool insideNamespace)
{
    /// <summary>True when ss reads /proc/net instead of asking the kernel for <paramref name="table"/>
    /// (PROC_NET_* / PROC_ROOT set for it).</summary>
    public bool IsForced(SocketTable table) => environment.ProcNetForced(NameOf(table));

    /// <summary>True for the inet tables with a /proc/net file to fall back to (tcp, udp, raw).</summary>
    public static bool HasFile(SocketTable table) => table is SocketTable.Tcp or SocketTable.Udp or SocketTable.Raw;

    /// <summary>
    /// True when a failed dump of <paramref name="table"/> falls back, silently, to /proc (or to nothing): the
    /// kernel lacks that diag module (raw_diag, dccp, sctp here). MPTCP errors are silent whatever the errno:
    /// kernels without INET_DIAG_REQ_PROTOCOL refuse the request and ss suppresses that message.
    /// </summary>
    public static bool FallsBackOn(SocketTable table, NetlinkException exception) =>
        exception.Errno is LibC.Enoent or LibC.Eopnotsupp || table == SocketTable.Mptcp;

    /// <summary>The file for /proc/net/NAME; inside -N it is the namespaced thread's view unless overridden.</summary>
    public string PathOf(string name)
    {
        if (insideNamespace && !environment.ProcRootSet && !environment.ProcNetOverrides.ContainsKey(name.ToUpperInvariant()))
        {
            return Path.Combine(NetworkNamespace.ThreadProcNet, name);
        }
        return environment.ProcNetPath(name);
    }

    public void Read(SocketTable table, SsQuery query, SocketFilter? filter, List<SocketRecord> into)
    {
        if (!HasFile(table))
        {
            return;
        }
        var baseName = NameOf(table);
        if (query.HasFamily(AddressFamilies.Inet) && !ReadFile(PathOf(baseName), AddressFamilies.Inet, table, query.States, filter, into))
        {
            // ss gives up on the table when the IPv4 file cannot be opened, and skips a missing IPv6 file.
            return;
        }
        if (query.HasFamily(AddressFamilies.Inet6))
        {
            ReadFile(PathOf(baseName + "6"), AddressFamilies.Inet6, table, query.States, filter, into);
        }
    }

    private static string NameOf(SocketTable table) => table switch
    {
        SocketTable.Tcp => "tcp",
        SocketTable.Udp => "udp",
        SocketTable.Raw => "raw",
        SocketTable.Dccp => "dccp",
        SocketTable.Sctp => "sctp",
        _ => "mptcp",
    };

    private static bool ReadFile(string path, byte family, SocketTable table, StateSet states, SocketFilter? filter, List<SocketRecord> into)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        using (reader)
        {
            if (reader.ReadLine() is null)
            {
                return true;
            }
            var record = new SocketRecord();
            while (reader.ReadLine() is { } line)
            {
                var result = table == SocketTable.Tcp
                    ? ProcNetParser.ParseTcpLine(line, family, states, record)
                    : ProcNetParser.ParseDatagramLine(line, family, states, table, record);
                if (result == ProcNetParser.LineResult.Malformed)
                {
                    break;
                }
                if (result == ProcNetParser.LineResult.Parsed && (filter is null || filter.Matches(record)))
                {
                    into.Add(record);
                    record = new SocketRecord();
                }
            }
        }
        return true;
    }
}
