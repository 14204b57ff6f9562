namespace SsNotebook.Recording;

/// <summary>
/// Finds and drops -N/--net NAME in recorded ss arguments: the namespace was entered when recording, and replay (on
/// another machine, or after the namespace is gone) must not try to open it again. Short-option clusters are walked
/// as getopt would: -f, -A, -F and -D take the rest of the word (or the next word) as their argument.
/// </summary>
internal static class NamespaceArguments
{
    private const string ShortOptionsWithArgument = "fAFD";

    /// <summary>The arguments without their -N/--net options.</summary>
    public static IReadOnlyList<string> Strip(IReadOnlyList<string> arguments) => Walk(arguments).Kept;

    /// <summary>The namespace the last -N/--net names (the one ss enters), or null.</summary>
    public static string? Find(IReadOnlyList<string> arguments) => Walk(arguments).Namespace;

    private static (List<string> Kept, string? Namespace) Walk(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var kept = new List<string>(arguments.Count);
        string? name = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var word = arguments[i];
            if (word == "--")
            {
                kept.AddRange(arguments.Skip(i));
                break;
            }
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                if (word.StartsWith("--net=", StringComparison.Ordinal))
                {
                    name = word["--net=".Length..];
                    continue;
                }
                if (word == "--net")
                {
                    name = i + 1 < arguments.Count ? arguments[i + 1] : name;
                    i++;
                    continue;
                }
                kept.Add(word);
                continue;
            }
            if (word.Length < 2 || word[0] != '-')
            {
                kept.Add(word);
                continue;
            }
            var (cluster, value) = StripCluster(word);
            if (cluster is not null)
            {
                kept.Add(cluster);
            }
            if (value == "")
            {
                // -N ends the word: its value is the next one.
                name = i + 1 < arguments.Count ? arguments[i + 1] : name;
                i++;
            }
            else if (value is not null)
            {
                name = value;
            }
        }
        return (kept, name);
    }

    /// <summary>The cluster without its -N part (null when nothing is left) and -N's value: the rest of the word,
    /// "" when it is in the next word, null when the cluster has no -N.</summary>
    private static (string? Cluster, string? Value) StripCluster(string word)
    {
        for (var at = 1; at < word.Length; at++)
        {
            if (ShortOptionsWithArgument.Contains(word[at]))
            {
                return (word, null);
            }
            if (word[at] == 'N')
            {
                return (at > 1 ? word[..at] : null, word[(at + 1)..]);
            }
        }
        return (word, null);
    }
}
