using System.Runtime.Loader;

namespace SsNotebook.Interactive;

/// <summary>
/// Plotly.NET 6 is built against FSharp.Core 10.1, but the dotnet-interactive tool has already loaded its own
/// FSharp.Core 10.0 into the default context, so the first chart would fail to load its F# runtime. Answering the
/// failed lookup with the loaded FSharp.Core fixes it (the API Plotly.NET uses exists in both).
/// </summary>
internal static class FSharpCoreBinding
{
    private const string FSharpCore = "FSharp.Core";

    private static readonly Lazy<bool> Installed = new(() =>
    {
        AssemblyLoadContext.Default.Resolving += ResolveLoadedFSharpCore;
        return true;
    });

    /// <summary>Installs the handler once per process (idempotent).</summary>
    public static void Install() => _ = Installed.Value;

    private static Assembly? ResolveLoadedFSharpCore(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name != FSharpCore)
        {
            return null;
        }
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly.GetName().Name == FSharpCore)
            .OrderByDescending(assembly => assembly.GetName().Version)
            .FirstOrDefault();
    }
}
