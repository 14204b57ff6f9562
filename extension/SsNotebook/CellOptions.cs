namespace SsNotebook.Interactive;

/// <summary>Our own options, given on the <c>#!ss</c> selector line next to ss's arguments. Their names are chosen
/// never to clash with ss's long options (nor with a getopt abbreviation of one).</summary>
internal sealed record CellOptions
{
    public const string DefaultVariableName = "ss";

    /// <summary>The charts a sampled cell draws when <c>--chart</c> is not given.</summary>
    public static IReadOnlyList<ChartKind> DefaultCharts { get; } = [ChartKind.Rtt, ChartKind.Cwnd, ChartKind.Queues];

    /// <summary>--name VAR: the C# variable that receives the result.</summary>
    public string VariableName { get; init; } = DefaultVariableName;

    /// <summary>--samples N: how many snapshots to take.</summary>
    public int? Samples { get; init; }

    /// <summary>--interval T: time between snapshots; alone (without --samples) it samples until interrupted.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>--chart LIST: the charts of a sampled or replayed cell (empty for <c>none</c>).</summary>
    public IReadOnlyList<ChartKind>? Charts { get; init; }

    /// <summary>--chart-sockets, --chart-top, --chart-idle, --chart-log, --chart-range, --chart-time: what the charts
    /// draw and how.</summary>
    public ChartOptions ChartOptions { get; init; } = ChartOptions.Default;

    /// <summary>--duration T: how long an <c>ss -E</c> cell follows events (else until interrupted).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>--record FILE: save the raw replies of a sampled cell.</summary>
    public string? RecordPath { get; init; }

    /// <summary>--replay FILE: rebuild a recorded sampling run instead of collecting.</summary>
    public string? ReplayPath { get; init; }

    /// <summary>True when invocations are sampled rather than run once.</summary>
    public bool IsSampling => Samples is not null || Interval is not null;

    public IReadOnlyList<ChartKind> ChartsToDraw => Charts ?? DefaultCharts;

    /// <summary>The sampler's settings for these options (the default interval is one second).</summary>
    public SamplingOptions ToSamplingOptions() => new()
    {
        Samples = Samples,
        Interval = Interval ?? TimeSpan.FromSeconds(1),
        KeepRecording = RecordPath is not null,
    };
}

/// <summary>The selector line split into our options and the ss arguments.</summary>
internal sealed record SelectorLine(CellOptions Options, IReadOnlyList<string> SsArguments)
{
    /// <summary>The error for ss arguments in a <c>--replay</c> cell, on the selector line or in the body.</summary>
    public const string ReplayTakesNoArguments = "#!ss: --replay takes no ss arguments: the recording holds its invocation";

    /// <summary>Each of our options: its name, what it does, and how its value changes the options.</summary>
    private static readonly Dictionary<string, (string Help, Func<CellOptions, string, CellOptions> Apply)> OptionsWithValue = new(StringComparer.Ordinal)
    {
        ["--name"] = ("#!ss option: the C# variable to set", (options, value) => options with { VariableName = ValidVariableName(value) }),
        ["--samples"] = ("#!ss option: take N samples", (options, value) => options with { Samples = PositiveNumber("--samples", value) }),
        ["--interval"] = ("#!ss option: time between samples (250ms, 1s); alone, sample until interrupted",
            (options, value) => options with { Interval = SamplingOptions.ParseInterval(value) }),
        ["--chart"] = ("#!ss option: charts to draw: rtt,cwnd,queues,retrans,rates,windows, all or none",
            (options, value) => options with { Charts = value == "none" ? [] : ChartKinds.Parse(value) }),
        ["--chart-sockets"] = ("#!ss option: the sockets to chart: an ss filter ('dport = :5201') or cookies (sk:31dcc)",
            (options, value) => options with { ChartOptions = options.ChartOptions with { Sockets = NonEmpty("--chart-sockets", value, "an ss filter or a cookie") } }),
        ["--chart-top"] = ("#!ss option: chart at most N sockets, the busiest by bytes moved (default 8)",
            (options, value) => options with { ChartOptions = options.ChartOptions with { Top = PositiveNumber("--chart-top", value) } }),
        ["--chart-range"] = ("#!ss option: the charts' value axis range MIN:MAX",
            (options, value) => options with { ChartOptions = options.ChartOptions with { Range = ChartRange.Parse(value, "--chart-range") } }),
        ["--chart-time"] = ("#!ss option: the charts' time range FROM:TO in seconds since the first sample",
            (options, value) => options with { ChartOptions = options.ChartOptions with { Time = ChartRange.Parse(value, "--chart-time") } }),
        ["--duration"] = ("#!ss option: follow -E events for this long (30s, 2m); else until interrupted",
            (options, value) => options with { Duration = SamplingOptions.ParseInterval(value) }),
        ["--record"] = ("#!ss option: save the sampled replies to FILE", (options, value) => options with { RecordPath = NonEmpty("--record", value) }),
        ["--replay"] = ("#!ss option: replay a recording instead of collecting", (options, value) => options with { ReplayPath = NonEmpty("--replay", value) }),
    };

    /// <summary>Our options that take no value.</summary>
    private static readonly Dictionary<string, (string Help, Func<CellOptions, CellOptions> Apply)> Flags = new(StringComparer.Ordinal)
    {
        ["--chart-log"] = ("#!ss option: logarithmic value axes",
            options => options with { ChartOptions = options.ChartOptions with { LogScale = true } }),
        ["--chart-idle"] = ("#!ss option: also chart sockets that moved no bytes",
            options => options with { ChartOptions = options.ChartOptions with { IncludeIdle = true } }),
    };

    /// <summary>The option names we take from the selector line (for completions and documentation).</summary>
    public static IEnumerable<string> OptionNames => OptionsWithValue.Keys.Concat(Flags.Keys);

    /// <summary>What option <paramref name="name"/> does, for completions.</summary>
    public static string HelpFor(string name) =>
        OptionsWithValue.TryGetValue(name, out var option) ? option.Help : Flags.TryGetValue(name, out var flag) ? flag.Help : "";

    /// <summary>Splits the words after <c>#!ss</c>: our options (as <c>--opt VALUE</c> or <c>--opt=VALUE</c>) anywhere,
    /// the rest in order for ss. Contradictory options throw <see cref="SsException"/>.</summary>
    public static SelectorLine Parse(IReadOnlyList<string> words)
    {
        var options = new CellOptions();
        var ssArguments = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (Flags.TryGetValue(word, out var flag))
            {
                options = flag.Apply(options);
                continue;
            }
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? word[..equals] : word;
            if (!OptionsWithValue.TryGetValue(name, out var option))
            {
                ssArguments.Add(word);
                continue;
            }
            string value;
            if (equals > 0)
            {
                value = word[(equals + 1)..];
            }
            else if (i + 1 < words.Count)
            {
                value = words[++i];
            }
            else
            {
                throw new SsException($"#!ss: option '{name}' requires an argument");
            }
            options = option.Apply(options, value);
        }
        Validate(options, ssArguments);
        return new SelectorLine(options, ssArguments);
    }

    private static void Validate(CellOptions options, List<string> ssArguments)
    {
        if (options.ReplayPath is not null)
        {
            if (options.IsSampling || options.RecordPath is not null)
            {
                throw new SsException("#!ss: --replay cannot be combined with --samples, --interval or --record");
            }
            if (ssArguments.Count > 0)
            {
                throw new SsException(ReplayTakesNoArguments);
            }
        }
        else if (options.RecordPath is not null && !options.IsSampling)
        {
            throw new SsException("#!ss: --record needs --samples or --interval");
        }
        else if (options.Charts is not null && !options.IsSampling)
        {
            throw new SsException("#!ss: --chart needs --samples, --interval or --replay");
        }
        else if (options.ChartOptions != ChartOptions.Default && !options.IsSampling)
        {
            throw new SsException("#!ss: the --chart-… options need --samples, --interval or --replay");
        }
        if (options.Duration is not null && (options.IsSampling || options.ReplayPath is not null))
        {
            throw new SsException("#!ss: --duration is for -E cells, not with --samples, --interval or --replay");
        }
        if (options.ChartOptions is { LogScale: true, Range.Min: <= 0 })
        {
            throw new SsException("#!ss: a log scale needs a --chart-range above 0");
        }
    }

    private static int PositiveNumber(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count
            : throw new SsException($"#!ss: {name} '{value}' is not a positive whole number");

    private static string NonEmpty(string name, string value, string what = "a file name") =>
        value.Length > 0 ? value : throw new SsException($"#!ss: {name} needs {what}");

    private static string ValidVariableName(string name)
    {
        var valid = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        return valid ? name : throw new SsException($"#!ss: --name '{name}' is not a valid C# variable name");
    }
}
