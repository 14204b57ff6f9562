using Microsoft.DotNet.Interactive.Events;

namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class CellFormTests
{
    [Fact]
    public async Task ArgumentsOnTheSelectorLineRunOneInvocation()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss -tanpie");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal(["-tanpie"], Assert.Single(notebook.Invocations));
        Assert.Single(TestNotebook.Displays(result));
    }

    [Fact]
    public async Task AQuotedFilterOnTheSelectorLineReachesSsAsShellWords()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss -tanpie state established '( dport = :ssh or sport = :443 )'");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal(["-tanpie", "state", "established", "( dport = :ssh or sport = :443 )"], Assert.Single(notebook.Invocations));
    }

    [Fact]
    public async Task EachBodyLineIsAnInvocationWithOptionalSsAndContinuations()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss\n-tan\nss -uan\n\n# a comment\n-t \\\n  -l src [::1]\n");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal(3, notebook.Invocations.Count);
        Assert.Equal(["-tan"], notebook.Invocations[0]);
        Assert.Equal(["-uan"], notebook.Invocations[1]);
        Assert.Equal(["-t", "-l", "src", "[::1]"], notebook.Invocations[2]);
        Assert.Equal(3, TestNotebook.Displays(result).Length);
    }

    [Fact]
    public async Task SelectorArgumentsRunBeforeTheBodyLines()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss -tln\n-uln");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal([["-tln"], ["-uln"]], notebook.Invocations.Select(i => i.ToArray()));
    }

    [Fact]
    public async Task ACellWhoseKernelIsSsNeedsNoSelectorLine()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("-tan\nss -x", "ss");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal([["-tan"], ["-x"]], notebook.Invocations.Select(i => i.ToArray()));
    }

    [Fact]
    public async Task CsharpCodeAfterAnSsSectionSeesTheVariable()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss -tan\n#!csharp\nss.Text");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal("fake ss -tan\n", Assert.Single(result.Events.OfType<ReturnValueProduced>()).Value);
    }

    [Fact]
    public async Task TheDisplayHasAnHtmlTableAndTheExactTextCollapsedAndPlain()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss -tan");

        var display = Assert.Single(TestNotebook.Displays(result));
        var html = display.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("<table class=\"ss-table\">", html, StringComparison.Ordinal);
        Assert.Contains("<th>LocalAddress</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>127.0.0.1</td><td class=\"n\">8080</td>", html, StringComparison.Ordinal);
        Assert.Contains("<details><summary>ss text</summary><pre class=\"ss-frame\">fake ss -tan\n</pre></details>", html, StringComparison.Ordinal);
        Assert.Equal("fake ss -tan\n", display.FormattedValues.Single(v => v.MimeType == "text/plain").Value);
    }

    [Fact]
    public async Task LoadingTwiceKeepsOneSsKernel()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var again = Interactive.SsKernelExtension.Load(notebook.Root);

        Assert.Same(notebook.Ss, again);
        Assert.Single(notebook.Root.ChildKernels.OfType<Interactive.SsKernel>());
    }
}
