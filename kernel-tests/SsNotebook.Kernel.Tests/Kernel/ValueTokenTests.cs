using SsNotebook.Interactive;

namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class ValueTokenTests
{
    [Fact]
    public async Task TokensOfKnownKernelsAreReplacedInsideWords()
    {
        var words = await ValueTokens.ResolveAsync(
            ["-tn", "dport", "=", ":@csharp:port", "src", "@csharp:host:@csharp:port", "unix:@foo", "@/x:y"],
            kernel => kernel == "csharp",
            (kernel, name) => Task.FromResult(name == "port" ? "5201" : "10.0.0.1"));

        Assert.Equal(["-tn", "dport", "=", ":5201", "src", "10.0.0.1:5201", "unix:@foo", "@/x:y"], words);
    }

    [Fact]
    public async Task ACsharpVariableReachesTheSelectorLineAndTheBody()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("var port = 5201; var name = \"est\";", "csharp"));

        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -tin dport = :@csharp:port --name @csharp:name\nss -tan sport = :@csharp:port"));

        Assert.Equal(["-tin", "dport", "=", ":5201"], notebook.Invocations[0]);
        Assert.Equal(["-tan", "sport", "=", ":5201"], notebook.Invocations[1]);
        Assert.Equal("fake ss -tan|sport|=|:5201\n", await notebook.EvaluateAsync("est.Text"));
    }

    [Fact]
    public async Task AMissingVariableFailsTheCellNamingTheToken()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss -tn dport = :@csharp:nosuch");

        var failure = TestNotebook.AssertFailed(result);
        Assert.StartsWith("#!ss: @csharp:nosuch: ", failure.Message, StringComparison.Ordinal);
        Assert.Empty(notebook.Invocations);
    }

    [Fact]
    public async Task LinesWithATokenGetNoDiagnosticsBeforeTheValueIsKnown()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.Root.SendAsync(new Microsoft.DotNet.Interactive.Commands.RequestDiagnostics(
            "-tn dport = :@csharp:port\n-tn dport = :nosuchport\n", "ss"));

        var produced = Assert.Single(result.Events.OfType<Microsoft.DotNet.Interactive.Events.DiagnosticsProduced>());
        Assert.Equal(1, Assert.Single(produced.Diagnostics).LinePositionSpan.Start.Line);
    }
}
