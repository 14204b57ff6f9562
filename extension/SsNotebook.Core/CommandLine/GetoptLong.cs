namespace SsNotebook.CommandLine;

/// <summary>Whether a long option takes an argument (getopt's no_argument / required_argument).</summary>
internal enum ArgumentKind
{
    None,
    Required,
}

/// <summary>One entry of a getopt_long option table; <paramref name="Code"/> is what the parser reports for it
/// (the short option letter, or a private value above 255 for long-only options).</summary>
internal readonly record struct LongOption(string Name, ArgumentKind Argument, int Code);

/// <summary>One option found on the command line, with its argument when it takes one.</summary>
internal readonly record struct ParsedOption(int Code, string? Argument);

/// <summary>What a getopt_long pass found: the options in order, then the operands in GNU's permuted order.
/// <see cref="Error"/> is getopt's diagnostic (the parse stops there, as ss stops at the first '?').</summary>
internal sealed record GetoptResult(IReadOnlyList<ParsedOption> Options, IReadOnlyList<string> Operands, string? Error);

/// <summary>
/// glibc getopt_long, as ss calls it: short clusters, attached or separate arguments, "--name=value" and
/// "--name value", unique-prefix abbreviation, "--" ending the options, and argv permutation (operands may come
/// before options) unless POSIXLY_CORRECT is set. Error texts are glibc's, with the program name ss prints.
/// </summary>
internal sealed class GetoptLong(string programName, string shortOptions, IReadOnlyList<LongOption> longOptions)
{
    public GetoptResult Parse(IReadOnlyList<string> args, bool posixlyCorrect)
    {
        var options = new List<ParsedOption>();
        var operands = new List<string>();
        var index = 0;
        while (index < args.Count)
        {
            var arg = args[index];
            if (arg == "--")
            {
                index++;
                break;
            }
            if (arg.Length < 2 || arg[0] != '-')
            {
                if (posixlyCorrect)
                {
                    break;
                }
                operands.Add(arg);
                index++;
                continue;
            }
            var error = arg[1] == '-'
                ? ParseLong(args, ref index, options)
                : ParseShortCluster(args, ref index, options);
            if (error is not null)
            {
                return new GetoptResult(options, operands, error);
            }
        }
        for (; index < args.Count; index++)
        {
            operands.Add(args[index]);
        }
        return new GetoptResult(options, operands, null);
    }

    private string? ParseShortCluster(IReadOnlyList<string> args, ref int index, List<ParsedOption> options)
    {
        var cluster = args[index];
        index++;
        for (var position = 1; position < cluster.Length; position++)
        {
            var letter = cluster[position];
            var spec = letter is ':' or ';' ? -1 : shortOptions.IndexOf(letter);
            if (spec < 0)
            {
                return $"{programName}: invalid option -- '{letter}'";
            }
            var takesArgument = spec + 1 < shortOptions.Length && shortOptions[spec + 1] == ':';
            if (!takesArgument)
            {
                options.Add(new ParsedOption(letter, null));
                continue;
            }
            if (position + 1 < cluster.Length)
            {
                options.Add(new ParsedOption(letter, cluster[(position + 1)..]));
                return null;
            }
            if (index >= args.Count)
            {
                return $"{programName}: option requires an argument -- '{letter}'";
            }
            options.Add(new ParsedOption(letter, args[index]));
            index++;
            return null;
        }
        return null;
    }

    private string? ParseLong(IReadOnlyList<string> args, ref int index, List<ParsedOption> options)
    {
        // glibc quotes the whole word after "--" (value included) in its "unrecognized" and "ambiguous" messages.
        var text = args[index][2..];
        index++;
        var equals = text.IndexOf('=');
        var name = equals < 0 ? text : text[..equals];
        var found = FindLongOption(name, text, out var error);
        if (found is not { } option)
        {
            return error;
        }
        if (option.Argument == ArgumentKind.None)
        {
            if (equals >= 0)
            {
                return $"{programName}: option '--{option.Name}' doesn't allow an argument";
            }
            options.Add(new ParsedOption(option.Code, null));
            return null;
        }
        if (equals >= 0)
        {
            options.Add(new ParsedOption(option.Code, text[(equals + 1)..]));
            return null;
        }
        if (index >= args.Count)
        {
            return $"{programName}: option '--{option.Name}' requires an argument";
        }
        options.Add(new ParsedOption(option.Code, args[index]));
        index++;
        return null;
    }

    private LongOption? FindLongOption(string name, string text, out string? error)
    {
        error = null;
        foreach (var option in longOptions)
        {
            if (option.Name == name)
            {
                return option;
            }
        }
        LongOption? first = null;
        List<string>? ambiguous = null;
        foreach (var option in longOptions)
        {
            if (!option.Name.StartsWith(name, StringComparison.Ordinal))
            {
                continue;
            }
            if (first is not { } chosen)
            {
                first = option;
            }
            else if (chosen.Argument != option.Argument || chosen.Code != option.Code)
            {
                // Abbreviations of two names for the same option (same code and argument) are not ambiguous.
                ambiguous ??= [chosen.Name];
                ambiguous.Add(option.Name);
            }
        }
        if (ambiguous is not null)
        {
            var message = new StringBuilder($"{programName}: option '--{text}' is ambiguous; possibilities:");
            foreach (var candidate in ambiguous)
            {
                message.Append(" '--").Append(candidate).Append('\'');
            }
            error = message.ToString();
            return null;
        }
        if (first is null)
        {
            error = $"{programName}: unrecognized option '--{text}'";
        }
        return first;
    }
}
