namespace SsNotebook.Sockets;

/// <summary>
/// The /proc/net/{tcp,udp,raw}[6] columns that have no netlink counterpart, kept raw (times in jiffies, as the file
/// has them) so the text writer can reproduce ss's arithmetic with its USER_HZ. For /proc records the socket
/// pointer is also stored as <see cref="SocketRecord.Cookie"/> (ss prints it as <c>sk:</c>) and the timer expiry,
/// in jiffies, as <see cref="SocketRecord.Expires"/>.
/// </summary>
public sealed record ProcSocketDetails
{
    /// <summary>The reference count column of /proc/net (ss does not print it).</summary>
    public int RefCount { get; init; }

    /// <summary>TCP: the retransmit timeout in jiffies (0 when the line has no such column).</summary>
    public int Rto { get; init; }

    /// <summary>TCP: the delayed-ack timeout in jiffies.</summary>
    public int Ato { get; init; }

    /// <summary>TCP: the quick-ack column as the file has it (ss halves it).</summary>
    public int QuickAck { get; init; }

    /// <summary>TCP: snd_cwnd (2 when the line is too short, as ss assumes).</summary>
    public uint Cwnd { get; init; }

    /// <summary>TCP: snd_ssthresh, -1 when unset (ss shows 0 then).</summary>
    public int Ssthresh { get; init; }

    /// <summary>TCP: the probes column (ss uses it as the retransmit count unless the timer is 1).</summary>
    public int Probes { get; init; }

    /// <summary>Whatever follows the parsed columns (ss prints it as <c>opt:"…"</c> with -e), or empty.</summary>
    public string Options { get; init; } = "";
}
