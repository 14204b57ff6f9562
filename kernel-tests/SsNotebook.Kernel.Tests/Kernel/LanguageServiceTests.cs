using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class LanguageServiceTests
{
    [Fact]
    public async Task BodyLinesCompleteSsOptions()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.Root.SendAsync(new RequestCompletions("#!ss\n-tn --tc", new LinePosition(1, 8)));

        var completions = Assert.Single(result.Events.OfType<CompletionsProduced>());
        Assert.Contains(completions.Completions, c => c.DisplayText == "--tcp");
        Assert.DoesNotContain(completions.Completions, c => c.DisplayText == "--udp");
    }

    [Fact]
    public async Task BodyLinesCompleteFilterKeywordsAndStates()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.Root.SendAsync(new RequestCompletions("-t state est", new LinePosition(0, 12), "ss"));

        var completions = Assert.Single(result.Events.OfType<CompletionsProduced>());
        Assert.Equal(["established"], completions.Completions.Select(c => c.DisplayText));
    }

    [Fact]
    public async Task TheSelectorLineCompletesOurOptions()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.Root.SendAsync(new RequestCompletions("#!ss --na", new LinePosition(0, 9)));

        var completions = result.Events.OfType<CompletionsProduced>().SelectMany(c => c.Completions);
        Assert.Contains(completions, c => c.DisplayText == "--name");
    }

    [Fact]
    public async Task BadOptionsOnBodyLinesGetDiagnostics()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.Root.SendAsync(new RequestDiagnostics("-tan\n--bogus\n", "ss"));

        var diagnostic = Assert.Single(Assert.Single(result.Events.OfType<DiagnosticsProduced>()).Diagnostics);
        Assert.Equal(1, diagnostic.LinePositionSpan.Start.Line);
        Assert.Equal("SS0001", diagnostic.Code);
        Assert.Contains("--bogus", diagnostic.Message, StringComparison.Ordinal);
    }
}
