namespace SsNotebook.Filter;

internal enum TokenKind
{
    End,
    Not,
    And,
    Or,
    Open,
    Close,
    Dst,
    Src,
    Dport,
    Sport,
    Dev,
    Fwmark,
    Cgroup,
    Autobound,
    GreaterOrEqual,
    LessOrEqual,
    NotEqual,
    Equal,
    Greater,
    Less,

    /// <summary>A HOST word (after src/dst/sport/dport, or with no keyword yet).</summary>
    Host,

    /// <summary>An interface (after dev).</summary>
    Device,

    /// <summary>A mark[/mask] (after fwmark).</summary>
    MarkMask,

    /// <summary>A cgroup path's id (after cgroup).</summary>
    CgroupId,
}

internal readonly record struct FilterToken(TokenKind Kind, HostCondition? Host = null, uint Number32 = 0, uint Mask = 0, ulong Number64 = 0);

/// <summary>
/// ss's filter lexer: keywords and operators by exact (case-sensitive) spelling; any other word is a value read
/// according to the most recent predicate keyword, and parsed right away, so its errors surface in word order.
/// </summary>
internal sealed class FilterLexer(IReadOnlyList<string> words, FilterParseContext context) : IDisposable
{
    private readonly FilterWordSource _words = new(words, context);
    private readonly HostConditionParser _hosts = new(context);
    private TokenKind _lastPredicate = TokenKind.End;
    private FilterToken? _peeked;

    public FilterToken Peek() => _peeked ??= Read();

    public FilterToken Take()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    public void Dispose() => _words.Dispose();

    private FilterToken Read()
    {
        var word = _words.Next();
        if (word is null)
        {
            return new FilterToken(TokenKind.End);
        }
        var kind = word switch
        {
            "!" or "not" => TokenKind.Not,
            "&" or "&&" or "and" => TokenKind.And,
            "|" or "||" or "or" => TokenKind.Or,
            "(" => TokenKind.Open,
            ")" => TokenKind.Close,
            "dst" => TokenKind.Dst,
            "src" => TokenKind.Src,
            "dport" => TokenKind.Dport,
            "sport" => TokenKind.Sport,
            "dev" => TokenKind.Dev,
            "fwmark" => TokenKind.Fwmark,
            "cgroup" => TokenKind.Cgroup,
            ">=" or "ge" or "geq" => TokenKind.GreaterOrEqual,
            "<=" or "le" or "leq" => TokenKind.LessOrEqual,
            "!=" or "ne" or "neq" => TokenKind.NotEqual,
            "=" or "==" or "eq" => TokenKind.Equal,
            ">" or "gt" => TokenKind.Greater,
            "<" or "lt" => TokenKind.Less,
            "autobound" => TokenKind.Autobound,
            _ => TokenKind.Host,
        };
        if (kind is TokenKind.Dst or TokenKind.Src or TokenKind.Dport or TokenKind.Sport or TokenKind.Dev
            or TokenKind.Fwmark or TokenKind.Cgroup or TokenKind.Autobound)
        {
            _lastPredicate = kind;
        }
        return kind == TokenKind.Host ? ReadValue(word) : new FilterToken(kind);
    }

    private FilterToken ReadValue(string word)
    {
        switch (_lastPredicate)
        {
            case TokenKind.Dev:
                return new FilterToken(TokenKind.Device, Number32: ParseDevice(word) ?? throw new SsException("Cannot parse device.", 1));
            case TokenKind.Fwmark:
                return ParseMarkMask(word) is var (mark, mask)
                    ? new FilterToken(TokenKind.MarkMask, Number32: mark, Mask: mask)
                    : throw new SsException($"Cannot parse mark {word}.", 1);
            case TokenKind.Cgroup:
                if (context.Environment.FromRecording)
                {
                    throw new SsException($"its filter names the cgroup {word} and a replay opens no path a recording names", 1);
                }
                var messages = new List<string>();
                var id = context.Naming.Cgroups.IdOf(word, messages);
                if (id is not { } value || value == 0)
                {
                    messages.Add($"Cannot parse cgroup {word}.");
                    throw new SsException(string.Join('\n', messages), 1);
                }
                return new FilterToken(TokenKind.CgroupId, Number64: value);
            default:
                var isPort = _lastPredicate is TokenKind.Sport or TokenKind.Dport;
                return new FilterToken(TokenKind.Host, Host: _hosts.Parse(word, isPort));
        }
    }

    /// <summary>parse_devcond: an interface name, else a number up to UINT_MAX.</summary>
    private uint? ParseDevice(string word)
    {
        var index = context.Naming.Interfaces.IndexOf(word);
        if (index != 0)
        {
            return index;
        }
        return CNumbers.TryParseUnsigned(word, uint.MaxValue, out var number) ? (uint)number : null;
    }

    /// <summary>parse_markmask: sscanf "%i/%i" (both needed when there is a '/') or "%i" with mask 0xffffffff.</summary>
    private static (uint Mark, uint Mask)? ParseMarkMask(string word)
    {
        var consumed = CNumbers.ScanInt32(word, out var mark);
        if (consumed == 0)
        {
            return null;
        }
        if (!word.Contains('/'))
        {
            return (mark, uint.MaxValue);
        }
        if (consumed >= word.Length || word[consumed] != '/')
        {
            return null;
        }
        return CNumbers.ScanInt32(word.AsSpan(consumed + 1), out var mask) == 0 ? null : (mark, mask);
    }
}
