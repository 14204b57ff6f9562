using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Parsing;
using SsNotebook.Interactive;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>The shapes of the .NET Interactive internals <see cref="InteractiveShims"/> relies on: each test fails
/// when an upgrade of the package changes one.</summary>
public sealed class InteractiveShimsTests
{
    [Fact]
    public void TheDirectiveCommandTypeIsAnInternalKernelCommand()
    {
        var type = typeof(KernelCommand).Assembly.GetType(InteractiveShims.DirectiveCommandTypeName);

        Assert.NotNull(type);
        Assert.True(type.IsSubclassOf(typeof(KernelCommand)));
        Assert.False(type.IsPublic);
    }

    [Fact]
    public async Task ASelectorLineDeclaredInAChildKernelBecomesADirectiveCommandCarryingTheLine()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var commands = await notebook.Root.SubmissionParser.SplitSubmission(new SubmitCode("#!ss --name x -tan\n-V\n"));

        var directive = Assert.Single(commands, InteractiveShims.IsDirectiveCommand);
        Assert.Equal(InteractiveShims.DirectiveCommandTypeName, directive.GetType().FullName);
        Assert.StartsWith(InteractiveShims.DirectiveTextPrefix, directive.ToString(), StringComparison.Ordinal);
        Assert.Equal("#!ss --name x -tan", InteractiveShims.DirectiveText(directive));
        Assert.DoesNotContain(commands, command => command is SubmitCode code && code.Code.Contains("#!ss", StringComparison.Ordinal));
    }

    [Fact]
    public void OtherCommandsHaveNoDirectiveText()
    {
        var code = new SubmitCode("Directive: #!ss -t");

        Assert.False(InteractiveShims.IsDirectiveCommand(code));
        Assert.Null(InteractiveShims.DirectiveText(new RequestKernelInfo()));
    }

    [Fact]
    public void TheParserResetIsAParameterlessNonPublicInstanceMethod()
    {
        var reset = InteractiveShims.ResetParserMethod;

        Assert.NotNull(reset);
        Assert.Equal(typeof(SubmissionParser), reset.DeclaringType);
        Assert.Equal(typeof(void), reset.ReturnType);
        Assert.Empty(reset.GetParameters());
        Assert.False(reset.IsPublic);
        Assert.False(reset.IsStatic);
    }

    [Fact]
    public async Task ForgettingParsedKernelsMakesALaterSelectorKnown()
    {
        using var root = new CompositeKernel { new Microsoft.DotNet.Interactive.CSharp.CSharpKernel() };
        root.DefaultKernelName = "csharp";
        Assert.DoesNotContain(await root.SubmissionParser.SplitSubmission(new SubmitCode("#!ss -t\n")), InteractiveShims.IsDirectiveCommand);

        SsKernelExtension.Load(root);

        Assert.Single(await root.SubmissionParser.SplitSubmission(new SubmitCode("#!ss -t\n")), InteractiveShims.IsDirectiveCommand);
    }
}
