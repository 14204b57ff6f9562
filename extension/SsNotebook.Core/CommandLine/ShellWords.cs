namespace SsNotebook.CommandLine;

/// <summary>Splits one command line typed in a notebook into argv words the way a POSIX shell would
/// (single and double quotes, backslash escapes), so <c>#!ss -tn '( dport = :ssh )'</c> means what it means in bash.</summary>
internal static class ShellWords
{
    /// <summary>Throws <see cref="SsNotebook.Query.SsException"/> on an unterminated quote.
    /// Blanks (space, tab, newline) separate words; quotes may join parts of one word (<c>a'b c'd</c> is one word);
    /// "" and '' make an empty word. Inside double quotes a backslash escapes only <c>$ ` " \</c> and newline;
    /// outside quotes it escapes any character, and a backslash-newline disappears.</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var index = 0;
        while (index < line.Length)
        {
            var c = line[index];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                    index++;
                    break;
                case '\'':
                    var close = line.IndexOf('\'', index + 1);
                    if (close < 0)
                    {
                        throw new SsException("ss: unterminated single quote in command line", 1);
                    }
                    word.Append(line, index + 1, close - index - 1);
                    inWord = true;
                    index = close + 1;
                    break;
                case '"':
                    index = ReadDoubleQuoted(line, index + 1, word);
                    inWord = true;
                    break;
                case '\\':
                    if (index + 1 >= line.Length)
                    {
                        // A trailing backslash stands for itself, as in a shell given it without a newline after.
                        word.Append('\\');
                        inWord = true;
                        index++;
                    }
                    else if (line[index + 1] == '\n')
                    {
                        index += 2;
                    }
                    else
                    {
                        word.Append(line[index + 1]);
                        inWord = true;
                        index += 2;
                    }
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    index++;
                    break;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>Reads a double-quoted part starting after its opening quote; returns the index after the closing one.</summary>
    private static int ReadDoubleQuoted(string line, int index, StringBuilder word)
    {
        while (index < line.Length)
        {
            var c = line[index];
            if (c == '"')
            {
                return index + 1;
            }
            if (c == '\\' && index + 1 < line.Length && line[index + 1] is '$' or '`' or '"' or '\\' or '\n')
            {
                if (line[index + 1] != '\n')
                {
                    word.Append(line[index + 1]);
                }
                index += 2;
                continue;
            }
            word.Append(c);
            index++;
        }
        throw new SsException("ss: unterminated double quote in command line", 1);
    }
}
