using System.Globalization;
using SsNotebook.Filter;

namespace SsNotebook.Sampling;

/// <summary>
/// The sockets of a run to look at, chosen the way ss itself chooses: by a filter in ss's language
/// (<c>dport = :5201</c>, <c>( sport = :22 or dst 10.0.0.0/8 )</c>), evaluated by the collector's own filter, or by
/// cookie as ss prints it (<c>sk:31dcc</c>; several separated by blanks, commas or <c>or</c>).
/// </summary>
internal sealed class SocketSelector
{
    private readonly HashSet<ulong>? _cookies;
    private readonly SocketFilter? _filter;

    private SocketSelector(string text, HashSet<ulong>? cookies, SocketFilter? filter)
    {
        Text = text;
        _cookies = cookies;
        _filter = filter;
    }

    /// <summary>The selection as given.</summary>
    public string Text { get; }

    public bool Matches(SocketRecord socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return _cookies is not null ? _cookies.Contains(socket.Cookie) : _filter is null || _filter.Matches(socket);
    }

    /// <summary>Parses a selection for the sockets of <paramref name="set"/>: names (services, interfaces) are read
    /// as the run read them, from the recording's tables for a replay.</summary>
    public static SocketSelector Parse(string text, SampleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Parse(text, set.Environment ?? SsEnvironment.FromProcess(), set.Query);
    }

    /// <summary>Parses a selection in <paramref name="environment"/>; <paramref name="query"/>, when given, supplies
    /// the tables and network namespace names are looked up for. A malformed selection throws
    /// <see cref="SsException"/> with ss's own message.</summary>
    public static SocketSelector Parse(string text, SsEnvironment environment, SsQuery? query = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        if (TryParseCookies(text) is { } cookies)
        {
            return new SocketSelector(text, cookies, null);
        }
        var context = query is null ? new FilterParseContext(environment) : FilterParseContext.After(query, environment);
        try
        {
            return new SocketSelector(text, null, FilterParser.Parse([text], context));
        }
        catch (SsException error)
        {
            // ss follows some messages with its usage text: the first line says what is wrong.
            throw new SsException($"ss: bad socket selection \"{text}\": {error.Message.Split('\n')[0]}");
        }
    }

    /// <summary>The cookies of a selection made only of <c>sk:HEX</c> words, or null.</summary>
    private static HashSet<ulong>? TryParseCookies(string text)
    {
        var words = text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        var cookies = new HashSet<ulong>();
        foreach (var word in words)
        {
            if (word == "or")
            {
                continue;
            }
            if (!word.StartsWith("sk:", StringComparison.Ordinal)
                || !ulong.TryParse(word.AsSpan(3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cookie))
            {
                return null;
            }
            cookies.Add(cookie);
        }
        return cookies.Count > 0 ? cookies : null;
    }
}
