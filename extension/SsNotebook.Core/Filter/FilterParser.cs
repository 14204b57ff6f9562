using System.Net;
using System.Net.Sockets;
using SsNotebook.Interop;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Filter;

/// <summary>The state a filter parse reads and changes: ss's host prefixes (<c>inet6:</c>, <c>unix:</c>, …) reset the family mask.</summary>
public sealed class FilterParseContext(SsEnvironment environment)
{
    public SsEnvironment Environment { get; } = environment;

    /// <summary>The family mask (bits 1 &lt;&lt; AF_*) before the parse; the parse may replace it.</summary>
    public ulong Families { get; set; }

    /// <summary>ss's preferred_family (AF_* number, 0 = unspecified): set by -4, -6, -0, -x, -f and so on. It decides
    /// how an unprefixed HOST is read (e.g. a unix glob after -x); a family prefix in the filter replaces it.</summary>
    public int PreferredFamily { get; set; }

    /// <summary>The selected tables: a service name is looked up for tcp and/or udp only when those are selected.</summary>
    public TableSet Tables { get; init; } = TableSet.Of(SocketTable.Tcp, SocketTable.Udp);

    /// <summary>-F FILE ("-" for <see cref="StandardInput"/>), read after the argv words as ss does.</summary>
    public string? FilterFile { get; init; }

    public TextReader? StandardInput { get; init; }

    /// <summary>-N NAME: interface names are looked up in that network namespace, as ss (which has switched into it
    /// by then) does.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>Interface name to index (0 = unknown); defaults to if_nametoindex in <see cref="NetworkNamespace"/>
    /// (or the current one).</summary>
    public Func<string, uint>? InterfaceIndexResolver { get; init; }

    /// <summary>Host name to addresses of one family; defaults to <see cref="Dns"/>.</summary>
    public Func<string, AddressFamily, IReadOnlyList<IPAddress>>? HostResolver { get; init; }

    /// <summary>The services database; defaults to /etc/services.</summary>
    public ServiceNames? Services { get; init; }

    internal uint ResolveInterfaceIndex(string name)
    {
        var index = InterfaceIndexResolver is { } resolver ? resolver(name)
            : Environment.Naming is { } naming ? naming.InterfaceIndex(name)
            : NetworkNamespace is { } namespaceName ? SsNamespace.Run(namespaceName, () => SafeIfNameToIndex(name))
            : SafeIfNameToIndex(name);
        if (index == 0 && name.StartsWith("if", StringComparison.Ordinal) &&
            uint.TryParse(name.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var numbered))
        {
            // iproute2 also accepts "ifN" for an interface without a name.
            index = numbered;
        }
        return index;
    }

    private static uint SafeIfNameToIndex(string name) =>
        name.Length is 0 or >= 16 || name.Contains('\0') ? 0 : LibC.IfNameToIndex(name);

    internal IReadOnlyList<IPAddress> ResolveHost(string name, AddressFamily family)
    {
        if (HostResolver is { } resolver)
        {
            return resolver(name, family);
        }
        try
        {
            return Dns.GetHostAddresses(name, family);
        }
        catch (Exception error) when (error is SocketException or ArgumentException)
        {
            return [];
        }
    }
}

/// <summary>Parses ss's filter expression language.</summary>
/// <remarks>
/// The grammar is ss 6.10's (misc/ssfilter.y): <c>and</c> and <c>or</c> have the same precedence and group from
/// the left (the man page's claim that <c>and</c> binds tighter is wrong), juxtaposition means <c>and</c>, and
/// <c>not</c> applies to the next single expression. A word after dev/fwmark/cgroup/src/… is read according to
/// the most recent of those keywords, exactly as ss's lexer does.
/// </remarks>
public static class FilterParser
{
    /// <summary>Parses the words left after options and state words (plus the -F file). Returns null for an empty
    /// expression; throws <see cref="SsException"/> with ss's message for a malformed one.</summary>
    public static SocketFilter? Parse(IReadOnlyList<string> words, FilterParseContext context)
    {
        using var lexer = new FilterLexer(words, context);
        return new Grammar(lexer, context).ParseApplet();
    }

    private sealed class Grammar(FilterLexer lexer, FilterParseContext context)
    {
        public SocketFilter? ParseApplet()
        {
            if (lexer.Peek().Kind == TokenKind.End)
            {
                return null;
            }
            var filter = ParseList();
            if (lexer.Peek().Kind != TokenKind.End)
            {
                throw SyntaxError();
            }
            return filter;
        }

        private SocketFilter ParseList()
        {
            var left = ParseExpression();
            while (true)
            {
                var kind = lexer.Peek().Kind;
                if (kind == TokenKind.Or)
                {
                    lexer.Take();
                    left = new OrFilter(left, ParseExpression());
                }
                else if (kind == TokenKind.And)
                {
                    lexer.Take();
                    left = new AndFilter(left, ParseExpression());
                }
                else if (StartsExpression(kind))
                {
                    left = new AndFilter(left, ParseExpression());
                }
                else
                {
                    return left;
                }
            }
        }

        private static bool StartsExpression(TokenKind kind) => kind is TokenKind.Open or TokenKind.Not or TokenKind.Dst
            or TokenKind.Src or TokenKind.Dport or TokenKind.Sport or TokenKind.Dev or TokenKind.Fwmark
            or TokenKind.Cgroup or TokenKind.Autobound;

        private SocketFilter ParseExpression()
        {
            var token = lexer.Take();
            switch (token.Kind)
            {
                case TokenKind.Open:
                    var inner = ParseList();
                    Expect(TokenKind.Close);
                    return inner;
                case TokenKind.Not:
                    return new NotFilter(ParseExpression());
                case TokenKind.Dst:
                case TokenKind.Src:
                    SkipOptional(TokenKind.Equal);
                    return Expect(TokenKind.Host).Host!.ToCondition(token.Kind == TokenKind.Src ? SocketEnd.Local : SocketEnd.Remote);
                case TokenKind.Dport:
                case TokenKind.Sport:
                    return ParsePortComparison(token.Kind == TokenKind.Sport ? SocketEnd.Local : SocketEnd.Remote);
                case TokenKind.Dev:
                    return Negatable(() => new DeviceFilter(Expect(TokenKind.Device).Number32));
                case TokenKind.Fwmark:
                    return Negatable(() =>
                    {
                        var mark = Expect(TokenKind.MarkMask);
                        return new MarkFilter(mark.Number32, mark.Mask);
                    });
                case TokenKind.Cgroup:
                    return Negatable(() => new CgroupFilter(Expect(TokenKind.CgroupId).Number64));
                case TokenKind.Autobound:
                    var environment = context.Environment;
                    return new AutoboundFilter(() => EphemeralPorts.Read(environment));
                default:
                    throw SyntaxError();
            }
        }

        private SocketFilter ParsePortComparison(SocketEnd end)
        {
            var kind = lexer.Peek().Kind;
            if (kind is TokenKind.GreaterOrEqual or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.Less
                or TokenKind.Equal or TokenKind.NotEqual)
            {
                lexer.Take();
            }
            var host = Expect(TokenKind.Host).Host!;
            return kind switch
            {
                TokenKind.GreaterOrEqual => new PortRangeFilter(end, true, host.Port),
                TokenKind.LessOrEqual => new PortRangeFilter(end, false, host.Port),
                TokenKind.Greater => new NotFilter(new PortRangeFilter(end, false, host.Port)),
                TokenKind.Less => new NotFilter(new PortRangeFilter(end, true, host.Port)),
                TokenKind.NotEqual => new NotFilter(host.ToCondition(end)),
                _ => host.ToCondition(end),
            };
        }

        /// <summary>dev/fwmark/cgroup take "=", nothing, or "!=".</summary>
        private SocketFilter Negatable(Func<SocketFilter> value)
        {
            var kind = lexer.Peek().Kind;
            if (kind is TokenKind.Equal or TokenKind.NotEqual)
            {
                lexer.Take();
            }
            var filter = value();
            return kind == TokenKind.NotEqual ? new NotFilter(filter) : filter;
        }

        private void SkipOptional(TokenKind kind)
        {
            if (lexer.Peek().Kind == kind)
            {
                lexer.Take();
            }
        }

        private FilterToken Expect(TokenKind kind)
        {
            var token = lexer.Take();
            return token.Kind == kind ? token : throw SyntaxError();
        }

        /// <summary>bison's message and ss's " Sorry." line; ss then prints its usage text (hence ShowUsage) and exits 255.</summary>
        private static SsException SyntaxError() =>
            new("ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n", 255) { ShowUsage = true };
    }
}
