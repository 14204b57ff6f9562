namespace SsNotebook.Charts;

/// <summary>
/// plotly.js 2.28.0 (the version Plotly.NET 6.0.0 bundles), embedded in this assembly so charts render with no
/// network and a saved notebook keeps working: <see cref="ScriptTag"/> defines <c>window.Plotly</c> once.
/// </summary>
public static class PlotlyJs
{
    public const string Version = "2.28.0";

    private const string ResourceName = "SsNotebook.Charts.plotly.min.js";

    private static readonly Lazy<string> Source = new(() => Read(ResourceName));

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Source.Value;

    /// <summary>plotly.js's licence text (MIT), shipped next to it.</summary>
    public static string License => Read(ResourceName + ".LICENSE.txt");

    /// <summary>A script element that loads the embedded plotly.js unless the page already has Plotly.</summary>
    public static string ScriptTag =>
        "<script type=\"text/javascript\">if (typeof window.Plotly === 'undefined') {\n" + Script + "\n}</script>";

    private static string Read(string name)
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from {typeof(PlotlyJs).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
