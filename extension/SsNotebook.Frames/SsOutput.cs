namespace SsNotebook;

/// <summary>
/// What an ss run was asked and what it printed: its arguments, the query they parsed to and the exact text. A
/// one-shot <see cref="SsResult"/> and an <c>ss -E</c> <see cref="SsEventLog"/> are both one; each adds its sockets
/// and their frames, and names the run's time for what it is (<see cref="SsResult.Timestamp"/>,
/// <see cref="SsEventLog.Started"/>). Only this library makes them.
/// </summary>
public abstract class SsOutput
{
    // private protected: the two outputs above are the only kinds; a user gets them from Ss.Run, Ss.FollowEventsAsync
    // or a notebook cell, never by constructing or deriving one.
    private protected SsOutput(IReadOnlyList<string> arguments, SsQuery query, string text, DateTimeOffset time)
    {
        Arguments = arguments;
        Query = query;
        Text = text;
        Time = time;
    }

    /// <summary>The ss arguments of this run (without "ss").</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The query the arguments parsed to: tables, states, filter, and what to show and how.</summary>
    public SsQuery Query { get; }

    /// <summary>Exactly what ss 6.10 prints for this run (for <c>-E</c>, each event rendered on its own, the header
    /// with the first, as ssn printed it).</summary>
    public string Text { get; }

    /// <summary>When the run took its sockets, or began to follow them: public as each kind names it.</summary>
    private protected DateTimeOffset Time { get; }

    /// <summary>The ss text, as <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}
