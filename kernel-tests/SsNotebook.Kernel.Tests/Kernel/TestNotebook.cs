using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using SsNotebook.Frames.Tests;
using SsNotebook.Interactive;
using SsNotebook.Query;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>A composite kernel like the tool's (C# with value sharing) with #!ss loaded, optionally over a fake
/// runner that records the argv it was given.</summary>
internal sealed class TestNotebook : IDisposable
{
    public CompositeKernel Root { get; }

    public SsKernel Ss { get; }

    public List<IReadOnlyList<string>> Invocations { get; } = [];

    private TestNotebook(bool fake)
    {
        Root = new CompositeKernel { new CSharpKernel().UseKernelHelpers().UseValueSharing() };
        Root.DefaultKernelName = "csharp";
        Ss = SsKernelExtension.Load(Root, fake ? FakeRun : null);
    }

    /// <summary>#!ss answered by <see cref="FakeRun"/>: no sockets needed, argv recorded.</summary>
    public static TestNotebook WithFakeSs() => new(fake: true);

    /// <summary>#!ss answered by the real collector.</summary>
    public static TestNotebook WithRealSs() => new(fake: false);

    /// <summary>Fails like ss for "--bogus"; otherwise returns the sample sockets with a text naming the arguments.</summary>
    private SsResult FakeRun(IReadOnlyList<string> arguments)
    {
        Invocations.Add(arguments);
        if (arguments.Contains("--bogus"))
        {
            throw new SsException("ss: unrecognized option '--bogus'");
        }
        var text = "fake ss " + string.Join('|', arguments) + "\n";
        return new SsResult(arguments, new SsQuery(), [SampleSockets.Listener(), SampleSockets.Connection()], null, text, DateTimeOffset.UnixEpoch);
    }

    public Task<KernelCommandResult> SubmitAsync(string code, string? targetKernelName = null) =>
        Root.SendAsync(new SubmitCode(code, targetKernelName));

    /// <summary>Evaluates a C# expression and returns its value.</summary>
    public async Task<object?> EvaluateAsync(string expression)
    {
        var result = await SubmitAsync(expression, "csharp");
        AssertSucceeded(result);
        return Assert.Single(result.Events.OfType<ReturnValueProduced>()).Value;
    }

    /// <summary>The value the ss kernel shares as <paramref name="name"/>, once it has: an interrupted cell shares
    /// after it was reported cancelled.</summary>
    public async Task<T> WaitForValueAsync<T>(string name)
    {
        // Generous: the cell stops at once, but a loaded machine may take a while to finish it.
        for (var i = 0; i < 600; i++)
        {
            if (Ss.Values.TryGetValue(name, out var value))
            {
                return (T)value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{name} was never shared");
    }

    public static void AssertSucceeded(KernelCommandResult result)
    {
        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Message);
    }

    public static CommandFailed AssertFailed(KernelCommandResult result) =>
        Assert.Single(result.Events.OfType<CommandFailed>());

    public static DisplayedValueProduced[] Displays(KernelCommandResult result) =>
        result.Events.OfType<DisplayedValueProduced>().Where(d => d.Value is SsResult).ToArray();

    public void Dispose() => Root.Dispose();
}
