namespace SsNotebook.Filter;

/// <summary>The state a filter parse reads and changes: ss's host prefixes (<c>inet6:</c>, <c>unix:</c>, …) reset the family mask.</summary>
/// <param name="environment">The environment to read naming tables in.</param>
public sealed class FilterParseContext(SsEnvironment environment)
{
    /// <summary>The context a filter is parsed in after the options of <paramref name="query"/>: its families,
    /// preferred family, tables and -N namespace (the command line and the sampler's socket selections alike).</summary>
    internal static FilterParseContext After(SsQuery query, SsEnvironment environment, string? filterFile = null,
        TextReader? standardInput = null) => new(environment)
        {
            Families = query.Families,
            PreferredFamily = query.PreferredFamily,
            Tables = query.Tables,
            NetworkNamespace = query.NetworkNamespace,
            FilterFile = filterFile,
            StandardInput = standardInput,
        };

    /// <summary>The environment the parse reads service names, port ranges and interfaces from.</summary>
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

    /// <summary>Where <c>-F -</c> reads the filter from; null reads nothing.</summary>
    public TextReader? StandardInput { get; init; }

    /// <summary>The lines of the -F file the parse read, as the lexer took them (comment lines and newlines
    /// dropped): a recording keeps them instead of the file's name.</summary>
    public IReadOnlyList<string> FileLines => _fileLines;

    private readonly List<string> _fileLines = [];

    internal void AddFileLine(string line) => _fileLines.Add(line);

    /// <summary>-N NAME: interface names are looked up in that network namespace, as ss (which has switched into it
    /// by then) does.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>Host name to addresses of one family; defaults to <see cref="Dns"/>.</summary>
    public Func<string, AddressFamily, IReadOnlyList<IPAddress>>? HostResolver { get; init; }

    /// <summary>The services, ephemeral range and interfaces the filter names; by default those of
    /// <see cref="Environment"/> in <see cref="NetworkNamespace"/>. The command line passes the instance its text
    /// will use too.</summary>
    internal NamingTables Naming
    {
        get => _naming ??= new NamingTables(Environment, NetworkNamespace);
        init => _naming = value;
    }

    private NamingTables? _naming;

    internal IReadOnlyList<IPAddress> ResolveHost(string name, AddressFamily family)
    {
        if (HostResolver is { } resolver)
        {
            return resolver(name, family);
        }
        if (Environment.FromRecording)
        {
            throw new SsException($"its filter names the host \"{name}\" and a replay looks up no host names", 1);
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
/// The parse is a loop over an explicit stack shaped like bison's, never a recursion, and it gives up exactly
/// where ss's parser does: when its stack would reach <see cref="MaxStackDepth"/> entries.
/// </remarks>
public static class FilterParser
{
    /// <summary>
    /// bison's YYMAXDEPTH: ss's parser stack holds fewer entries than this, or the parse fails with "memory
    /// exhausted". Its state 0 takes one; every open <c>(</c> and <c>not</c> one; a list followed by <c>or</c>/
    /// <c>and</c> two; a predicate up to three (keyword, operator or its empty stand-in, value), <c>autobound</c>
    /// one. So <c>not</c> × 9,995 then <c>sport = :1</c> parses, one more <c>not</c> does not (checked against ss
    /// 6.10). The bound is on nesting: a flat <c>a or b or …</c> of any length keeps the stack shallow.
    /// </summary>
    public const int MaxStackDepth = 10000;

    /// <summary>Parses the words left after options and state words (plus the -F file). Returns null for an empty
    /// expression; throws <see cref="SsException"/> with ss's message for a malformed one.</summary>
    /// <param name="words">The expression's words, e.g. <c>["dport", "=", ":443"]</c>.</param>
    /// <param name="context">Families, tables and resolvers of the invocation; the parse may change its
    /// families.</param>
    public static SocketFilter? Parse(IReadOnlyList<string> words, FilterParseContext context)
    {
        using var lexer = new FilterLexer(words, context);
        return new Grammar(lexer, context).ParseApplet();
    }

    private enum Pending
    {
        /// <summary>An open parenthesis.</summary>
        Open,

        /// <summary><c>not</c>, waiting for its expression.</summary>
        Not,

        /// <summary>A complete list (<see cref="Entry.Filter"/>).</summary>
        List,

        /// <summary><c>or</c> after the list below it, waiting for its right operand.</summary>
        Or,

        /// <summary><c>and</c> after the list below it, waiting for its right operand.</summary>
        And,
    }

    private readonly record struct Entry(Pending Kind, SocketFilter? Filter = null);

    private sealed class Grammar(FilterLexer lexer, FilterParseContext context)
    {
        private readonly List<Entry> _stack = [];

        /// <summary>bison's stack size now: its state 0 and one entry per symbol.</summary>
        private int Depth => _stack.Count + 1;

        public SocketFilter? ParseApplet()
        {
            if (lexer.Peek().Kind == TokenKind.End)
            {
                return null;
            }
            while (true)
            {
                var token = lexer.Take();
                switch (token.Kind)
                {
                    case TokenKind.Open:
                        Push(Pending.Open);
                        continue;
                    case TokenKind.Not:
                        Push(Pending.Not);
                        continue;
                }
                var expression = ParsePredicate(token);
                while (true)
                {
                    while (Top is Pending.Not)
                    {
                        Pop();
                        expression = new NotFilter(expression);
                    }
                    // The expression joins the list below it (after an operator, or side by side: and), or starts one.
                    var list = Top switch
                    {
                        Pending.Or => new OrFilter(PopOperand(), expression),
                        Pending.And => new AndFilter(PopOperand(), expression),
                        Pending.List => new AndFilter(Pop().Filter!, expression),
                        _ => expression,
                    };
                    _stack.Add(new Entry(Pending.List, list));
                    var next = lexer.Peek().Kind;
                    if (next is TokenKind.Or or TokenKind.And)
                    {
                        lexer.Take();
                        Push(next == TokenKind.Or ? Pending.Or : Pending.And);
                        break;
                    }
                    if (StartsExpression(next))
                    {
                        break;
                    }
                    if (next == TokenKind.End && _stack.Count == 1)
                    {
                        return list;
                    }
                    if (next != TokenKind.Close || _stack.Count < 2 || _stack[^2].Kind != Pending.Open)
                    {
                        throw SyntaxError();
                    }
                    lexer.Take();
                    CheckDepth(Depth + 1);
                    expression = Pop().Filter!;
                    Pop();
                }
            }
        }

        private Pending? Top => _stack.Count == 0 ? null : _stack[^1].Kind;

        private void Push(Pending kind)
        {
            CheckDepth(Depth + 1);
            _stack.Add(new Entry(kind));
        }

        private Entry Pop()
        {
            var top = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            return top;
        }

        /// <summary>Pops an operator and the list it follows, returning the list.</summary>
        private SocketFilter PopOperand()
        {
            Pop();
            return Pop().Filter!;
        }

        private static bool StartsExpression(TokenKind kind) => kind is TokenKind.Open or TokenKind.Not or TokenKind.Dst
            or TokenKind.Src or TokenKind.Dport or TokenKind.Sport or TokenKind.Dev or TokenKind.Fwmark
            or TokenKind.Cgroup or TokenKind.Autobound;

        /// <summary>One predicate, its keyword already taken; anything else where an expression must start is a
        /// syntax error.</summary>
        private SocketFilter ParsePredicate(FilterToken keyword)
        {
            switch (keyword.Kind)
            {
                case TokenKind.Dst:
                case TokenKind.Src:
                    var (_, host) = ReadOperatorAndValue(TokenKind.Host, static kind => kind == TokenKind.Equal);
                    return host.Host!.ToCondition(keyword.Kind == TokenKind.Src ? SocketEnd.Local : SocketEnd.Remote);
                case TokenKind.Dport:
                case TokenKind.Sport:
                    return ParsePortComparison(keyword.Kind == TokenKind.Sport ? SocketEnd.Local : SocketEnd.Remote);
                case TokenKind.Dev:
                    return Negatable(TokenKind.Device, static device => new DeviceFilter(device.Number32));
                case TokenKind.Fwmark:
                    return Negatable(TokenKind.MarkMask, static mark => new MarkFilter(mark.Number32, mark.Mask));
                case TokenKind.Cgroup:
                    return Negatable(TokenKind.CgroupId, static cgroup => new CgroupFilter(cgroup.Number64));
                case TokenKind.Autobound:
                    CheckDepth(Depth + 1);
                    var naming = context.Naming;
                    return new AutoboundFilter(() => naming.EphemeralPorts.Autobound);
                default:
                    throw SyntaxError();
            }
        }

        private SocketFilter ParsePortComparison(SocketEnd end)
        {
            var (kind, value) = ReadOperatorAndValue(TokenKind.Host, static kind => kind is TokenKind.GreaterOrEqual
                or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.Less or TokenKind.Equal or TokenKind.NotEqual);
            var host = value.Host!;
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
        private SocketFilter Negatable(TokenKind valueKind, Func<FilterToken, SocketFilter> build)
        {
            var (kind, value) = ReadOperatorAndValue(valueKind, static kind => kind is TokenKind.Equal or TokenKind.NotEqual);
            var filter = build(value);
            return kind == TokenKind.NotEqual ? new NotFilter(filter) : filter;
        }

        /// <summary>
        /// The rest of a predicate: an optional operator, then a value of <paramref name="valueKind"/>. Returns the
        /// operator (<see cref="TokenKind.End"/> for none). The depth checks come where bison pushes: the keyword,
        /// the operator (before the value is read) or its empty stand-in (after), then the value.
        /// </summary>
        private (TokenKind Operator, FilterToken Value) ReadOperatorAndValue(TokenKind valueKind, Func<TokenKind, bool> isOperator)
        {
            var predicateDepth = Depth;
            CheckDepth(predicateDepth + 1);
            var token = lexer.Take();
            var operation = TokenKind.End;
            if (isOperator(token.Kind))
            {
                operation = token.Kind;
                CheckDepth(predicateDepth + 2);
                token = lexer.Take();
            }
            if (token.Kind != valueKind)
            {
                throw SyntaxError();
            }
            CheckDepth(predicateDepth + 3);
            return (operation, token);
        }

        private static void CheckDepth(int depth)
        {
            if (depth >= MaxStackDepth)
            {
                throw BisonError("memory exhausted");
            }
        }

        private static SsException SyntaxError() => BisonError("syntax error");

        /// <summary>bison's message in ss's " Sorry." line; ss then prints its usage text (hence ShowUsage) and exits 255.</summary>
        private static SsException BisonError(string message) =>
            new($"ss: bison bellows (while parsing filter): \"{message}!\" Sorry.\n", 255) { ShowUsage = true };
    }
}
