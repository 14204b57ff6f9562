namespace SsNotebook.Sampling;

/// <summary>How <see cref="Sampler"/> samples.</summary>
public sealed record SamplingOptions
{
    /// <summary>How many samples to take; null samples until the token is cancelled.</summary>
    public int? Samples { get; init; }

    /// <summary>Time between the starts of two samples (a slow collection delays the next one, never bunches them).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The environment of the invocation; by default the current process's.</summary>
    public SsEnvironment? Environment { get; init; }

    /// <summary>Keep the raw netlink replies so the set can be saved with <see cref="SampleSet.Record(string)"/>
    /// (costs a copy of every reply buffer).</summary>
    public bool KeepRecording { get; init; } = true;

    /// <summary>Parses "250ms", "1s", "1.5s", "2m" (ms, s, m; a bare number is seconds) into a positive interval.
    /// A bad value throws <see cref="SsException"/>.</summary>
    /// <param name="text">The interval, e.g. "250ms".</param>
    public static TimeSpan ParseInterval(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var (number, scale) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 1.0),
            _ when value.EndsWith('s') => (value[..^1], 1000.0),
            _ when value.EndsWith('m') => (value[..^1], 60_000.0),
            _ => (value, 1000.0),
        };
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            || !double.IsFinite(amount) || amount <= 0 || amount * scale > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            throw new SsException($"ss: invalid interval \"{text}\": use e.g. 250ms, 1s, 2m");
        }
        return TimeSpan.FromMilliseconds(amount * scale);
    }
}

/// <summary>Progress of a running sampler, reported after every sample.</summary>
/// <param name="Samples">Samples taken so far.</param>
/// <param name="Sockets">Sockets in the latest sample.</param>
/// <param name="SocketsSeen">Distinct sockets (by cookie) seen in any sample so far.</param>
/// <param name="Elapsed">Time since the first sample started.</param>
/// <param name="Current">The samples so far, e.g. to redraw a chart in place.</param>
public sealed record SampleProgress(int Samples, int Sockets, int SocketsSeen, TimeSpan Elapsed, SampleSet Current);
