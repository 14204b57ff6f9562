using System.IO.Compression;

namespace SsNotebook.Charts;

/// <summary>
/// plotly.js 2.28.0 (the version Plotly.NET 6.0.0 bundles) in its "basic" partial bundle (npm
/// <c>plotly.js-basic-dist-min</c>: the scatter, bar and pie traces, MIT), embedded in this assembly so charts render
/// with no network and a saved notebook keeps working: <see cref="ScriptTag"/> defines <c>window.Plotly</c> once.
/// The full bundle would add 2.6 MB to every cell with a chart for trace types our charts never draw.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version embedded in this assembly.</summary>
    public const string Version = "2.28.0";

    /// <summary>The partial bundle embedded: the trace types it draws are scatter, bar and pie.</summary>
    public const string Bundle = "basic";

    private const string ResourceName = "SsNotebook.Charts.plotly.min.js";

    private static readonly Lazy<string> Source = new(() => Read(ResourceName));

    private static readonly Lazy<string> Loader = new(() => BuildLoader(Source.Value));

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Source.Value;

    /// <summary>plotly.js's licence text (MIT), shipped next to it.</summary>
    public static string License => Read(ResourceName + ".LICENSE.txt");

    /// <summary>
    /// A script element that provides <c>window.Plotly</c> unless the page already has it, with no network access.
    /// plotly.js travels gzip-compressed (about 450 KB of base64 instead of 1 MB: it is saved in every notebook cell
    /// that shows charts) and is inflated by the browser's DecompressionStream. Until it is ready, a stand-in
    /// queues <c>Plotly.newPlot</c>/<c>Plotly.react</c> calls, so charts written right after this tag (ours,
    /// Plotly.NET's and XPlot's call newPlot at once) are drawn as soon as it is.
    /// </summary>
    public static string ScriptTag => Loader.Value;

    private static string BuildLoader(string script)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write(script);
        }
        var base64 = Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length);
        // require.js (classic Jupyter) would capture plotly's UMD wrapper: hide `define` while it evaluates.
        return "<script type=\"text/javascript\">(function () {\n"
            + "if (typeof window.Plotly !== 'undefined') { return; }\n"
            + "var pending = [];\n"
            + "function later(name) { return function () { var args = arguments; return new Promise(function (done, fail) { pending.push([name, args, done, fail]); }); }; }\n"
            + "window.Plotly = { ssnbLoading: true, newPlot: later('newPlot'), react: later('react') };\n"
            + "var packed = '" + base64 + "';\n"
            + "var bytes = Uint8Array.from(atob(packed), function (c) { return c.charCodeAt(0); });\n"
            + "new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text().then(function (source) {\n"
            + "  var define = window.define; window.define = undefined; window.Plotly = undefined;\n"
            + "  try { (0, eval)(source); } finally { window.define = define; }\n"
            + "  pending.forEach(function (call) {\n"
            + "    try { Promise.resolve(window.Plotly[call[0]].apply(window.Plotly, call[1])).then(call[2], call[3]); } catch (e) { call[3](e); }\n"
            + "  });\n"
            + "});\n"
            + "})();</script>";
    }

    private static string Read(string name)
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from {typeof(PlotlyJs).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
