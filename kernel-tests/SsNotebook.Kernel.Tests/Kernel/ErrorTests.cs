namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class ErrorTests
{
    [Fact]
    public async Task A_bad_selector_line_fails_with_ss_message_only_and_skips_the_body()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss --bogus\n-tan"));

        Assert.Equal("ss: unrecognized option '--bogus'", failed.Message);
        Assert.Null(failed.Exception);
        Assert.Equal([["--bogus"]], notebook.Invocations.Select(i => i.ToArray()));
    }

    [Fact]
    public async Task A_bad_body_line_stops_the_lines_after_it()
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
    public async Task An_unterminated_quote_fails_the_cell()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss -tn 'state"));

        Assert.DoesNotContain("   at ", failed.Message, StringComparison.Ordinal);
        Assert.Empty(notebook.Invocations);
    }

    [Fact]
    public async Task The_kernel_stays_usable_after_a_failure()
    {
        using var notebook = TestNotebook.WithFakeSs();
        TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss --bogus"));

        var result = await notebook.SubmitAsync("#!ss -tan");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal("fake ss -tan\n", await notebook.EvaluateAsync("ss.Text"));
    }

    [Fact]
    public async Task A_name_option_without_value_fails()
    {
        using var notebook = TestNotebook.WithFakeSs();

        var failed = TestNotebook.AssertFailed(await notebook.SubmitAsync("#!ss -tan --name"));

        Assert.Equal("#!ss: option '--name' requires an argument", failed.Message);
    }
}
