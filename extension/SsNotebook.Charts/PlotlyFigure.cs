using System.Net;

namespace SsNotebook.Charts;

/// <summary>
/// A chart as plotly.js's figure: data, layout and config as JSON. Every renderer (our own HTML, Plotly.NET, XPlot)
/// starts from these, so charts look the same everywhere.
/// </summary>
/// <remarks>
/// The width is left to the page (<c>autosize</c>, <c>responsive</c>): a chart fills its output cell. The height
/// is fixed and counted in pixels from what the chart holds, so nothing collides for any number of sockets: the
/// plot area is 300 px high; above it the title, a line per wrapped line of its subtitle and of
/// the notes; below it the time axis, then the legend, one socket per row.
/// </remarks>
public static class PlotlyFigure
{
    internal const int PlotHeight = 300;
    internal const int TitleLine = 24;
    internal const int SmallLine = 16;
    internal const int LegendOffset = 60;
    internal const int LegendRow = 22;
    internal const int MissingHeight = 120;

    /// <summary>Subtitles and notes are wrapped at this many characters (about 420 px at 12 px).</summary>
    internal const int WrapAt = 70;

    private const string NoteColor = "#555";

    /// <summary>The config of every chart: fill the output's width and follow it.</summary>
    public static JsonObject Config() => new() { ["responsive"] = true, ["displaylogo"] = false };

    /// <summary>The figure's data: one plotly.js scatter trace per <see cref="TraceSpec"/>, its texts
    /// escaped.</summary>
    /// <param name="spec">The chart.</param>
    public static JsonArray Data(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var data = new JsonArray();
        foreach (var trace in spec.Traces)
        {
            data.Add(Trace(trace));
        }
        return data;
    }

    internal static JsonObject Trace(TraceSpec trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var color = ChartSpecs.Palette[trace.ColorIndex % ChartSpecs.Palette.Count];
        var line = new JsonObject { ["color"] = color };
        var json = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = trace.Style == TraceStyle.Markers ? "markers" : "lines",
            ["name"] = Escape(trace.Name),
            ["legendgroup"] = trace.LegendGroup,
            ["showlegend"] = trace.ShowLegend,
            ["x"] = new JsonArray([.. trace.X.Select(x => JsonValue.Create(x))]),
            ["y"] = new JsonArray([.. trace.Y.Select(y => y is { } value && double.IsFinite(value) ? JsonValue.Create(value) : null)]),
        };
        switch (trace.Style)
        {
            case TraceStyle.Dashed:
                line["dash"] = "dash";
                break;
            case TraceStyle.Dotted:
                line["dash"] = "dot";
                break;
            case TraceStyle.BandEdge:
                line["width"] = 0;
                json["hoverinfo"] = "skip";
                break;
            case TraceStyle.BandFill:
                line["width"] = 0;
                json["fill"] = "tonexty";
                json["opacity"] = 0.2;
                json["hoverinfo"] = "skip";
                break;
            case TraceStyle.Markers:
                json["marker"] = new JsonObject { ["color"] = color, ["symbol"] = "x", ["size"] = 9 };
                break;
            default:
                break;
        }
        if (trace.Style != TraceStyle.Markers)
        {
            json["line"] = line;
        }
        return json;
    }

    /// <summary>The layout: see the type's remarks for the geometry.</summary>
    /// <param name="spec">The chart.</param>
    public static JsonObject Layout(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Missing is { } missing)
        {
            return MissingLayout(spec, missing);
        }
        var subtitle = Wrap(spec.Subtitle);
        var notes = spec.Notes.SelectMany(Wrap).ToArray();
        var legendRows = spec.Traces.Count(trace => trace.ShowLegend);
        var top = 12 + TitleLine + SmallLine * (subtitle.Count + notes.Length) + 8;
        var bottom = LegendOffset + LegendRow * legendRows + 10;
        var layout = new JsonObject
        {
            ["title"] = Title(spec, subtitle),
            ["autosize"] = true,
            ["height"] = top + PlotHeight + bottom,
            ["margin"] = new JsonObject { ["t"] = top, ["b"] = bottom, ["l"] = 70, ["r"] = 30, ["autoexpand"] = false },
            ["xaxis"] = XAxis(spec),
            ["yaxis"] = YAxis(spec),
            ["hovermode"] = "x unified",
            ["showlegend"] = true,
            // One socket per row below the time axis: as many rows as sockets, never over the axis title.
            ["legend"] = new JsonObject
            {
                ["orientation"] = "v",
                ["x"] = 0,
                ["xanchor"] = "left",
                ["y"] = -(double)LegendOffset / PlotHeight,
                ["yanchor"] = "top",
                ["tracegroupgap"] = 2,
                ["font"] = new JsonObject { ["size"] = 12 },
            },
        };
        if (notes.Length > 0)
        {
            layout["annotations"] = new JsonArray(new JsonObject
            {
                ["text"] = string.Join("<br>", notes.Select(Escape)),
                ["xref"] = "paper",
                ["yref"] = "paper",
                ["x"] = 0,
                ["y"] = 1,
                ["xanchor"] = "left",
                ["yanchor"] = "bottom",
                ["align"] = "left",
                ["showarrow"] = false,
                ["font"] = new JsonObject { ["size"] = 12, ["color"] = NoteColor },
            });
        }
        return layout;
    }

    /// <summary>The chart's HTML without plotly.js: a full-width div and the script drawing into it, or for a
    /// chart with nothing to draw, the note saying why. The page must load plotly.js
    /// (<see cref="PlotlyJs.ScriptTag"/>).</summary>
    /// <param name="spec">The chart.</param>
    /// <param name="id">The div's id; null for a fresh unique one.</param>
    public static string ToHtml(ChartSpec spec, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Missing is { } missing)
        {
            return $"<div class=\"ss-chart-note\"><b>{WebUtility.HtmlEncode(spec.Title)}</b>: {WebUtility.HtmlEncode(missing)}</div>";
        }
        id ??= "ss-chart-" + Guid.NewGuid().ToString("N");
        var layout = Layout(spec);
        // JsonNode escapes <, > and & as \u003C…: no chart text can end the script element.
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<div id=\"{id}\" style=\"width:100%;height:{(int)layout["height"]!}px\"></div>")
            .Append("<script type=\"text/javascript\">Plotly.newPlot('").Append(id).Append("', ")
            .Append(Data(spec).ToJsonString()).Append(", ").Append(layout.ToJsonString()).Append(", ")
            .Append(Config().ToJsonString()).Append(");</script>")
            .ToString();
    }

    /// <summary>Splits <paramref name="text"/> into lines of at most <see cref="WrapAt"/> characters at blanks (a
    /// longer word gets a line of its own).</summary>
    internal static IReadOnlyList<string> Wrap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > WrapAt)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }
        return lines;
    }

    private static JsonObject Title(ChartSpec spec, IReadOnlyList<string> subtitle)
    {
        var text = new StringBuilder("<b>").Append(Escape(spec.Title)).Append("</b>");
        foreach (var line in subtitle)
        {
            text.Append("<br><span style=\"font-size:12px\">").Append(Escape(line)).Append("</span>");
        }
        return new JsonObject
        {
            ["text"] = text.ToString(),
            ["x"] = 0,
            ["xref"] = "paper",
            ["xanchor"] = "left",
            ["y"] = 1,
            ["yref"] = "container",
            ["yanchor"] = "top",
            ["pad"] = new JsonObject { ["t"] = 12 },
            ["font"] = new JsonObject { ["size"] = 16 },
        };
    }

    private static JsonObject XAxis(ChartSpec spec)
    {
        var axis = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = Escape(spec.XTitle) },
            ["zeroline"] = false,
            ["automargin"] = false,
        };
        if (spec.XRange is { } range)
        {
            axis["range"] = new JsonArray(range.Min, range.Max);
        }
        return axis;
    }

    private static JsonObject YAxis(ChartSpec spec)
    {
        var axis = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = Escape(spec.YTitle) },
            ["type"] = spec.LogScale ? "log" : "linear",
            ["exponentformat"] = "SI",
            ["automargin"] = false,
        };
        if (spec.YRange is { } range)
        {
            // A log axis's range is in powers of ten.
            axis["range"] = spec.LogScale ? new JsonArray(Math.Log10(range.Min), Math.Log10(range.Max)) : new JsonArray(range.Min, range.Max);
        }
        else if (!spec.LogScale)
        {
            axis["rangemode"] = "tozero";
        }
        return axis;
    }

    private static JsonObject MissingLayout(ChartSpec spec, string missing) => new()
    {
        ["title"] = Title(spec, []),
        ["autosize"] = true,
        ["height"] = MissingHeight,
        ["margin"] = new JsonObject { ["t"] = 12 + TitleLine + 8, ["b"] = 10, ["l"] = 70, ["r"] = 30, ["autoexpand"] = false },
        ["xaxis"] = new JsonObject { ["visible"] = false },
        ["yaxis"] = new JsonObject { ["visible"] = false },
        ["annotations"] = new JsonArray(new JsonObject
        {
            ["text"] = string.Join("<br>", Wrap(missing).Select(Escape)),
            ["xref"] = "paper",
            ["yref"] = "paper",
            ["x"] = 0,
            ["y"] = 0.5,
            ["xanchor"] = "left",
            ["align"] = "left",
            ["showarrow"] = false,
            ["font"] = new JsonObject { ["size"] = 14, ["color"] = NoteColor },
        }),
    };

    /// <summary>A JSON number of the figure as a double, whatever it was made from.</summary>
    internal static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>plotly.js reads a few HTML tags and entities in its texts: ours are kept from being read as such.</summary>
    internal static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
