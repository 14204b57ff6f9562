namespace SsNotebook.CommandLine;

/// <summary>
/// ss -s: socket counts from /proc/net/sockstat, sockstat6 and snmp (no netlink at all), printed as ss 6.10
/// prints them. Unreadable files leave their counts at zero after ss's perror line on stderr.
/// </summary>
internal static class SsSummary
{
    /// <summary>The counters ss reads; names follow the sockstat lines they come from.</summary>
    private sealed class Counts
    {
        public int Sockets;
        public int TcpMemory;
        public int TcpAllocated;
        public int TcpOrphans;
        public int TcpTimeWait;
        public int Tcp4InUse;
        public int Udp4;
        public int Raw4;
        public int Frag4;
        public int Frag4Memory;
        public int Tcp6InUse;
        public int Udp6;
        public int Raw6;
        public int Frag6;
        public int Frag6Memory;
    }

    public static string Render(SsQuery query, SsEnvironment environment, TextWriter standardError)
    {
        var (sockstat, sockstat6, snmp) = query.NetworkNamespace is { } name
            ? SsNamespace.Run(name, () => ReadFiles(environment, insideNamespace: true))
            : ReadFiles(environment, insideNamespace: false);
        var counts = new Counts();
        if (sockstat is null)
        {
            standardError.Write("ss: get_sockstat: No such file or directory\n");
        }
        else
        {
            ReadSockstat(sockstat, counts);
            if (sockstat6 is not null)
            {
                ReadSockstat(sockstat6, counts);
            }
        }
        var established = 0;
        if (snmp is null)
        {
            standardError.Write("ss: get_snmpstat: No such file or directory\n");
        }
        else if (FindSnmpValue(snmp, "Tcp:", "CurrEstab") is { } value)
        {
            established = value;
        }
        else
        {
            standardError.Write("ss: get_snmpstat: No such process\n");
        }
        return Format(counts, established);
    }

    private static (string?, string?, string?) ReadFiles(SsEnvironment environment, bool insideNamespace)
    {
        string? Read(string name)
        {
            var path = insideNamespace && !environment.ProcNetForced(name)
                ? $"{NetworkNamespace.ThreadProcNet}/{name}"
                : environment.ProcNetPath(name);
            try
            {
                return File.ReadAllText(path, Encoding.Latin1);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return (Read("sockstat"), Read("sockstat6"), Read("snmp"));
    }

    private static void ReadSockstat(string text, Counts counts)
    {
        foreach (var line in text.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }
            var fields = line[(space + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            // Each counter follows its label: "inuse N", "orphan N", ...
            int Value(int index, int current) =>
                index * 2 + 1 < fields.Length && ParseInt(fields[index * 2 + 1]) is { } parsed ? parsed : current;
            switch (line[..space])
            {
                case "sockets:": counts.Sockets = Value(0, counts.Sockets); break;
                case "UDP:": counts.Udp4 = Value(0, counts.Udp4); break;
                case "UDP6:": counts.Udp6 = Value(0, counts.Udp6); break;
                case "RAW:": counts.Raw4 = Value(0, counts.Raw4); break;
                case "RAW6:": counts.Raw6 = Value(0, counts.Raw6); break;
                case "TCP6:": counts.Tcp6InUse = Value(0, counts.Tcp6InUse); break;
                case "FRAG:":
                    counts.Frag4 = Value(0, counts.Frag4);
                    counts.Frag4Memory = Value(1, counts.Frag4Memory);
                    break;
                case "FRAG6:":
                    counts.Frag6 = Value(0, counts.Frag6);
                    counts.Frag6Memory = Value(1, counts.Frag6Memory);
                    break;
                case "TCP:":
                    counts.Tcp4InUse = Value(0, counts.Tcp4InUse);
                    counts.TcpOrphans = Value(1, counts.TcpOrphans);
                    counts.TcpTimeWait = Value(2, counts.TcpTimeWait);
                    counts.TcpAllocated = Value(3, counts.TcpAllocated);
                    counts.TcpMemory = Value(4, counts.TcpMemory);
                    break;
            }
        }
    }

    /// <summary>The value under <paramref name="key"/> in the header/values line pair starting with <paramref name="protocol"/>.</summary>
    private static int? FindSnmpValue(string text, string protocol, string key)
    {
        var lines = text.Split('\n');
        for (var index = 0; index + 1 < lines.Length; index++)
        {
            if (!lines[index].StartsWith(protocol, StringComparison.Ordinal))
            {
                continue;
            }
            var position = Array.IndexOf(lines[index].Split(' '), key);
            var values = lines[index + 1];
            if (position <= 0 || !values.StartsWith(protocol, StringComparison.Ordinal))
            {
                return null;
            }
            var fields = values.Split(' ');
            return position < fields.Length ? ParseInt(fields[position]) ?? 0 : 0;
        }
        return null;
    }

    private static int? ParseInt(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? unchecked((int)value) : null;

    private static string Format(Counts s, int established)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Total: {s.Sockets}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"TCP:   {s.TcpAllocated + s.TcpTimeWait} (estab {established}, closed {s.TcpAllocated - (s.Tcp4InUse + s.Tcp6InUse - s.TcpTimeWait)}, orphaned {s.TcpOrphans}, timewait {s.TcpTimeWait})\n");
        text.Append('\n');
        text.Append("Transport Total     IP        IPv6\n");
        Row(text, "RAW", s.Raw4, s.Raw6);
        Row(text, "UDP", s.Udp4, s.Udp6);
        Row(text, "TCP", s.Tcp4InUse, s.Tcp6InUse);
        Row(text, "INET", s.Raw4 + s.Udp4 + s.Tcp4InUse, s.Raw6 + s.Udp6 + s.Tcp6InUse);
        Row(text, "FRAG", s.Frag4, s.Frag6);
        text.Append('\n');
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, int ipv4, int ipv6) =>
        text.Append(CultureInfo.InvariantCulture, $"{name}\t  {ipv4 + ipv6,-9} {ipv4,-9} {ipv6,-9}\n");
}
