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
    public async Task ThePackagedExtensionDibLoadsTheSsKernel()
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

    /// <summary>In the tool, #r runs the extension in the middle of a session, after the root's parser has cached
    /// the kernels it knows.</summary>
    [Fact]
    public async Task LoadingFromACellAfterOtherCellsMakesTheSelectorKnown()
    {
        using var root = new CompositeKernel { new CSharpKernel().UseValueSharing() };
        root.DefaultKernelName = "csharp";
        root.ChildKernels.OfType<CSharpKernel>().Single().AddAssemblyReferences(
            [typeof(SsKernel).Assembly.Location, typeof(SsResult).Assembly.Location, typeof(SocketRecord).Assembly.Location, typeof(DataFrame).Assembly.Location]);
        TestNotebook.AssertSucceeded(await root.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode("1 + 1")));
        TestNotebook.AssertSucceeded(await root.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode(
            "SsNotebook.Interactive.SsKernelExtension.Load(Microsoft.DotNet.Interactive.KernelInvocationContext.Current.HandlingKernel.RootKernel);")));

        var result = await root.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode("#!ss --name x -V"));

        TestNotebook.AssertSucceeded(result);
        Assert.Equal("ss utility, iproute2-6.10.0\n", await EvaluateAsync(root, "x.Text"));
    }

    private static async Task<object?> EvaluateAsync(CompositeKernel root, string code)
    {
        var result = await root.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode(code, "csharp"));
        TestNotebook.AssertSucceeded(result);
        return Assert.Single(result.Events.OfType<Microsoft.DotNet.Interactive.Events.ReturnValueProduced>()).Value;
    }

    [Fact]
    public void KernelsAddedLaterGetTheSelector()
    {
        using var notebook = TestNotebook.WithFakeSs();
        var later = new CSharpKernel("csharp2");

        notebook.Root.Add(later);

        Assert.Contains(later.KernelInfo.SupportedDirectives, d => d.Name == "#!ss");
    }
}
