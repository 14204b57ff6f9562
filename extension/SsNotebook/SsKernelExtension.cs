using Microsoft.DotNet.Interactive.CSharp;

namespace SsNotebook.Interactive;

/// <summary>Loads <c>#!ss</c> into a composite kernel: called by the package's extension.dib.</summary>
public static class SsKernelExtension
{
    /// <summary>Adds the ss kernel (once), declares <c>#!ss</c> in every child kernel, references our assemblies
    /// from the C# kernels and registers the formatters.</summary>
    /// <param name="kernel">Any kernel of the notebook; the ss kernel joins its root composite kernel.</param>
    /// <param name="run">Runs one invocation instead of
    /// <see cref="Ss.Run(IReadOnlyList{string}, Query.SsEnvironment)"/>
    /// (tests replay canned results with it); null for live collection.</param>
    public static SsKernel Load(Kernel kernel, Func<IReadOnlyList<string>, SsResult>? run = null)
    {
        var root = (kernel.RootKernel ?? kernel) as CompositeKernel
            ?? throw new ArgumentException("#!ss needs a CompositeKernel root", nameof(kernel));
        if (root.ChildKernels.OfType<SsKernel>().FirstOrDefault() is { } existing)
        {
            return existing;
        }

        // Before anything can touch Plotly.NET: its FSharp.Core must bind to the one the host has loaded.
        FSharpCoreBinding.Install();
        _ = FormattersRegistered.Value;
        var ss = new SsKernel(run, PlotlyJsOnce.Shared);
        root.Add(ss);
        foreach (var child in root.ChildKernels)
        {
            Prepare(child);
        }
        // Microsoft.Data.Analysis' own extension may register its DataFrame formatter after us (the tool loads
        // package extensions when the #r cell ends): ours go back in front before and after every command.
        root.AddMiddleware(async (command, context, next) =>
        {
            FrameFormatters.EnsureFirst();
            await next(command, context);
            FrameFormatters.EnsureFirst();
        });
        // Kernels added later (e.g. #!connect) get the selector too.
        root.RegisterForDisposal(root.KernelEvents.Subscribe(new KernelAddedObserver(root)));
        // The root's submission parser caches the kernels it knows after its first submission. Adding a kernel
        // resets it only when the kernel declares its selector at the root, which ss must not (see SsKernel), so a
        // notebook that loads us with #r (after cells have run) would not know #!ss without this.
        InteractiveShims.ForgetParsedKernels(root);
        return ss;
    }

    private static void Prepare(Kernel kernel)
    {
        if (!kernel.KernelInfo.SupportedDirectives.Any(d => d.Name == SsKernel.Selector))
        {
            kernel.KernelInfo.SupportedDirectives.Add(new KernelSpecifierDirective(SsKernel.Selector, SsKernel.DefaultName)
            {
                Description = "Run ss invocations (one per line; ss arguments may follow #!ss; --name VAR names the C# variable; --samples N --interval T [--chart LIST] [--record FILE] samples them; --replay FILE replays a recording)",
            });
        }
        if (kernel is CSharpKernel csharp)
        {
            csharp.AddAssemblyReferences(
            [
                typeof(SsResult).Assembly.Location,
                typeof(SocketRecord).Assembly.Location,
                typeof(DataFrame).Assembly.Location,
                typeof(SsKernel).Assembly.Location,
                typeof(SampleSet).Assembly.Location,
                .. ChartHtml.ChartAssemblies(),
            ]);
            // The chart methods are extension methods: their namespace must be in scope for `ss.RttChart()`.
            // Microsoft.Data.Analysis too: `new DataFrame(...)` and column types in the next cell, as users expect.
            csharp.DeferCommand(new SubmitCode("using Microsoft.Data.Analysis; using SsNotebook; using SsNotebook.Sampling; using SsNotebook.Charts;"));
        }
    }

    /// <summary>Formatters are process-wide: registered once, whatever the number of kernels loading us.</summary>
    private static readonly Lazy<bool> FormattersRegistered = new(() =>
    {
        RegisterFormatters(PlotlyJsOnce.Shared);
        return true;
    });

    private static void RegisterFormatters(PlotlyJsOnce plotlyJs)
    {
        Formatter.Register<SampleSet>((set, writer) => writer.Write(SampleHtml.Summary(set)), "text/html");
        Formatter.Register<SampleSet>((set, writer) => writer.Write(set + "\n" + set.Text), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(SampleSet), "text/html", "text/plain");
        ChartHtml.RegisterFormatters(plotlyJs);
        FrameFormatters.EnsureFirst();
        Formatter.Register<SsResult>((result, writer) => writer.Write(FrameHtml.Result(result, "")), "text/html");
        Formatter.Register<SsResult>((result, writer) => writer.Write(result.Text), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(SsResult), "text/html", "text/plain");
    }

    private sealed class KernelAddedObserver(CompositeKernel root) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value)
        {
            if (value is KernelInfoProduced produced && root.FindKernelByName(produced.KernelInfo.LocalName) is { } kernel && kernel != root)
            {
                Prepare(kernel);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
