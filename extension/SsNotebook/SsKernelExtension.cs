using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using SsNotebook.Sockets;

namespace SsNotebook.Interactive;

/// <summary>Loads <c>#!ss</c> into a composite kernel: called by the package's extension.dib.</summary>
public static class SsKernelExtension
{
    /// <summary>Adds the ss kernel (once), declares <c>#!ss</c> in every child kernel, references our assemblies
    /// from the C# kernels and registers the formatters.</summary>
    public static SsKernel Load(Kernel kernel, Func<IReadOnlyList<string>, SsResult>? run = null)
    {
        var root = (kernel.RootKernel ?? kernel) as CompositeKernel
            ?? throw new ArgumentException("#!ss needs a CompositeKernel root", nameof(kernel));
        if (root.ChildKernels.OfType<SsKernel>().FirstOrDefault() is { } existing)
        {
            return existing;
        }

        RegisterFormatters();
        var ss = new SsKernel(run);
        root.Add(ss);
        foreach (var child in root.ChildKernels)
        {
            Prepare(child);
        }
        // Kernels added later (e.g. #!connect) get the selector too.
        root.RegisterForDisposal(root.KernelEvents.Subscribe(new KernelAddedObserver(root)));
        return ss;
    }

    private static void Prepare(Kernel kernel)
    {
        if (!kernel.KernelInfo.SupportedDirectives.Any(d => d.Name == SsKernel.Selector))
        {
            kernel.KernelInfo.SupportedDirectives.Add(new KernelSpecifierDirective(SsKernel.Selector, SsKernel.DefaultName)
            {
                Description = "Run ss invocations (one per line; ss arguments may follow #!ss; --name VAR names the C# variable)",
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
            ]);
        }
    }

    private static void RegisterFormatters()
    {
        Formatter.Register<DataFrame>((frame, writer) => FrameHtml.WriteTable(frame, writer), "text/html");
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(frame.ToString()), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(DataFrame), "text/html", "text/plain");
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
