namespace SsNotebook.Filter;

/// <summary>
/// The raw words of a filter, in ss's order: each argv word split on blanks (a backslash keeps the next character),
/// then the lines of the -F file, read only when the argv words run out. File lines starting with '#' — and, by a
/// long-standing ss quirk, with '0' — are skipped.
/// </summary>
internal sealed class FilterWordSource(IReadOnlyList<string> words, FilterParseContext context) : IDisposable
{
    /// <summary>fgets' buffer in ss: a line must fit in 1022 characters plus its newline.</summary>
    private const int LineBuffer = 1024;

    private int _nextWord;
    private string _current = "";
    private int _position;
    private TextReader? _file;
    private int _fileDescriptor = -1;
    private bool _fileOpened;
    private readonly StringBuilder _token = new();

    /// <summary>The next word, or null at the end of the argv words and the file.</summary>
    public string? Next()
    {
        while (true)
        {
            if (TryTakeToken(out var token))
            {
                return token;
            }
            if (_nextWord < words.Count)
            {
                _current = words[_nextWord++];
                _position = 0;
                continue;
            }
            var line = ReadFileLine();
            if (line is null)
            {
                return null;
            }
            _current = line;
            _position = 0;
        }
    }

    private bool TryTakeToken(out string token)
    {
        token = "";
        var text = _current;
        while (_position < text.Length && text[_position] is ' ' or '\t')
        {
            _position++;
        }
        if (_position >= text.Length || text[_position] == '\0')
        {
            return false;
        }
        _token.Clear();
        while (_position < text.Length && text[_position] is not (' ' or '\t' or '\0'))
        {
            if (text[_position] == '\\')
            {
                _position++;
                if (_position >= text.Length)
                {
                    break;
                }
            }
            _token.Append(text[_position]);
            _position++;
        }
        if (_position < text.Length && text[_position] != '\0')
        {
            _position++;
        }
        token = _token.ToString();
        return true;
    }

    private string? ReadFileLine()
    {
        var reader = OpenFile();
        if (reader is null)
        {
            return null;
        }
        while (true)
        {
            var line = ReadRawLine(reader);
            if (line is null)
            {
                return null;
            }
            if (line.Length == 0 || line[0] == '\0')
            {
                throw new SsException("Invalid line", 255);
            }
            if (line.Length >= LineBuffer - 1)
            {
                throw new SsException("Too long line in filter", 255);
            }
            if (line[^1] == '\n')
            {
                line = line[..^1];
            }
            if (line.Length > 0 && line[0] is '#' or '0')
            {
                continue;
            }
            context.AddFileLine(line);
            return line;
        }
    }

    /// <summary>A line with its '\n' kept, as fgets returns it (a longer line is reported by the caller as too long).
    /// A read error ends the file, as it ends fgets: ss reads a directory or /proc/self/mem as an empty filter.</summary>
    private static string? ReadRawLine(TextReader reader)
    {
        var builder = new StringBuilder();
        while (builder.Length < LineBuffer - 1)
        {
            int c;
            try
            {
                c = reader.Read();
            }
            catch (IOException)
            {
                c = -1;
            }
            if (c < 0)
            {
                break;
            }
            builder.Append((char)c);
            if (c == '\n')
            {
                break;
            }
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>Closes the -F file if this source opened it (standard input is left alone).</summary>
    public void Dispose()
    {
        if (_fileDescriptor >= 0)
        {
            Interop.LibC.Close(_fileDescriptor);
            _fileDescriptor = -1;
        }
    }

    private TextReader? OpenFile()
    {
        if (_fileOpened)
        {
            return _file;
        }
        _fileOpened = true;
        var path = context.FilterFile;
        if (path is null)
        {
            return null;
        }
        // ss takes any argument starting with '-' as standard input.
        if (path.StartsWith('-'))
        {
            _file = context.StandardInput ?? Console.In;
            return _file;
        }
        // open(2) as fopen does: a directory opens (and then reads as nothing), which FileStream refuses.
        _fileDescriptor = Interop.LibC.Open(Interop.LibC.AtFdCwd, path, Interop.LibC.ORdOnly);
        if (_fileDescriptor < 0)
        {
            throw new SsException($"fopen filter file: {Interop.LibC.LastErrorMessage()}", 255);
        }
        _file = new StreamReader(new CommandLine.DescriptorStream(_fileDescriptor, FileAccess.Read), Encoding.UTF8);
        return _file;
    }
}
