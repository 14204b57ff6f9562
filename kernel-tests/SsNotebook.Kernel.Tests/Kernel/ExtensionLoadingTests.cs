using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using SsNotebook.Interactive;
using SsNotebook.Sockets;

namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class ExtensionLoadingTests
{
    /// <summary>Does what the tool does after <c>#r "nuget: SsNotebook"</c>: references the package's assemblies
    /// from the C# kernel and runs its interactive-extensions/dotnet/extension.dib.</summary>
    [Fact]
    public async Task The_packaged_extension_dib_loads_the_ss_kernel()
    {
        using var root = new CompositeKernel { new CSharpKernel().UseValueSharing() };
        root.DefaultKernelName = "csharp";
        root.ChildKernels.OfType<CSharpKernel>().Single().AddAssemblyReferences(
            [typeof(SsKernel).Assembly.Location, typeof(SsResult).Assembly.Location, typeof(SocketRecord).Assembly.Location, typeof(DataFrame).Assembly.Location]);

        await root.LoadAndRunInteractiveDocument(new FileInfo(Path.Combine(AppContext.BaseDirectory, "extension.dib")));

        var ss = Assert.Single(root.ChildKernels.OfType<SsKernel>());
        Assert.Equal("ss", ss.Name);
        Assert.Contains(root.ChildKernels.OfType<CSharpKernel>().Single().KernelInfo.SupportedDirectives, d => d.Name == "#!ss");
    }

    [Fact]
    public void Kernels_added_later_get_the_selector()
    {
        using var notebook = TestNotebook.WithFakeSs();
        var later = new CSharpKernel("csharp2");

        notebook.Root.Add(later);

        Assert.Contains(later.KernelInfo.SupportedDirectives, d => d.Name == "#!ss");
    }
}
