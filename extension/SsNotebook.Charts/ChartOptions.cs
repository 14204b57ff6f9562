namespace SsNotebook.Charts;

/// <summary>An axis range, e.g. <c>(0, 100)</c> in C# or <c>0:100</c> on a <c>#!ss</c> line.</summary>
/// <param name="Min">The lowest value shown.</param>
/// <param name="Max">The highest value shown.</param>
public readonly record struct ChartRange(double Min, double Max)
{
    /// <summary>A range from a tuple, so C# callers write <c>range: (0, 100)</c>.</summary>
    /// <param name="range">The minimum and maximum.</param>
    public static implicit operator ChartRange((double Min, double Max) range) => new(range.Min, range.Max);

    /// <summary>Parses <c>MIN:MAX</c> (numbers with a dot for decimals, MIN below MAX). A bad range throws
    /// <see cref="SsException"/> naming <paramref name="option"/>.</summary>
    /// <param name="text">The range, e.g. <c>0:100</c>.</param>
    /// <param name="option">The option it came with, for the message (e.g. <c>--chart-range</c>).</param>
    public static ChartRange Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length == 2 && Number(parts[0]) is { } min && Number(parts[1]) is { } max && min < max)
        {
            return new ChartRange(min, max);
        }
        throw new SsException($"#!ss: {option} '{text}' is not a range MIN:MAX (e.g. 0:100)");
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}

/// <summary>What a built-in chart draws and how. The defaults draw the 8 busiest non-idle sockets, linear axes,
/// the whole run.</summary>
public sealed record ChartOptions
{
    /// <summary>The options a chart gets when given none.</summary>
    public static ChartOptions Default { get; } = new();

    /// <summary>The sockets to draw: an ss filter (<c>dport = :5201</c>) or cookies as ss prints them
    /// (<c>sk:31dcc</c>); null for all.</summary>
    public string? Sockets { get; init; }

    /// <summary><see cref="Sockets"/> already parsed, used instead of parsing it again (a cell redrawing its charts
    /// every second parses its selection once: a host name in it would be resolved at every redraw).</summary>
    internal SocketSelector? Selector { get; init; }

    /// <summary>At most this many sockets, the busiest by bytes moved.</summary>
    public int Top { get; init; } = SocketSeriesExtractor.DefaultTop;

    /// <summary>Draw sockets that moved no bytes and queued none during the run (left out by default).</summary>
    public bool IncludeIdle { get; init; }

    /// <summary>A logarithmic value axis.</summary>
    public bool LogScale { get; init; }

    /// <summary>The value axis range (in the chart's unit); null to fit the data.</summary>
    public ChartRange? Range { get; init; }

    /// <summary>The time axis range in seconds since the run's first sample; null for the whole run.</summary>
    public ChartRange? Time { get; init; }
}
