using System.Runtime.InteropServices;
using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Query;

namespace SsNotebook.Cli;

internal static class Program
{
    private const int Sigint = 2;
    private const int Sigterm = 15;

    private static int Main(string[] args)
    {
        using var standardOutput = new DescriptorStream(1, FileAccess.Write);
        using var standardInput = new StreamReader(new DescriptorStream(0, FileAccess.Read), Encoding.UTF8);
        using var standardError = new RawTextWriter(new DescriptorStream(2, FileAccess.Write));
        // ss -E runs until SIGINT or SIGTERM kills it. ssn stops following instead, then dies of the same signal,
        // so the shell sees ss's status (130, 143) with every event already written.
        using var stop = new CancellationTokenSource();
        var received = 0;
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            Interlocked.CompareExchange(ref received, context.Signal == PosixSignal.SIGINT ? Sigint : Sigterm, 0);
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var status = SsApplication.Run(RawArguments.FromProcess(args), standardInput, standardOutput, standardError, SsEnvironment.FromProcess(),
            TerminalInfo.StandardOutputLayout(), stop.Token);
        if (status == StdioOutput.BrokenPipeExitCode)
        {
            // ss dies of SIGPIPE when its reader goes away; so does ssn, for the same status in the shell.
            StdioOutput.DieOfBrokenPipe();
        }
        if (Volatile.Read(ref received) is var signal and not 0)
        {
            StdioOutput.DieOfSignal(signal);
        }
        return status;
    }
}
