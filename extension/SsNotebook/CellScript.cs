namespace SsNotebook.Interactive;

/// <summary>One ss invocation written in a cell: its argv words and the 0-based cell line it starts on.</summary>
internal sealed record ScriptInvocation(IReadOnlyList<string> Arguments, int Line, string Text);

/// <summary>
/// The body of an ss cell: one invocation per line, an optional leading <c>ss</c>, a trailing backslash joining
/// the next line (as in a shell), blank lines and <c>#</c> comments skipped.
/// </summary>
internal static class CellScript
{
    /// <summary>The logical lines of <paramref name="code"/> with the line each starts on, continuations joined.</summary>
    public static IEnumerable<(string Text, int Line)> LogicalLines(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var pending = new System.Text.StringBuilder();
        var start = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (start < 0)
            {
                start = i;
            }
            if (line.EndsWith('\\') && !line.EndsWith(@"\\", StringComparison.Ordinal))
            {
                pending.Append(line, 0, line.Length - 1);
                continue;
            }
            pending.Append(line);
            yield return (pending.ToString(), start);
            pending.Clear();
            start = -1;
        }
        if (start >= 0)
        {
            yield return (pending.ToString(), start);
        }
    }

    /// <summary>True for a line that holds no invocation.</summary>
    public static bool IsBlankOrComment(string line)
    {
        var trimmed = line.AsSpan().Trim();
        return trimmed.IsEmpty || trimmed[0] == '#';
    }

    /// <summary>ss's argv for one logical line (an optional leading "ss" dropped).</summary>
    public static IReadOnlyList<string> Arguments(string line)
    {
        var words = ShellWords.Split(line);
        return words.Count > 0 && words[0] == "ss" ? words.Skip(1).ToArray() : words;
    }

    /// <summary>Every invocation of <paramref name="code"/>, in order. Throws SsException on a malformed line.</summary>
    public static IEnumerable<ScriptInvocation> Invocations(string code)
    {
        foreach (var (text, line) in LogicalLines(code))
        {
            if (!IsBlankOrComment(text))
            {
                yield return new ScriptInvocation(Arguments(text), line, text.Trim());
            }
        }
    }
}
