using System.Globalization;
using SharpFuzz;

namespace SsNotebook.Fuzz;

/// <summary>
/// ssn-fuzz COMMAND:
///   list                                  the targets and their contracts
///   afl TARGET                            the afl-fuzz entry point (SharpFuzz's out-of-process fork server; run.sh)
///   smoke TARGET [--corpus DIR] [--out DIR] [--mutations N] [--timeout-ms N]
///                                         the bounded smoke run: seeds, regressions, N deterministic mutations
///   repro TARGET FILE...                  runs inputs once each and prints what they do (full stack of a finding)
///   seeds DIR                             writes the seed corpora (run it in a private network namespace: seeds.sh)
///   cmdline-record ORACLE CORPUS OUTPUT   records ss 6.10's answers to the command-line corpus (record.sh)
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: ssn-fuzz list | afl TARGET | smoke TARGET [options] | repro TARGET FILE... | seeds DIR");
            return 2;
        }
        switch (args[0])
        {
            case "list":
                foreach (var target in FuzzTargets.All)
                {
                    Console.WriteLine($"{target.Name}\t{target.Contract}");
                }
                return 0;
            case "afl" when args.Length == 2:
                var fuzzed = FuzzTargets.Find(args[1]);
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    var input = new MemoryStream();
                    stream.CopyTo(input);
                    fuzzed.RunChecked(input.ToArray());
                });
                return 0;
            case "smoke" when args.Length >= 2:
                return Smoke(FuzzTargets.Find(args[1]), args[2..]);
            case "repro" when args.Length >= 3:
                return Repro(FuzzTargets.Find(args[1]), args[2..]);
            case "cmdline-record" when args.Length == 4:
                // ORACLE (the ss 6.10 binary) CORPUS OUTPUT
                CommandLineCorpus.Record(args[1], args[2], args[3], SsNotebook.CommandLine.SsUsage.Text, Console.Out);
                return 0;
            case "seeds" when args.Length == 2:
                SeedMaker.Write(args[1], Console.Out);
                return 0;
            default:
                Console.Error.WriteLine($"ssn-fuzz: bad command line: {string.Join(' ', args)}");
                return 2;
        }
    }

    private static int Smoke(FuzzTarget target, string[] options)
    {
        var corpus = Path.Combine(Directory.GetCurrentDirectory(), "kernel-tests", "fuzz");
        var output = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "fuzz", "smoke");
        var mutations = 1000;
        var timeout = 5000;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--corpus": corpus = options[i + 1]; break;
                case "--out": output = options[i + 1]; break;
                case "--mutations": mutations = int.Parse(options[i + 1], CultureInfo.InvariantCulture); break;
                case "--timeout-ms": timeout = int.Parse(options[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {options[i]}");
            }
        }
        var run = new SmokeRun(target, corpus, output, mutations, TimeSpan.FromMilliseconds(timeout));
        var clean = run.Execute(Console.Out);
        Console.Out.Flush();
        // After a hang the worker still runs: leave without waiting for it.
        Environment.Exit(clean ? 0 : 1);
        return 1;
    }

    private static int Repro(FuzzTarget target, string[] files)
    {
        var findings = 0;
        using var runner = new BoundedRunner(target);
        foreach (var file in files)
        {
            var outcome = runner.Run(File.ReadAllBytes(file), TimeSpan.FromSeconds(30));
            Console.WriteLine($"{file}: {outcome}");
            if (outcome is Outcome.Rejected or Outcome.Finding)
            {
                var exception = runner.LastException!;
                Console.WriteLine(outcome == Outcome.Finding
                    ? $"{exception.GetType().FullName}: {SmokeRun.Shorten(exception.Message)}\n{exception.StackTrace}"
                    : "    " + SmokeRun.Shorten(exception.Message));
            }
            findings += outcome is Outcome.Finding or Outcome.Hang ? 1 : 0;
            if (outcome == Outcome.Hang)
            {
                break;
            }
        }
        Console.Out.Flush();
        Environment.Exit(findings == 0 ? 0 : 1);
        return 1;
    }
}
