using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>TCPDIAG_FILE is read one message at a time, whatever it is; its errors are ss 6.10's.</summary>
public sealed class TcpDiagFileBoundsTests
{
    private const string Header = "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n";

    private static (int ExitCode, string Stdout, string Stderr) Run(string file)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = SsApplication.Run(["-t"], new StringReader(""), stdout, stderr, new SsEnvironment { TcpDiagFile = file }, TextLayout.Compact);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public void AnEndlessFileIsOneBadHeader()
    {
        // /dev/zero: a header of length 0 (ss overruns its buffer here; its read is refused with EFAULT).
        Assert.Equal((0, Header, "Reading $TCPDIAG_FILE: Bad address\n"), Run("/dev/zero"));
        Assert.True(AllocatedBeyondAnEmptyFile("/dev/zero") < 64 << 10);
    }

    [Fact]
    public void AHugeDeclaredLengthIsNotAllocated()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0, 0, 0, 0x7f, 0x14, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            Assert.Equal((0, Header, "Reading $TCPDIAG_FILE: Bad address\n"), Run(path));
            Assert.True(AllocatedBeyondAnEmptyFile(path) < 64 << 10);
            File.WriteAllBytes(path, [64, 0, 0, 0, 0x14, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
            // ss prints this one message without a newline.
            Assert.Equal((0, Header, "Unexpected EOF reading $TCPDIAG_FILE"), Run(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>What a run on <paramref name="file"/> allocates more than one on an empty file.</summary>
    private static long AllocatedBeyondAnEmptyFile(string file)
    {
        Run("/dev/null");
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run("/dev/null");
        var empty = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        Run(file);
        return GC.GetAllocatedBytesForCurrentThread() - before - empty;
    }

    [Theory]
    [InlineData("/", "Reading header from $TCPDIAG_FILE: Is a directory\n")]
    [InlineData("/proc/self/mem", "Reading header from $TCPDIAG_FILE: Input/output error\n")]
    [InlineData("/nonexistent", "fopen($TCPDIAG_FILE): No such file or directory\n")]
    public void UnreadableFilesSayWhatSsSays(string file, string message) =>
        Assert.Equal((0, Header, message), Run(file));
}
