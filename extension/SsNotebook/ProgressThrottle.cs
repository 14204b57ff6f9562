namespace SsNotebook.Interactive;

/// <summary>
/// When a sampling cell's live display is updated. The status line (samples, sockets, elapsed time) is cheap and
/// goes out at least once per <see cref="StatusPeriod"/> (under a second, so the cell's loop waking every
/// <see cref="SamplingCell.Tick"/> still shows it every second), sooner (but never more often than every
/// <see cref="MinGap"/>) when there is news; charts cost a pass over every sample so far and are redrawn at most once
/// per <see cref="RedrawPeriod"/>, only when a sample arrived since the last redraw began, and never two at once (a slow
/// redraw must not hold the status back: it was the redraw, run inline, that starved the updates before).
/// Times are the cell's own clock.
/// </summary>
internal sealed class ProgressThrottle
{
    public static readonly TimeSpan StatusPeriod = TimeSpan.FromMilliseconds(900);

    public static readonly TimeSpan RedrawPeriod = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(500);

    private TimeSpan? _lastStatus;
    private TimeSpan? _lastRedraw;
    private bool _redrawing;

    /// <summary>True when the status should be published now; records it as published.</summary>
    /// <param name="now">The cell's clock.</param>
    /// <param name="news">A sample or a redrawn chart arrived since the last status.</param>
    public bool StatusDue(TimeSpan now, bool news)
    {
        var due = _lastStatus is not { } last ? news : (news && now - last >= MinGap) || now - last >= StatusPeriod;
        if (due)
        {
            _lastStatus = now;
        }
        return due;
    }

    /// <summary>True when a chart redraw should start now; records it as started.</summary>
    /// <param name="now">The cell's clock.</param>
    /// <param name="newSamples">A sample arrived since the last redraw started.</param>
    public bool RedrawDue(TimeSpan now, bool newSamples)
    {
        var due = newSamples && !_redrawing && (_lastRedraw is not { } last || now - last >= RedrawPeriod);
        if (due)
        {
            _lastRedraw = now;
            _redrawing = true;
        }
        return due;
    }

    /// <summary>The redraw started by <see cref="RedrawDue"/> has finished.</summary>
    public void RedrawDone() => _redrawing = false;
}
