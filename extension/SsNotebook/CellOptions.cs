using SsNotebook.Query;

namespace SsNotebook.Interactive;

/// <summary>Our own options, given on the <c>#!ss</c> selector line next to ss's arguments. Their names are chosen
/// never to clash with ss's long options (nor with a getopt abbreviation of one).</summary>
public sealed record CellOptions
{
    public const string DefaultVariableName = "ss";

    /// <summary>--name VAR: the C# variable that receives the result.</summary>
    public string VariableName { get; init; } = DefaultVariableName;
}

/// <summary>The selector line split into our options and the ss arguments.</summary>
public sealed record SelectorLine(CellOptions Options, IReadOnlyList<string> SsArguments)
{
    /// <summary>Each of our options: its name and how its value changes the options. Add new ones here.</summary>
    private static readonly Dictionary<string, Func<CellOptions, string, CellOptions>> OptionsWithValue = new(StringComparer.Ordinal)
    {
        ["--name"] = (options, value) => options with { VariableName = ValidVariableName(value) },
    };

    /// <summary>The option names we take from the selector line (for completions and documentation).</summary>
    public static IEnumerable<string> OptionNames => OptionsWithValue.Keys;

    /// <summary>Splits the words after <c>#!ss</c>: our options (as <c>--opt VALUE</c> or <c>--opt=VALUE</c>) anywhere,
    /// the rest in order for ss.</summary>
    public static SelectorLine Parse(IReadOnlyList<string> words)
    {
        var options = new CellOptions();
        var ssArguments = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? word[..equals] : word;
            if (!OptionsWithValue.TryGetValue(name, out var apply))
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
            options = apply(options, value);
        }
        return new SelectorLine(options, ssArguments);
    }

    private static string ValidVariableName(string name)
    {
        var valid = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        return valid ? name : throw new SsException($"#!ss: --name '{name}' is not a valid C# variable name");
    }
}
