using Microsoft.Data.Analysis;
using SsNotebook.Interactive;

namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class VariableTests
{
    [Fact]
    public async Task TheResultIsSharedAsSsByDefaultWithItsFrames()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -tan"));

        var value = await notebook.EvaluateAsync("ss");

        var result = Assert.IsType<SsResult>(value);
        Assert.Equal(["-tan"], result.Arguments);
        Assert.Equal(2L, await notebook.EvaluateAsync("ss.Sockets.Rows.Count"));
        Assert.Equal(1L, await notebook.EvaluateAsync("ss.TcpInfo.Rows.Count"));
        Assert.Equal(1L, await notebook.EvaluateAsync("ss.Timers.Rows.Count"));
        Assert.Equal(1L, await notebook.EvaluateAsync("ss.Memory.Rows.Count"));
        Assert.Equal(1234u, await notebook.EvaluateAsync("ss.TcpInfo[\"rtt\"][0]"));
    }

    [Theory]
    [InlineData("#!ss --name conns -tan")]
    [InlineData("#!ss -tan --name conns")]
    [InlineData("#!ss --name=conns\n-tan")]
    public async Task NameChoosesTheVariable(string cell)
    {
        using var notebook = TestNotebook.WithFakeSs();

        TestNotebook.AssertSucceeded(await notebook.SubmitAsync(cell));

        Assert.Equal(["-tan"], Assert.Single(notebook.Invocations));
        Assert.Equal("fake ss -tan\n", await notebook.EvaluateAsync("conns.Text"));
        Assert.True(notebook.Ss.Values.ContainsKey("conns"));
        Assert.False(notebook.Ss.Values.ContainsKey("ss"));
    }

    [Fact]
    public async Task AnInvalidNameFailsTheCell()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss --name 1x -tan"));

        Assert.Equal("#!ss: --name '1x' is not a valid C# variable name", failed.Message);
        Assert.Empty(notebook.Invocations);
    }

    [Fact]
    public async Task SeveralInvocationsSetTheLastAndNumberedVariables()
    {
        using var notebook = TestNotebook.WithFakeSs();

        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -t\n-u\n-x"));

        Assert.Equal("fake ss -x\n", await notebook.EvaluateAsync("ss.Text"));
        Assert.Equal("fake ss -t\n", await notebook.EvaluateAsync("ss_1.Text"));
        Assert.Equal("fake ss -u\n", await notebook.EvaluateAsync("ss_2.Text"));
        Assert.Equal("fake ss -x\n", await notebook.EvaluateAsync("ss_3.Text"));
    }

    [Fact]
    public async Task ShareFromSsGivesTheObjectItself()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss --name listeners -tln"));

        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!csharp\n#!share --from ss listeners --as shared"));

        var shared = await notebook.EvaluateAsync("shared");
        Assert.Same(notebook.Ss.Values["listeners"], shared);
    }

    [Fact]
    public async Task SetByrefGivesTheObjectItself()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -tln"));

        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!csharp\n#!set --name copy --value @ss:ss --byref"));

        Assert.Same(notebook.Ss.Values["ss"], await notebook.EvaluateAsync("copy"));
    }

    [Fact]
    public async Task AReturnedFrameIsFormattedAsAnHtmlTable()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync("#!ss -tan"));

        var result = await notebook.SubmitAsync("ss.Sockets", "csharp");

        var value = Assert.Single(result.Events.OfType<Microsoft.DotNet.Interactive.Events.ReturnValueProduced>());
        Assert.IsType<DataFrame>(value.Value);
        var html = value.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.StartsWith(FrameHtml.Style + "<div class=\"ss-frame\"><table class=\"ss-table\"><thead><tr><th>Netid</th>", html, StringComparison.Ordinal);
    }
}
