using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Query;

namespace SsNotebook.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var standardOutput = new DescriptorStream(1, FileAccess.Write);
        using var standardInput = new StreamReader(new DescriptorStream(0, FileAccess.Read), Encoding.UTF8);
        using var standardError = new RawTextWriter(new DescriptorStream(2, FileAccess.Write));
        var status = SsApplication.Run(RawArguments.FromProcess(args), standardInput, standardOutput, standardError, SsEnvironment.FromProcess(),
            TerminalInfo.StandardOutputLayout());
        if (status == StdioOutput.BrokenPipeExitCode)
        {
            // ss dies of SIGPIPE when its reader goes away; so does ssn, for the same status in the shell.
            StdioOutput.DieOfBrokenPipe();
        }
        return status;
    }
}
