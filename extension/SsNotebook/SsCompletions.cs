namespace SsNotebook.Interactive;

/// <summary>Completion items for ss options, filter keywords and state names, and our own selector options.</summary>
internal static class SsCompletions
{
    private static readonly string[] ShortOptions =
    [
        "-h", "-V", "-n", "-r", "-a", "-l", "-o", "-e", "-m", "-p", "-T", "-i", "-s", "-E", "-Z", "-z", "-N", "-b",
        "-4", "-6", "-0", "-t", "-S", "-u", "-d", "-w", "-x", "-M", "-f", "-A", "-D", "-F", "-K", "-H", "-O", "-Q", "-B",
    ];

    private static readonly string[] LongOptions =
    [
        "--help", "--version", "--numeric", "--resolve", "--all", "--listening", "--options", "--extended", "--memory",
        "--processes", "--threads", "--info", "--tos", "--cgroup", "--tipcinfo", "--kill", "--summary", "--events",
        "--context", "--contexts", "--net", "--bpf", "--ipv4", "--ipv6", "--packet", "--tcp", "--sctp", "--udp", "--dccp",
        "--raw", "--unix", "--mptcp", "--tipc", "--vsock", "--xdp", "--inet-sockopt", "--family", "--query",
        "--socket", "--diag", "--filter", "--no-header", "--oneline", "--no-queues", "--bound-inactive",
    ];

    private static readonly string[] FilterKeywords =
    [
        "state", "exclude", "dst", "src", "dport", "sport", "dev", "fwmark", "cgroup", "autobound", "and", "or", "not",
        "eq", "neq", "ge", "le", "gt", "lt",
    ];

    private static readonly string[] StateNames =
    [
        "all", "connected", "synchronized", "bucket", "big", "established", "syn-sent", "syn-recv", "fin-wait-1",
        "fin-wait-2", "time-wait", "closed", "close-wait", "last-ack", "listening", "closing",
    ];

    /// <summary>The items whose text starts with <paramref name="prefix"/>; all of them for an empty prefix.</summary>
    public static IReadOnlyList<CompletionItem> For(string prefix, bool onSelectorLine)
    {
        IEnumerable<(string Text, string Kind, string Doc)> candidates =
            ShortOptions.Select(o => (o, "Property", "ss option"))
            .Concat(LongOptions.Select(o => (o, "Property", "ss option")))
            .Concat(FilterKeywords.Select(k => (k, "Keyword", "ss filter keyword")))
            .Concat(StateNames.Select(s => (s, "EnumMember", "ss state")));
        if (onSelectorLine)
        {
            candidates = candidates.Concat(SelectorLine.OptionNames.Select(o => (o, "Property", SelectorLine.HelpFor(o))));
        }
        return candidates
            .Where(c => c.Text.StartsWith(prefix, StringComparison.Ordinal))
            .Select(c => new CompletionItem(c.Text, c.Kind, documentation: c.Doc))
            .ToArray();
    }
}
