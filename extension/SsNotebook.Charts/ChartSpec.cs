namespace SsNotebook.Charts;

/// <summary>How a trace's line is drawn.</summary>
public enum TraceStyle
{
    Solid,
    Dashed,
    Dotted,

    /// <summary>An invisible line bounding a band (the upper edge).</summary>
    BandEdge,

    /// <summary>The lower edge of a band, filled up to the trace before it.</summary>
    BandFill,
}

/// <summary>One line of a chart, library-neutral. Only a socket's first trace shows in the legend (named
/// local→peer); its other traces share its legend group and colour.</summary>
public sealed record TraceSpec(string Name, string LegendGroup, bool ShowLegend, TraceStyle Style, int ColorIndex,
    IReadOnlyList<DateTime> X, IReadOnlyList<double?> Y);

/// <summary>A chart, library-neutral: rendered by <see cref="PlotlyNetCharts"/> and <see cref="XPlotCharts"/>.</summary>
public sealed record ChartSpec(ChartKind Kind, string Title, string YTitle, IReadOnlyList<TraceSpec> Traces)
{
    /// <summary>Sockets drawn, out of how many had the charted values (the top-N rule of
    /// <see cref="Sampling.SocketSeriesExtractor"/>).</summary>
    public int SocketsDrawn { get; init; }

    public int SocketsEligible { get; init; }
}
