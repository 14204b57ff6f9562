namespace SsNotebook.Charts;

/// <summary>How a trace is drawn.</summary>
public enum TraceStyle
{
    /// <summary>A solid line (the chart's main value).</summary>
    Solid,

    /// <summary>A dashed line (e.g. snd_ssthresh, Recv-Q, pacing_rate).</summary>
    Dashed,

    /// <summary>A dotted line (e.g. min_rtt, notsent_bytes).</summary>
    Dotted,

    /// <summary>An invisible line bounding a band (the upper edge).</summary>
    BandEdge,

    /// <summary>The lower edge of a band, filled up to the trace before it.</summary>
    BandFill,

    /// <summary>Markers only (retransmissions).</summary>
    Markers,
}

/// <summary>One line of a chart, library-neutral. Only a socket's first trace shows in the legend (named by its
/// endpoints, process and congestion control); its other traces share its legend group and colour.
/// <see cref="X"/> is in seconds since the run's first sample.</summary>
/// <param name="Name">The trace's name: the socket's label, then what the line is.</param>
/// <param name="LegendGroup">The socket's group: its traces show and hide together.</param>
/// <param name="ShowLegend">Whether the trace has a legend entry (only a socket's first).</param>
/// <param name="Style">How the line is drawn.</param>
/// <param name="ColorIndex">The socket's colour in <see cref="ChartSpecs.Palette"/>.</param>
/// <param name="X">Seconds since the run's first sample.</param>
/// <param name="Y">The values in the chart's unit; null where the socket had none (a gap).</param>
public sealed record TraceSpec(string Name, string LegendGroup, bool ShowLegend, TraceStyle Style, int ColorIndex,
    IReadOnlyList<double> X, IReadOnlyList<double?> Y);

/// <summary>A chart, library-neutral: rendered by <see cref="PlotlyFigure"/>, <see cref="PlotlyNetCharts"/> and
/// <see cref="XPlotCharts"/>.</summary>
/// <param name="Kind">Which built-in chart.</param>
/// <param name="Title">The title ("RTT", with the top-N note when sockets were left out).</param>
/// <param name="YTitle">The value axis title: the unit.</param>
/// <param name="Traces">The lines, a socket's traces together.</param>
public sealed record ChartSpec(ChartKind Kind, string Title, string YTitle, IReadOnlyList<TraceSpec> Traces)
{
    /// <summary>What the lines are ("dashed: ssthresh · …"), shown under the title.</summary>
    public string Subtitle { get; init; } = "";

    /// <summary>The time axis title: seconds since the run's first sample, named in UTC.</summary>
    public string XTitle { get; init; } = "s";

    /// <summary>The time axis range, the same for every chart of a run (the whole run unless asked otherwise);
    /// null when the run has a single sample.</summary>
    public ChartRange? XRange { get; init; }

    /// <summary>The value axis range, or null to fit the data.</summary>
    public ChartRange? YRange { get; init; }

    /// <summary>Whether the value axis is logarithmic.</summary>
    public bool LogScale { get; init; }

    /// <summary>What the reader must know about the sockets drawn ("3 idle sockets not drawn", "top 8 of 20 …").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Why nothing is drawn (no tcp_info, no socket matched), or null when something is.</summary>
    public string? Missing { get; init; }

    /// <summary>Sockets drawn, out of how many were selected and had the charted values.</summary>
    public int SocketsDrawn { get; init; }

    /// <summary>Sockets that were selected and had the charted values (tcp_info for all but the queues
    /// chart).</summary>
    public int SocketsEligible { get; init; }

    /// <summary>Selected sockets left out for moving nothing.</summary>
    public int SocketsIdle { get; init; }
}
