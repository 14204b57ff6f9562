namespace SsNotebook.CommandLine;

/// <summary>
/// One parse of an ss command line. Options are applied in the order getopt yields them, exactly as ss's main()
/// does (so "-V" after a bad option is never reached, and "-h" ends the parse); then come the leading state words,
/// ss's defaults and family/table merging, and finally the filter expression.
/// </summary>
/// <param name="environment">The variables ss reads and where names come from.</param>
/// <param name="standardInput">What <c>-F -</c> reads; null reads nothing.</param>
/// <param name="printSummary">Called with the query so far when -s was given, at the point ss prints its summary:
/// after the options, before the state words and filter are read (so their errors come after the summary).</param>
/// <param name="loadBpfMap">Called for each new --bpf-map-id as the option is read, with the id and its text.</param>
internal sealed class SsCommandLineParser(SsEnvironment environment, TextReader? standardInput, Action<SsQuery>? printSummary = null,
    Action<uint, string>? loadBpfMap = null)
{

    private static readonly GetoptLong Getopt = new("ss", SsOptionTable.ShortOptions, SsOptionTable.LongOptions);

    // ss's struct filter plus the flags main() keeps beside it.
    private TableSet _tables;
    private uint _states;
    private ulong _families;
    private bool _useDefaults = true;
    private bool _sawQuery;
    private uint _stateFilter;
    private int _preferredFamily;
    private bool _summary;
    private bool _kill;
    private bool _events;
    private string? _dumpFile;
    private string? _filterFile;
    private string? _networkNamespace;
    private Naming.NamingTables? _naming;
    private bool _showAllBpfMaps;
    private readonly List<uint> _bpfMapIds = [];
    private readonly List<string> _bpfMapIdArguments = [];
    private ShowOptions _show = new();

    public ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        var getopt = Getopt.Parse(args, environment.PosixlyCorrect);
        foreach (var option in getopt.Options)
        {
            if (ApplyOption(option) is { } action)
            {
                return new ParsedCommandLine(BuildQuery(null), action);
            }
        }
        if (getopt.Error is not null)
        {
            throw UsageError(getopt.Error);
        }

        var words = getopt.Operands;
        if (_summary)
        {
            printSummary?.Invoke(BuildQuery(null));
            if (_useDefaults && words.Count == 0)
            {
                return new ParsedCommandLine(BuildQuery(null) with { Mode = QueryMode.Summary }, CommandLineAction.Run) { ReplayableArguments = args };
            }
        }

        var filterStart = ReadStateWords(words);
        if (_useDefaults)
        {
            _stateFilter = _stateFilter != 0 ? _stateFilter : SsDefaults.Connected;
            EnableTables(SsDefaults.TablesNamed("all")!, enable: true);
        }
        if (_stateFilter != 0)
        {
            _states = _stateFilter;
        }
        MergeDefaults();

        var notice = _tables.IsEmpty ? "ss: no socket tables to show with such filter."
            : _families == 0 ? "ss: no families to show with such filter."
            : _states == 0 ? "ss: no socket states to show with such filter."
            : null;
        if (notice is not null)
        {
            return new ParsedCommandLine(BuildQuery(null), CommandLineAction.Run) { Notice = notice };
        }

        if (_dumpFile is not null)
        {
            // ss writes the dump before it even parses the filter words.
            return _tables.Contains(SocketTable.Tcp)
                ? new ParsedCommandLine(BuildQuery(null), CommandLineAction.Run) { ReplayableArguments = args }
                : new ParsedCommandLine(BuildQuery(null), CommandLineAction.Run) { Notice = "ss: tcpdiag dump requested and no tcp in filter." };
        }

        var filter = ParseFilter(words, filterStart, out var fileLines);
        return new ParsedCommandLine(BuildQuery(filter), CommandLineAction.Run)
        {
            ReplayableArguments = fileLines is null ? args : ReplayableArguments(getopt, fileLines),
            Naming = _naming,
        };
    }

    /// <summary>
    /// The command line with -F FILE replaced by the lines the file held, as operands after "--" (ss reads the file
    /// after the argv words, and splits both alike). No line can be taken for a state word: those come first, and a
    /// filter cannot begin with a bare word.
    /// </summary>
    private static string[] ReplayableArguments(GetoptResult getopt, IReadOnlyList<string> fileLines)
    {
        var arguments = new List<string>();
        foreach (var option in getopt.Options)
        {
            if (option.Code == 'F')
            {
                continue;
            }
            if (option.Code < 256)
            {
                arguments.Add("-" + (char)option.Code);
                if (option.Argument is { } value)
                {
                    arguments.Add(value);
                }
                continue;
            }
            var name = SsOptionTable.LongOptions.First(candidate => candidate.Code == option.Code).Name;
            arguments.Add(option.Argument is { } argument ? $"--{name}={argument}" : "--" + name);
        }
        arguments.Add("--");
        arguments.AddRange(getopt.Operands);
        arguments.AddRange(fileLines);
        return [.. arguments];
    }

    /// <summary>Applies one option; returns an action when the option ends the parse (help, version).</summary>
    private CommandLineAction? ApplyOption(ParsedOption option)
    {
        switch (option.Code)
        {
            case 'n': _show = _show with { Numeric = true }; break;
            case 'r': _show = _show with { Resolve = true }; break;
            case 'o': _show = _show with { Options = true }; break;
            case 'e': _show = _show with { Options = true, Details = true, DetailsLevel = _show.DetailsLevel + 1 }; break;
            case 'm': _show = _show with { Memory = true }; break;
            case 'i': _show = _show with { TcpInfo = true }; break;
            case 'p': _show = _show with { Processes = true }; break;
            case 'T': _show = _show with { Threads = true }; break;
            case 'b': _show = _show with { Options = true, Bpf = true }; break;
            case 'E': _events = true; break;
            case 'd': EnableTable(SocketTable.Dccp); break;
            case 't': EnableTable(SocketTable.Tcp); break;
            case 'S': EnableTable(SocketTable.Sctp); break;
            case 'u': EnableTable(SocketTable.Udp); break;
            case 'w': EnableTable(SocketTable.Raw); break;
            case 'M': EnableTable(SocketTable.Mptcp); break;
            case 'x': EnableFamily(AddressFamilies.Unix); break;
            case '4': EnableFamily(AddressFamilies.Inet); break;
            case '6': EnableFamily(AddressFamilies.Inet6); break;
            case '0': EnableFamily(AddressFamilies.Packet); break;
            case SsOptionTable.Vsock: EnableFamily(AddressFamilies.Vsock); break;
            case SsOptionTable.Tipc: EnableFamily(AddressFamilies.Tipc); break;
            case SsOptionTable.Xdp: EnableFamily(AddressFamilies.Xdp); break;
            case 'a': _stateFilter = SsDefaults.AllStates; break;
            case 'l': _stateFilter = (1u << (int)SocketState.Listen) | (1u << (int)SocketState.Close); break;
            case 'B': _stateFilter = 1u << (int)SocketState.BoundInactive; break;
            case 'f':
                if (option.Argument == "help")
                {
                    return CommandLineAction.Help;
                }
                EnableFamily(SsDefaults.FamilyNamed(option.Argument!)
                    ?? throw UsageError($"ss: \"{option.Argument}\" is invalid family"));
                break;
            case 'A': ApplyQuery(option.Argument!); break;
            case 's': _summary = true; break;
            case 'D': _dumpFile = option.Argument; break;
            case 'F': OpenFilterFile(option.Argument!); break;
            case 'v' or 'V': return CommandLineAction.Version;
            case 'z' or 'Z':
                if (!environment.SelinuxEnabled)
                {
                    throw new SsException("ss: SELinux is not enabled.", 1);
                }
                _show = option.Code == 'z' ? _show with { SocketContext = true, ProcessContext = true } : _show with { ProcessContext = true };
                break;
            case 'N': SwitchNamespace(option.Argument!); break;
            case SsOptionTable.TipcInfo: _show = _show with { TipcInfo = true }; break;
            case SsOptionTable.Tos: _show = _show with { Tos = true }; break;
            case SsOptionTable.Cgroup: _show = _show with { Cgroup = true }; break;
            case 'K': _kill = true; break;
            case 'H': _show = _show with { NoHeader = true }; break;
            case 'Q': _show = _show with { NoQueues = true }; break;
            case 'O': _show = _show with { OneLine = true }; break;
            case SsOptionTable.InetSockopt: _show = _show with { InetSockopt = true }; break;
            case SsOptionTable.BpfMaps:
                if (_bpfMapIds.Count > 0)
                {
                    throw new SsException("ss: --bpf-maps and --bpf-map-id cannot be used together", 255);
                }
                _showAllBpfMaps = true;
                break;
            case SsOptionTable.BpfMapId: AddBpfMapId(option.Argument!); break;
            case 'h': return CommandLineAction.Help;
            default: throw UsageError(null);
        }
        return null;
    }

    private void EnableTable(SocketTable table) => EnableTables([table], enable: true);

    private void EnableTables(ReadOnlySpan<SocketTable> tables, bool enable)
    {
        foreach (var table in tables)
        {
            if (enable)
            {
                _states |= SsDefaults.StatesOf(table);
                _tables = _tables.With(table);
            }
            else
            {
                _tables = _tables.Without(table);
            }
        }
        _useDefaults = false;
    }

    private void EnableFamily(int family)
    {
        _states |= SsDefaults.StatesOfFamily(family);
        _families |= AddressFamilies.Mask(family);
        _useDefaults = false;
        _preferredFamily = family;
    }

    /// <summary>-A LIST: the first -A starts from no table (and, unless -a/-l/-B came first, connected states).</summary>
    private void ApplyQuery(string list)
    {
        if (!_sawQuery)
        {
            _tables = TableSet.None;
            _stateFilter = _stateFilter != 0 ? _stateFilter : SsDefaults.Connected;
            _sawQuery = true;
            _useDefaults = false;
        }
        foreach (var word in list.Split(','))
        {
            var enable = !word.StartsWith('!');
            var tables = SsDefaults.TablesNamed(enable ? word : word[1..])
                ?? throw UsageError($"ss: \"{word}\" is illegal socket table id");
            EnableTables(tables, enable);
        }
    }

    private void OpenFilterFile(string path)
    {
        if (_filterFile is not null)
        {
            throw new SsException("More than one filter file", 255);
        }
        if (environment.FromRecording)
        {
            throw new SsException(
                $"its filter is in a file (-F {path}) and a replay opens no file a recording names; recordings made now keep the filter text instead", 1);
        }
        // ss reads stdin for any argument starting with '-', and opens the file right away.
        if (!path.StartsWith('-'))
        {
            var fd = LibC.Open(LibC.AtFdCwd, path, LibC.ORdOnly);
            if (fd < 0)
            {
                throw new SsException($"fopen filter file: {LibC.LastErrorMessage()}", 255);
            }
            LibC.Close(fd);
        }
        _filterFile = path.StartsWith('-') ? "-" : path;
    }

    /// <summary>-N NAME: ss switches namespace at once and stops if it cannot open it. The switch itself belongs to
    /// whoever opens the sockets; here the name is checked so the error comes at ss's moment, with its text.</summary>
    private void SwitchNamespace(string name)
    {
        if (environment.FromRecording)
        {
            // The namespace was entered when recording; the replies already come from it.
            return;
        }
        var fd = LibC.Open(LibC.AtFdCwd, $"{environment.NetnsRunDirectory}/{name}", LibC.ORdOnly);
        if (fd < 0)
        {
            throw new SsException($"Cannot open network namespace \"{name}\": {LibC.LastErrorMessage()}", 1);
        }
        LibC.Close(fd);
        _networkNamespace = name;
    }

    private void AddBpfMapId(string text)
    {
        if (_showAllBpfMaps)
        {
            throw new SsException("ss: --bpf-maps and --bpf-map-id cannot be used together", 1);
        }
        // strtoul(text, &end, 0) consuming the whole text; a negative number wraps to a huge one.
        if (!CNumbers.TryParseUnsigned(text, ulong.MaxValue, out var id) || id == 0 || id >= uint.MaxValue)
        {
            throw new SsException($"ss: invalid BPF map ID {text}", 1);
        }
        // ss loads each new map here (BpfStorageMaps.Load: its errors, its refusal of a 33rd map).
        if (!_bpfMapIds.Contains((uint)id))
        {
            loadBpfMap?.Invoke((uint)id, text);
            _bpfMapIds.Add((uint)id);
            _bpfMapIdArguments.Add(text);
        }
    }

    /// <summary>Consumes the leading "state X" / "exclude X" / "excl X" words; returns where the filter begins.</summary>
    private int ReadStateWords(IReadOnlyList<string> words)
    {
        var sawStates = false;
        var index = 0;
        while (index < words.Count)
        {
            var word = words[index];
            var exclude = word is "exclude" or "excl";
            if (word != "state" && !exclude)
            {
                break;
            }
            if (index + 1 >= words.Count)
            {
                throw new SsException("Command line is not complete. Try option \"help\"", 255);
            }
            var mask = StateNames.Parse(words[index + 1]);
            if (!sawStates)
            {
                _stateFilter = exclude ? SsDefaults.AllStates : 0;
            }
            _stateFilter = exclude ? _stateFilter & ~mask : _stateFilter | mask;
            sawStates = true;
            index += 2;
        }
        return index;
    }

    /// <summary>ss's filter_merge_defaults: a table with none of its families selected brings its families in, then a
    /// family with none of its tables selected brings its tables in.</summary>
    private void MergeDefaults()
    {
        for (var table = 0; table <= (int)SocketTable.Xdp; table++)
        {
            if (_tables.Contains((SocketTable)table) && (SsDefaults.FamiliesOf((SocketTable)table) & _families) == 0)
            {
                _families |= SsDefaults.FamiliesOf((SocketTable)table);
            }
        }
        for (var family = 0; family < 64; family++)
        {
            if ((_families & AddressFamilies.Mask(family)) != 0 && SsDefaults.TablesOfFamily(family).Intersect(_tables).IsEmpty)
            {
                _tables = _tables.Union(SsDefaults.TablesOfFamily(family));
            }
        }
    }

    private SocketFilter? ParseFilter(IReadOnlyList<string> words, int start, out IReadOnlyList<string>? fileLines)
    {
        fileLines = null;
        if (start == words.Count && _filterFile is null)
        {
            return null;
        }
        var filterWords = start == 0 ? words : words.Skip(start).ToArray();
        var context = FilterParseContext.After(BuildQuery(null), environment, _filterFile, standardInput);
        SocketFilter? filter;
        try
        {
            filter = FilterParser.Parse(filterWords, context);
        }
        catch (SsException error) when (error.ShowUsage)
        {
            throw new SsException(error.Message + SsUsage.Text.TrimEnd('\n'), 255);
        }
        fileLines = _filterFile is null ? null : context.FileLines;
        _naming = context.Naming;
        // A host word with a family prefix (or read in the preferred family) leaves only that family selected and
        // makes it the preferred one, as ss's filter_af_set does.
        _families = context.Families;
        _preferredFamily = context.PreferredFamily;
        return filter;
    }

    private SsQuery BuildQuery(SocketFilter? filter) => new()
    {
        Tables = _tables,
        States = new StateSet(_states),
        Families = _families,
        Filter = filter,
        Show = _show,
        Mode = _dumpFile is not null ? QueryMode.Dump
            : _events ? QueryMode.Events
            : _kill ? QueryMode.Kill
            : QueryMode.List,
        Kill = _kill,
        PrintSummary = _summary,
        NetworkNamespace = _networkNamespace,
        DumpFile = _dumpFile,
        PreferredFamily = _preferredFamily,
        ShowAllBpfMaps = _showAllBpfMaps,
        BpfMapIds = _bpfMapIds.ToArray(),
        BpfMapIdArguments = _bpfMapIdArguments.ToArray(),
    };

    /// <summary>getopt's message (if any), then ss's usage text, on stderr with exit status 255.</summary>
    private static SsException UsageError(string? message) =>
        new(message is null ? SsUsage.Text.TrimEnd('\n') : $"{message}\n{SsUsage.Text.TrimEnd('\n')}", 255);
}
