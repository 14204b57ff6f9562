using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SsNotebook.Fuzz;

/// <summary>One command line of kernel-tests/cmdline/corpus.txt: its words as raw bytes (argv need not be UTF-8),
/// extra environment variables and standard input.</summary>
public sealed record CommandLineCase(string Id, IReadOnlyDictionary<string, string> Environment, byte[]? StandardInput, IReadOnlyList<byte[]> Words);

/// <summary>What a program did with a command line: its exit status (128 + N when killed by signal N, as a shell
/// reports it: 129 to 159; ss's own statuses are 0, 1 and 255), its standard error, and whether it had to be
/// stopped.</summary>
public sealed record CommandLineAnswer(int ExitStatus, byte[] StandardError, bool TimedOut);

/// <summary>
/// The malformed command-line corpus (kernel-tests/cmdline, format in its README.md) and the way its command lines
/// are run: each in a new network namespace (<c>unshare -n</c>), with a minimal environment, standard output
/// discarded, argv passed byte for byte (through <c>xargs -0</c>, since .NET can only pass UTF-8 arguments).
/// </summary>
public static class CommandLineCorpus
{
    /// <summary>ss's usage text stands for itself in expected answers as this token.</summary>
    public const string UsageToken = "{USAGE}";

    public static IReadOnlyList<CommandLineCase> Load(string path)
    {
        var cases = new List<CommandLineCase>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var fields = line.Split('\t');
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (fields[1] != "-")
            {
                foreach (var pair in fields[1].Split(','))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    environment[pair[..equals]] = pair[(equals + 1)..];
                }
            }
            var stdin = fields[2] == "-" ? null : Decode(fields[2]);
            var words = fields[3].Split(' ').Select(Decode).ToArray();
            cases.Add(new CommandLineCase(fields[0], environment, stdin, words));
        }
        return cases;
    }

    /// <summary>A corpus word: %XX bytes, {N*TEXT} repetitions, "" for the empty word, anything else literal.</summary>
    public static byte[] Decode(string text)
    {
        if (text == "\"\"")
        {
            return [];
        }
        var output = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                output.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c == '{')
            {
                var close = text.IndexOf('}', i);
                var star = text.IndexOf('*', i);
                var count = int.Parse(text.AsSpan(i + 1, star - i - 1), CultureInfo.InvariantCulture);
                var unit = Decode(text[(star + 1)..close]);
                for (var n = 0; n < count; n++)
                {
                    output.AddRange(unit);
                }
                i = close;
            }
            else
            {
                output.Add((byte)c);
            }
        }
        return [.. output];
    }

    /// <summary>Bytes in the corpus encoding (printable ASCII kept, the rest as %XX), with ss's usage text as <see cref="UsageToken"/>.</summary>
    public static string Encode(byte[] bytes, string usage)
    {
        var text = Encoding.Latin1.GetString(bytes).Replace(usage, UsageToken, StringComparison.Ordinal);
        var output = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text.AsSpan(i).StartsWith(UsageToken, StringComparison.Ordinal))
            {
                output.Append(UsageToken);
                i += UsageToken.Length - 1;
                continue;
            }
            var c = text[i];
            output.Append(c is >= ' ' and <= '~' and not '%' and not '{' and not '}' ? c.ToString() : $"%{(int)c:X2}");
        }
        return output.ToString();
    }

    /// <summary>The inverse of <see cref="Encode"/>.</summary>
    public static byte[] DecodeAnswer(string text, string usage) =>
        [.. Decode(text.Replace(UsageToken, Encode(Encoding.Latin1.GetBytes(usage), "\0"), StringComparison.Ordinal))];

    /// <summary>Runs <paramref name="program"/> (a path, or a name found on <paramref name="searchPath"/>) on one case.</summary>
    public static CommandLineAnswer Run(string program, CommandLineCase @case, TimeSpan timeout, string? searchPath = null)
    {
        var directory = Directory.CreateTempSubdirectory("ssn-cmdline-").FullName;
        try
        {
            var arguments = Path.Combine(directory, "argv");
            using (var file = File.Create(arguments))
            {
                foreach (var word in @case.Words)
                {
                    file.Write(word);
                    file.WriteByte(0);
                }
            }
            var status = Path.Combine(directory, "status");
            var start = new ProcessStartInfo("unshare")
            {
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["-n", "--", "xargs", "-0", "-x", "-s", "1900000", "-a", arguments, "--", "sh", "-c",
                "\"$0\" \"$@\" >/dev/null; echo $? >\"$SSN_CORPUS_STATUS\"", program])
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment.Clear();
            start.Environment["PATH"] = (searchPath is null ? "" : searchPath + ":") + "/usr/sbin:/usr/bin:/sbin:/bin";
            start.Environment["SSN_CORPUS_STATUS"] = status;
            foreach (var (name, value) in @case.Environment)
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var error = new MemoryStream();
            var reading = process.StandardError.BaseStream.CopyToAsync(error);
            var writing = Task.Run(() =>
            {
                try
                {
                    process.StandardInput.BaseStream.Write(@case.StandardInput ?? []);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The program exited without reading its input.
                }
            });
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new CommandLineAnswer(-1, error.ToArray(), TimedOut: true);
            }
            reading.Wait();
            writing.Wait();
            var exit = File.Exists(status) ? int.Parse(File.ReadAllText(status).Trim(), CultureInfo.InvariantCulture) : -1;
            return new CommandLineAnswer(exit, error.ToArray(), TimedOut: false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Expected answers: "ID TAB STATUS TAB STDERR" lines.</summary>
    public static Dictionary<string, (int ExitStatus, byte[] StandardError)> LoadAnswers(string path, string usage)
    {
        var answers = new Dictionary<string, (int, byte[])>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var fields = line.Split('\t');
            answers[fields[0]] = (int.Parse(fields[1], CultureInfo.InvariantCulture), DecodeAnswer(fields[2], usage));
        }
        return answers;
    }

    /// <summary>Records <paramref name="oracle"/>'s answers to every case (run as "ss" from a directory on PATH, so
    /// its messages name "ss" as the installed ss does).</summary>
    public static void Record(string oracle, string corpus, string output, string usage, TextWriter log)
    {
        var directory = Directory.CreateTempSubdirectory("ssn-oracle-").FullName;
        File.CreateSymbolicLink(Path.Combine(directory, "ss"), oracle);
        var lines = new List<string> { "# ss 6.10's exit status and stderr for each case of corpus.txt (record.sh)." };
        foreach (var @case in Load(corpus))
        {
            var answer = Run("ss", @case, TimeSpan.FromSeconds(30), directory);
            if (answer.TimedOut)
            {
                log.WriteLine($"{@case.Id}: timed out");
            }
            lines.Add($"{@case.Id}\t{answer.ExitStatus}\t{Encode(answer.StandardError, usage)}");
        }
        File.WriteAllLines(output, lines);
        Directory.Delete(directory, recursive: true);
        log.WriteLine($"{lines.Count - 1} answers recorded in {output}");
    }
}
