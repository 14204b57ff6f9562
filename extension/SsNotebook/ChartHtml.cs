using Plotly.NET;
using XPlot.Plotly;

namespace SsNotebook.Interactive;

/// <summary>
/// HTML of the built-in charts. This is the only kernel type that touches Plotly.NET (and so FSharp.Core): it is
/// first used after <see cref="FSharpCoreBinding"/> is installed.
/// </summary>
internal static class ChartHtml
{
    /// <summary>The charts of <paramref name="kinds"/>, one under the other, each the output's width, without
    /// plotly.js; a chart with nothing to draw is a note saying why.</summary>
    public static string Charts(SampleSet set, IReadOnlyList<ChartKind> kinds, ChartOptions options)
    {
        var html = new StringBuilder();
        foreach (var spec in ChartSpecs.Build(set, kinds, options))
        {
            html.Append("<div class=\"ss-chart\">").Append(PlotlyFigure.ToHtml(spec)).Append("</div>");
        }
        return html.ToString();
    }

    /// <summary>
    /// Displays Plotly.NET and XPlot.Plotly charts returned from C#: plotly.js (embedded, no CDN) comes with the
    /// first chart of each cell. Plotly.NET 6 has no usable formatter of its own and XPlot none at all.
    /// </summary>
    public static void RegisterFormatters(PlotlyJsOnce plotlyJs)
    {
        Formatter.Register<GenericChart>(
            (chart, writer) => writer.Write(chart.ToHtml(plotlyJs.TryClaim(KernelInvocationContext.Current?.Command))), "text/html");
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), "text/html");
        Formatter.Register<PlotlyChart>(
            (chart, writer) => writer.Write(chart.ToHtml(plotlyJs.TryClaim(KernelInvocationContext.Current?.Command))), "text/html");
        Formatter.SetPreferredMimeTypesFor(typeof(PlotlyChart), "text/html");
    }

    /// <summary>The chart libraries a C# cell needs references to, to call the chart methods.</summary>
    public static IEnumerable<string> ChartAssemblies() =>
        [typeof(PlotlyNetCharts).Assembly.Location, typeof(GenericChart).Assembly.Location, typeof(PlotlyChart).Assembly.Location];
}
