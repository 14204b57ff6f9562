using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

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
        var progress = new Progress(this, arguments);
        var following = Ss.FollowEventsAsync(arguments, options.Duration, progress, cancellation: context.CancellationToken);
        // FollowEventsAsync has subscribed when it returns: from here no destroyed socket is missed.
        ShowStarted(arguments);
        return await following;
    }

    /// <summary>Shows that following has begun (before any event).</summary>
    private void ShowStarted(IReadOnlyList<string> arguments) =>
        Show(Status(arguments, 0, "following") + "<pre></pre>", "following: 0 events", onlyFirst: true);

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

    /// <param name="onlyFirst">Show only if nothing is shown yet (an event may have come first).</param>
    private void Show(string html, string text, bool onlyFirst = false)
    {
        FormattedValue[] values = [new FormattedValue("text/html", "<div class=\"ss-events\">" + html + "</div>"), new FormattedValue("text/plain", text)];
        lock (_gate)
        {
            if (context.IsComplete || (onlyFirst && _displayed))
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
