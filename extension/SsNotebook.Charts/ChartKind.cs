namespace SsNotebook.Charts;

/// <summary>The built-in charts of a sample set.</summary>
public enum ChartKind
{
    /// <summary>rtt per socket with its rttvar band (rtt ± rttvar) and min_rtt dotted, in ms.</summary>
    Rtt,

    /// <summary>snd_cwnd per socket with snd_ssthresh dashed and packets in flight (unacked − sacked − lost +
    /// retrans) dotted, in segments.</summary>
    Cwnd,

    /// <summary>Send-Q per socket with Recv-Q dashed and notsent_bytes dotted, in bytes.</summary>
    Queues,

    /// <summary>total_retrans per socket (cumulative retransmitted segments), marked where it grew.</summary>
    Retrans,

    /// <summary>delivery_rate per socket with pacing_rate dashed, in Mbit/s.</summary>
    Rates,

    /// <summary>snd_wnd (the peer's advertised window) per socket with rcv_wnd dashed, in bytes, where the kernel
    /// reports them.</summary>
    Windows,
}

/// <summary>Chart names as <c>--chart</c> and <see cref="PlotlyNetCharts.Charts"/> take them.</summary>
public static class ChartKinds
{
    /// <summary>Parses a <c>--chart</c> list such as "rtt,cwnd,queues" (names as in <see cref="ChartKind"/>, any case;
    /// "all" for every chart). An unknown name throws <see cref="SsException"/>.</summary>
    /// <param name="list">Chart names separated by commas, e.g. "rtt,cwnd".</param>
    public static IReadOnlyList<ChartKind> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var kinds = new List<ChartKind>();
        foreach (var word in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (word.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                return Enum.GetValues<ChartKind>();
            }
            if (!Enum.TryParse<ChartKind>(word, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                throw new SsException($"ss: unknown chart \"{word}\": use rtt, cwnd, queues, retrans, rates, windows or all");
            }
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }
        return kinds;
    }
}
