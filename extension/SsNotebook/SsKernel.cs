using System.Text.Json;
using Microsoft.DotNet.Interactive.ValueSharing;
using SsNotebook.Recording;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace SsNotebook.Interactive;

/// <summary>
/// The <c>ss</c> subkernel: each line of a cell is an ss invocation run by our collector; each result is displayed
/// (sockets table and the exact ss text) and shared with the C# kernel as a variable.
/// </summary>
/// <remarks>
/// Arguments on the <c>#!ss</c> line itself reach us through the selector's own (internal) directive command,
/// which the parser creates because <c>#!ss</c> is declared in each child kernel's directives rather than the
/// root's (see <see cref="SsKernelExtension"/>). That command arrives before the cell body, with the original
/// submission as its parent, so both are tied to one <see cref="CellRun"/>.
/// </remarks>
public sealed class SsKernel :
    Kernel,
    IKernelCommandHandler<SubmitCode>,
    IKernelCommandHandler<RequestValue>,
    IKernelCommandHandler<RequestValueInfos>,
    IKernelCommandHandler<RequestDiagnostics>
{
    /// <summary>The kernel's name: cells run in it with <c>#!ss</c>.</summary>
    public const string DefaultName = "ss";

    /// <summary>The directive that starts an ss cell or line.</summary>
    public const string Selector = "#!ss";

    private readonly Func<IReadOnlyList<string>, SsResult> _run;
    private readonly PlotlyJsOnce _plotlyJs;
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);
    private CellRun? _cell;

    /// <param name="run">Runs one invocation; <see cref="Ss.Run(IReadOnlyList{string}, SsEnvironment?)"/> by default.</param>
    /// <param name="plotlyJs">Which outputs carry plotly.js; by default the one the chart formatters use.</param>
    internal SsKernel(Func<IReadOnlyList<string>, SsResult>? run = null, PlotlyJsOnce? plotlyJs = null) : base(DefaultName)
    {
        _run = run ?? (arguments => Ss.Run(arguments));
        _plotlyJs = plotlyJs ?? PlotlyJsOnce.Shared;
        KernelInfo.LanguageName = "ss";
        KernelInfo.DisplayName = "ss - socket statistics";
        KernelInfo.Description = "ss 6.10 invocations, one per line, answered by SsNotebook's own sock_diag collector";
        AddMiddleware(HandleSelectorLineAsync);
        // A registered handler is consulted before the built-in directive completion, so the #!ss line is ours too.
        RegisterCommandHandler<RequestCompletions>(HandleCompletionsAsync);
    }

    /// <summary>None at the root: <see cref="SsKernelExtension"/> declares <c>#!ss</c> in every child kernel instead,
    /// so that arguments on the selector line are not validated as directive parameters.</summary>
    public override KernelSpecifierDirective KernelSpecifierDirective => null!;

    /// <summary>The last share made on its own after an interruption (completed when there was none): a C# cell
    /// submitted in the same instant as the interruption could otherwise run before the variable is declared.</summary>
    internal Task InterruptedShare { get; private set; } = Task.CompletedTask;

    /// <summary>The results shared so far, by variable name: an <see cref="SsResult"/> per invocation, a
    /// <see cref="SampleSet"/> per sampled or replayed one.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    private async Task HandleSelectorLineAsync(KernelCommand command, KernelInvocationContext context, KernelPipelineContinuation next)
    {
        if (InteractiveShims.IsDirectiveCommand(command) && SelectorArguments(command) is { } selectorText)
        {
            var cell = CellFor(command);
            if (!cell.Failed)
            {
                var words = await GuardAsync(cell, command, context, () => ValueTokens.ResolveAsync(ShellWords.Split(selectorText), RootKernel, command));
                var selector = words is null ? null : Guard(cell, command, context, () => SelectorLine.Parse(words));
                if (selector is not null)
                {
                    cell.Options = selector.Options;
                    if (selector.Options.ReplayPath is { } recording)
                    {
                        await ReplayAsync(cell, recording, command, context);
                    }
                    else if (selector.SsArguments.Count > 0)
                    {
                        await RunAsync(cell, selector.SsArguments, command, context);
                    }
                }
            }
        }
        await next(command, context);
    }

    /// <summary>The text after <c>#!ss</c> when <paramref name="command"/> is our selector line, else null.</summary>
    private static string? SelectorArguments(KernelCommand command)
    {
        var directive = InteractiveShims.DirectiveText(command);
        if (directive is null || !directive.StartsWith(Selector, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = directive[Selector.Length..];
        return rest.Length == 0 || char.IsWhiteSpace(rest[0]) ? rest : null;
    }

    async Task IKernelCommandHandler<SubmitCode>.HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        var cell = CellFor(command);
        foreach (var (text, _) in CellScript.LogicalLines(command.Code))
        {
            if (cell.Failed || context.CancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (CellScript.IsBlankOrComment(text))
            {
                continue;
            }
            if (cell.Options.ReplayPath is not null)
            {
                Guard<object>(cell, command, context, () => throw new SsException(SelectorLine.ReplayTakesNoArguments));
                return;
            }
            var arguments = await GuardAsync(cell, command, context, () => ValueTokens.ResolveAsync(CellScript.Arguments(text), RootKernel, command));
            if (arguments is not null)
            {
                await RunAsync(cell, arguments, command, context);
            }
        }
    }

    /// <summary>The cell a command belongs to: split parts of one submission share its parent.</summary>
    private CellRun CellFor(KernelCommand command)
    {
        var key = command.Parent ?? command;
        if (_cell is null || !ReferenceEquals(_cell.Key, key))
        {
            _cell = new CellRun(key);
        }
        return _cell;
    }

    private async Task RunAsync(CellRun cell, IReadOnlyList<string> arguments, KernelCommand command, KernelInvocationContext context)
    {
        if (cell.Options.IsSampling)
        {
            var sampling = new SamplingCell(cell.Options, _plotlyJs, command, context);
            var name = cell.Options.VariableName;
            var set = await GuardAsync(cell, command, context, () => sampling.SampleAsync(arguments));
            if (set is not null)
            {
                // Kept before anything is drawn: an interrupted cell must not lose its samples to a slow chart.
                await KeepAsync(cell, set, context);
                Guard(cell, command, context, () => sampling.ShowFinal(set, name));
                if (sampling.RecordError is { } error)
                {
                    Guard<object>(cell, command, context, () => throw new SsException(error));
                }
            }
            return;
        }
        if (FollowsEvents(arguments))
        {
            var events = new EventsCell(cell.Options, command, context);
            var log = await GuardAsync(cell, command, context, () => events.FollowAsync(arguments));
            if (log is not null)
            {
                await KeepAsync(cell, log, context);
                Guard(cell, command, context, () => { events.ShowFinal(log, cell.Options.VariableName); return log; });
            }
            return;
        }
        if (cell.Options.Duration is not null)
        {
            Guard<object>(cell, command, context, () => throw new SsException("#!ss: --duration is for -E (--events) cells"));
            return;
        }
        var result = Guard(cell, command, context, () => _run(arguments));
        if (result is null)
        {
            return;
        }
        context.Publish(new DisplayedValueProduced(
            result,
            command,
            [new FormattedValue("text/html", FrameHtml.Result(result, cell.Options.VariableName)), new FormattedValue("text/plain", result.Text)]));
        await KeepAsync(cell, result, context);
    }

    /// <summary>True when <paramref name="arguments"/> ask ss to follow events (-E); a bad command line is left for
    /// the invocation itself to report.</summary>
    private static bool FollowsEvents(IReadOnlyList<string> arguments)
    {
        try
        {
            return SsCommandLine.Parse(arguments, SsEnvironment.FromProcess(), TextReader.Null).Query.Mode == QueryMode.Events;
        }
        catch (SsException)
        {
            return false;
        }
    }

    private async Task ReplayAsync(CellRun cell, string path, KernelCommand command, KernelInvocationContext context)
    {
        var sampling = new SamplingCell(cell.Options, _plotlyJs, command, context);
        var set = Guard(cell, command, context, () => SampleSet.Replay(Path.GetFullPath(path)));
        if (set is not null)
        {
            await KeepAsync(cell, set, context);
            Guard(cell, command, context, () => sampling.ShowFinal(set, cell.Options.VariableName));
        }
    }

    /// <summary>Shares a result with the C# kernel. Several invocations in one cell: the variable holds the last,
    /// NAME_1, NAME_2, … hold each one.</summary>
    private async Task KeepAsync(CellRun cell, object result, KernelInvocationContext context)
    {
        cell.Results.Add(result);
        var name = cell.Options.VariableName;
        await ShareAsync(name, result, context);
        if (cell.Results.Count == 2)
        {
            await ShareAsync(name + "_1", cell.Results[0], context);
        }
        if (cell.Results.Count >= 2)
        {
            await ShareAsync(name + "_" + cell.Results.Count, result, context);
        }
    }

    /// <summary>Runs <paramref name="step"/>; an SsException (or any failure) fails the cell with its message alone,
    /// and the rest of the cell is skipped.</summary>
    private static T? Guard<T>(CellRun cell, KernelCommand command, KernelInvocationContext context, Func<T> step) where T : class
    {
        try
        {
            return step();
        }
        catch (SsException exception)
        {
            cell.Failed = true;
            context.Fail(command, message: exception.Message);
        }
        catch (RecordingException exception)
        {
            cell.Failed = true;
            context.Fail(command, message: $"#!ss --replay: {exception.Message}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            cell.Failed = true;
            context.Fail(command, message: $"ss: {exception.Message}");
        }
        return null;
    }

    /// <summary><see cref="Guard{T}"/> for asynchronous steps.</summary>
    private static async Task<T?> GuardAsync<T>(CellRun cell, KernelCommand command, KernelInvocationContext context, Func<Task<T>> step) where T : class
    {
        try
        {
            return await step();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Guard<T>(cell, command, context, () => throw exception);
        }
    }

    private async Task ShareAsync(string name, object result, KernelInvocationContext context)
    {
        if (RootKernel is not CompositeKernel root)
        {
            _values[name] = result;
            return;
        }
        foreach (var kernel in root.ChildKernels)
        {
            if (kernel.KernelInfo.LanguageName != "C#" || !kernel.SupportsCommandType(typeof(SendValue)))
            {
                continue;
            }
            var formatted = new FormattedValue("text/plain", TextOf(result));
            if (!context.IsComplete && !context.CancellationToken.IsCancellationRequested)
            {
                var sendValue = new SendValue(name, result, formatted);
                sendValue.SetParent(context.Command, true);
                try
                {
                    await kernel.SendAsync(sendValue).WaitAsync(context.CancellationToken);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    // Interrupted while sharing: the child command may never complete; share on its own below.
                }
            }
            // An interrupted cell's context is (or is about to be) complete and would swallow the command as one of
            // its children: the samples taken so far are shared by a command of their own, outside the ambient
            // context. A cell submitted at the same instant may run before it; InterruptedShare lets tests wait.
            var ownCommand = new SendValue(name, result, formatted, kernel.Name);
            using (ExecutionContext.SuppressFlow())
            {
                InterruptedShare = Task.Run(() => root.SendAsync(ownCommand));
            }
        }
        // Known to this kernel only once the C# share is under way, so whoever sees it here can await that share.
        _values[name] = result;
        await InterruptedShare;
    }

    Task IKernelCommandHandler<RequestValue>.HandleAsync(RequestValue command, KernelInvocationContext context)
    {
        if (_values.TryGetValue(command.Name, out var result))
        {
            var mimeType = command.MimeType ?? "text/plain";
            var formatted = mimeType == "application/json"
                ? new FormattedValue(mimeType, JsonSerializer.Serialize(new JsonSummary(ArgumentsOf(result), TextOf(result))))
                : new FormattedValue("text/plain", TextOf(result));
            context.Publish(new ValueProduced(result, command.Name, formatted, command));
        }
        else
        {
            context.Fail(command, message: $"Value '{command.Name}' not found in kernel {Name}");
        }
        return Task.CompletedTask;
    }

    Task IKernelCommandHandler<RequestValueInfos>.HandleAsync(RequestValueInfos command, KernelInvocationContext context)
    {
        var infos = _values
            .Select(entry => new KernelValueInfo(entry.Key, new FormattedValue("text/plain", TextOf(entry.Value)), entry.Value.GetType()))
            .ToArray();
        context.Publish(new ValueInfosProduced(infos, command));
        return Task.CompletedTask;
    }

    Task IKernelCommandHandler<RequestDiagnostics>.HandleAsync(RequestDiagnostics command, KernelInvocationContext context)
    {
        var diagnostics = new List<Diagnostic>();
        var environment = SsEnvironment.FromProcess();
        var lines = command.Code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var (text, line) in CellScript.LogicalLines(command.Code))
        {
            // A line with @csharp:NAME is only known once the value is asked for, when the cell runs.
            if (CellScript.IsBlankOrComment(text) || ValueTokens.HasTokens(text, IsValueKernel))
            {
                continue;
            }
            try
            {
                SsInvocation.Parse(CellScript.Arguments(text), environment, TextReader.Null);
            }
            catch (Exception exception) when (exception is SsException or NotImplementedException)
            {
                if (exception is SsException)
                {
                    var span = new LinePositionSpan(new LinePosition(line, 0), new LinePosition(line, lines[line].Length));
                    // ss follows most messages with its usage text: the first line is the diagnostic.
                    var message = exception.Message.Split('\n')[0];
                    diagnostics.Add(new Diagnostic(span, DiagnosticSeverity.Error, "SS0001", message));
                }
            }
        }
        context.Publish(new DiagnosticsProduced(
            diagnostics,
            diagnostics.Select(d => new FormattedValue("text/plain", d.ToString())).ToArray(),
            command));
        return Task.CompletedTask;
    }

    private bool IsValueKernel(string name) => ValueTokens.IsValueKernel(RootKernel, name);

    private static Task HandleCompletionsAsync(RequestCompletions command, KernelInvocationContext context)
    {
        var lines = command.Code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var position = command.LinePosition;
        var line = position.Line < lines.Length ? lines[position.Line] : "";
        var cursor = Math.Clamp(position.Character, 0, line.Length);
        var start = cursor;
        while (start > 0 && !char.IsWhiteSpace(line[start - 1]) && line[start - 1] != '(')
        {
            start--;
        }
        var prefix = line[start..cursor];
        var items = SsCompletions.For(prefix, line.StartsWith(Selector, StringComparison.Ordinal));
        var span = new LinePositionSpan(new LinePosition(position.Line, start), new LinePosition(position.Line, cursor));
        context.Publish(new CompletionsProduced(items, command, span));
        return Task.CompletedTask;
    }

    private static string TextOf(object result) => result switch
    {
        SsResult one => one.Text,
        SampleSet set => set.Text,
        SsEventLog log => log.Text,
        _ => result.ToString() ?? "",
    };

    private static IReadOnlyList<string> ArgumentsOf(object result) => result switch
    {
        SsResult one => one.Arguments,
        SampleSet set => set.Arguments,
        SsEventLog log => log.Arguments,
        _ => [],
    };

    /// <summary>State shared by the parts of one cell.</summary>
    private sealed class CellRun(KernelCommand key)
    {
        public KernelCommand Key { get; } = key;

        public CellOptions Options { get; set; } = new();

        public List<object> Results { get; } = [];

        public bool Failed { get; set; }
    }

    private sealed record JsonSummary(IReadOnlyList<string> Arguments, string Text);
}
