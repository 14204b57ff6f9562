namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class ErrorTests
{
    [Fact]
    public async Task ABadSelectorLineFailsWithSsMessageOnlyAndSkipsTheBody()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss --bogus\n-tan"));

        Assert.Equal("ss: unrecognized option '--bogus'", failed.Message);
        Assert.Null(failed.Exception);
        Assert.Equal([["--bogus"]], notebook.Invocations.Select(i => i.ToArray()));
    }

    [Fact]
    public async Task ABadBodyLineStopsTheLinesAfterIt()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var result = await notebook.SubmitAsync("#!ss\n-t\n--bogus\n-u");

        var failed = TestNotebook.AssertFailed(result);
        Assert.Equal("ss: unrecognized option '--bogus'", failed.Message);
        Assert.DoesNotContain("   at ", failed.Message, StringComparison.Ordinal);
        Assert.Equal([["-t"], ["--bogus"]], notebook.Invocations.Select(i => i.ToArray()));
        Assert.Single(TestNotebook.Displays(result));
    }

    [Fact]
    public async Task AnUnterminatedQuoteFailsTheCell()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss -tn 'state"));

        Assert.DoesNotContain("   at ", failed.Message, StringComparison.Ordinal);
        Assert.Empty(notebook.Invocations);
    }

    [Fact]
    public async Task TheKernelStaysUsableAfterAFailure()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss --bogus"));

        var result = await notebook.SubmitAsync("#!ss -tan");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal("fake ss -tan\n", await notebook.EvaluateAsync("ss.Text"));
    }

    [Fact]
    public async Task ANameOptionWithoutValueFails()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss -tan --name"));

        Assert.Equal("#!ss: option '--name' requires an argument", failed.Message);
    }
}
