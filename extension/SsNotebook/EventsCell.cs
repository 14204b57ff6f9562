namespace SsNotebook.Interactive;

/// <summary>
/// An <c>ss -E</c> invocation in a cell: follows destroyed sockets until the cell is interrupted or
/// <c>--duration</c> has passed, keeping one display up to date in place (a count and ss's text so far), then shows
/// the <see cref="SsEventLog.Events"/> frame and the text.
/// </summary>
internal sealed class EventsCell(CellOptions options, KernelCommand command, KernelInvocationContext context)
{
    /// <summary>Rows of the Events frame shown inline (the whole frame is in the variable).</summary>
    private const int EventRowsShown = 100;

    private readonly string _displayId = Guid.NewGuid().ToString("N");
    private readonly object _gate = new();
    private bool _displayed;

    public async Task<SsEventLog> FollowAsync(IReadOnlyList<string> arguments)
    {
        // Shown first, so that every event (reported as soon as FollowEventsAsync has subscribed) updates it.
        Show(Status(arguments, 0, "following") + "<pre></pre>", "following: 0 events");
        Task<SsEventLog> following;
        try
        {
            following = Ss.FollowEventsAsync(arguments, options.Duration, new Progress(this, arguments), cancellation: context.CancellationToken);
        }
        catch (Exception)
        {
            Show(Status(arguments, 0, "not started"), "not started");
            throw;
        }
        return await following;
    }

    public void ShowFinal(SsEventLog log, string variableName)
    {
        if (context.IsComplete)
        {
            return;
        }
        var how = context.CancellationToken.IsCancellationRequested ? "interrupted" : "done";
        var html = new StringBuilder();
        html.Append(Status(log.Arguments, log.SocketEvents.Count, how + " → " + variableName));
        html.Append(CultureInfo.InvariantCulture, $"<details open><summary>Events: {log.Events.Rows.Count} rows</summary>");
        html.Append(FrameHtml.Table(log.Events, EventRowsShown)).Append("</details>");
        html.Append("<details open><summary>ss text</summary><pre>").Append(WebUtility.HtmlEncode(log.Text)).Append("</pre></details>");
        Show(html.ToString(), log.Text);
    }

    private static string Status(IReadOnlyList<string> arguments, int count, string how) =>
        "<p>" + WebUtility.HtmlEncode(string.Create(CultureInfo.InvariantCulture, $"{FrameHtml.CommandText(arguments)} · {count} events · {how}")) + "</p>";

    private void Show(string html, string text)
    {
        FormattedValue[] values = [new FormattedValue("text/html", "<div class=\"ss-events\">" + html + "</div>"), new FormattedValue("text/plain", text)];
        lock (_gate)
        {
            if (context.IsComplete)
            {
                // After an interruption the invocation context drops events.
                return;
            }
            if (_displayed)
            {
                context.Publish(new DisplayedValueUpdated(null, _displayId, command, values));
            }
            else
            {
                _displayed = true;
                context.Publish(new DisplayedValueProduced(null, command, values, _displayId));
            }
        }
    }

    /// <summary>Each event updates the one display, from the following thread.</summary>
    private sealed class Progress(EventsCell cell, IReadOnlyList<string> arguments) : IProgress<SsEventLog>
    {
        public void Report(SsEventLog value) =>
            cell.Show(Status(arguments, value.SocketEvents.Count, "following") + "<pre>" + WebUtility.HtmlEncode(value.Text) + "</pre>", value.Text);
    }
}
