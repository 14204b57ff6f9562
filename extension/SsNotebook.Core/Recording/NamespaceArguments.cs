namespace SsNotebook.Recording;

/// <summary>
/// Drops -N/--net NAME from recorded ss arguments: the namespace was entered when recording, and replay (on another
/// machine, or after the namespace is gone) must not try to open it again. Short-option clusters are walked as
/// getopt would: -f, -A, -F and -D take the rest of the word (or the next word) as their argument.
/// </summary>
public static class NamespaceArguments
{
    private const string ShortOptionsWithArgument = "fAFD";

    public static IReadOnlyList<string> Strip(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var kept = new List<string>(arguments.Count);
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
                    continue;
                }
                if (word == "--net")
                {
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
            var (cluster, skipNext) = StripCluster(word);
            if (cluster is not null)
            {
                kept.Add(cluster);
            }
            if (skipNext)
            {
                i++;
            }
        }
        return kept;
    }

    /// <summary>The cluster without its -N part (null when nothing is left) and whether -N took the next word.</summary>
    private static (string? Cluster, bool SkipNext) StripCluster(string word)
    {
        for (var at = 1; at < word.Length; at++)
        {
            if (ShortOptionsWithArgument.Contains(word[at]))
            {
                return (word, false);
            }
            if (word[at] == 'N')
            {
                return (at > 1 ? word[..at] : null, at == word.Length - 1);
            }
        }
        return (word, false);
    }
}
