using SsNotebook.CommandLine;
using SsNotebook.Query;

namespace SsNotebook.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var standardOutput = Console.OpenStandardOutput();
        return SsApplication.Run(args, Console.In, standardOutput, Console.Error, SsEnvironment.FromProcess(),
            TerminalInfo.StandardOutputLayout());
    }
}
