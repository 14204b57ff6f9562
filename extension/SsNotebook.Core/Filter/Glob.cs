namespace SsNotebook.Filter;

/// <summary>
/// fnmatch(3) without flags (plus optional FNM_CASEFOLD), as ss uses it for unix socket names: <c>*</c>, <c>?</c>,
/// bracket expressions with ranges, <c>!</c>/<c>^</c> negation and [:class:] names, and backslash escapes.
/// '/' and leading dots are ordinary characters. Allocation-free.
/// </summary>
internal static class Glob
{
    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        // Iterative matching with one backtrack point for the last '*': linear enough for socket names.
        int p = 0, t = 0, starPattern = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*')
                {
                    starPattern = ++p;
                    starText = t;
                    continue;
                }
                if (c == '?')
                {
                    p++;
                    t++;
                    continue;
                }
                if (c == '[' && TryMatchBracket(pattern, p, text[t], ignoreCase, out var matched, out var next))
                {
                    if (matched)
                    {
                        p = next;
                        t++;
                        continue;
                    }
                }
                else
                {
                    if (c == '\\' && p + 1 < pattern.Length)
                    {
                        c = pattern[p + 1];
                        if (SameChar(c, text[t], ignoreCase))
                        {
                            p += 2;
                            t++;
                            continue;
                        }
                    }
                    else if (SameChar(c, text[t], ignoreCase))
                    {
                        p++;
                        t++;
                        continue;
                    }
                }
            }
            if (starPattern < 0)
            {
                return false;
            }
            p = starPattern;
            t = ++starText;
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));

    /// <summary>Evaluates the bracket expression at <paramref name="start"/>. Returns false when it is not a complete
    /// bracket expression (then '[' is an ordinary character, as in fnmatch).</summary>
    private static bool TryMatchBracket(ReadOnlySpan<char> pattern, int start, char c, bool ignoreCase, out bool matched, out int next)
    {
        matched = false;
        next = start;
        var i = start + 1;
        var negate = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
        if (negate)
        {
            i++;
        }
        var found = false;
        var first = true;
        while (i < pattern.Length && (first || pattern[i] != ']'))
        {
            first = false;
            if (pattern[i] == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
            {
                var close = pattern[(i + 2)..].IndexOf(":]");
                if (close >= 0)
                {
                    var name = pattern.Slice(i + 2, close);
                    found |= InClass(name, c);
                    i += close + 4;
                    continue;
                }
            }
            var low = pattern[i];
            if (low == '\\' && i + 1 < pattern.Length)
            {
                low = pattern[++i];
            }
            i++;
            var high = low;
            if (i + 1 < pattern.Length && pattern[i] == '-' && pattern[i + 1] != ']')
            {
                high = pattern[i + 1];
                if (high == '\\' && i + 2 < pattern.Length)
                {
                    high = pattern[i + 2];
                    i++;
                }
                i += 2;
            }
            found |= InRange(c, low, high) ||
                (ignoreCase && (InRange(char.ToLowerInvariant(c), low, high) || InRange(char.ToUpperInvariant(c), low, high)));
        }
        if (i >= pattern.Length)
        {
            return false;
        }
        matched = found != negate;
        next = i + 1;
        return true;
    }

    private static bool InRange(char c, char low, char high) => c >= low && c <= high;

    private static bool InClass(ReadOnlySpan<char> name, char c) => name switch
    {
        "alpha" => char.IsAsciiLetter(c),
        "digit" => char.IsAsciiDigit(c),
        "alnum" => char.IsAsciiLetterOrDigit(c),
        "upper" => char.IsAsciiLetterUpper(c),
        "lower" => char.IsAsciiLetterLower(c),
        "space" => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r',
        "blank" => c is ' ' or '\t',
        "punct" => char.IsAsciiLetterOrDigit(c) is false && c > ' ' && c < 127,
        "xdigit" => char.IsAsciiHexDigit(c),
        "cntrl" => c < ' ' || c == 127,
        "print" => c >= ' ' && c < 127,
        "graph" => c > ' ' && c < 127,
        _ => false,
    };
}
