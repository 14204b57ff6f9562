namespace SsNotebook.Charts;

/// <summary>How a trace is drawn.</summary>
public enum TraceStyle
{
    Solid,
    Dashed,
    Dotted,

    /// <summary>An invisible line bounding a band (the upper edge).</summary>
    BandEdge,

    /// <summary>The lower edge of a band, filled up to the trace before it.</summary>
    BandFill,

    /// <summary>Markers only (retransmissions).</summary>
    Markers,
}

/// <summary>One line of a chart, library-neutral. Only a socket's first trace shows in the legend (named by
/// <see cref="Sampling.SocketActivity.Label"/>); its other traces share its legend group and colour.
/// <see cref="X"/> is in seconds since the run's first sample.</summary>
public sealed record TraceSpec(string Name, string LegendGroup, bool ShowLegend, TraceStyle Style, int ColorIndex,
    IReadOnlyList<double> X, IReadOnlyList<double?> Y);

/// <summary>A chart, library-neutral: rendered by <see cref="PlotlyFigure"/>, <see cref="PlotlyNetCharts"/> and
/// <see cref="XPlotCharts"/>.</summary>
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

    public bool LogScale { get; init; }

    /// <summary>What the reader must know about the sockets drawn ("3 idle sockets not drawn", "top 8 of 20 …").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Why nothing is drawn (no tcp_info, no socket matched), or null when something is.</summary>
    public string? Missing { get; init; }

    /// <summary>Sockets drawn, out of how many were selected and had the charted values.</summary>
    public int SocketsDrawn { get; init; }

    public int SocketsEligible { get; init; }

    /// <summary>Selected sockets left out for moving nothing.</summary>
    public int SocketsIdle { get; init; }
}
