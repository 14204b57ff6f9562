using System.Runtime.InteropServices;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.CommandLine;

/// <summary>Output and file errors end as ss 6.10 ends them (checked with its binary), never as "internal error".</summary>
public sealed class OutputErrorTests
{
    private sealed record Outcome(int ExitCode, string Stderr);

    private static Outcome Run(Stream stdout, params string[] args)
    {
        using var stderr = new StringWriter();
        var exit = SsApplication.Run(args, new StringReader(""), stdout, stderr, new SsEnvironment(), TextLayout.Compact);
        return new Outcome(exit, stderr.ToString());
    }

    /// <summary>A stdout whose every write fails with <paramref name="errno"/>, as <see cref="DescriptorStream"/> reports it.</summary>
    private sealed class FailingStream(int errno) : Stream
    {
        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(9)] // EBADF: ssn -tan >&-
    [InlineData(28)] // ENOSPC: ssn -tan > /dev/full
    [InlineData(5)] // EIO
    public void WriteErrorsAreSilentAndSucceedAsInSs(int errno)
    {
        var stdout = new FailingStream(errno);
        Assert.Equal(new Outcome(0, ""), Run(stdout, "-V"));
        Assert.Equal(1, stdout.Writes);
        Assert.Equal(new Outcome(0, ""), Run(new FailingStream(errno), "-h"));
    }

    [Fact]
    public void ABrokenPipeEndsWithSigpipesStatus()
    {
        Assert.Equal(new Outcome(141, ""), Run(new FailingStream(32), "-V"));
        Assert.Equal(141, StdioOutput.BrokenPipeExitCode);
    }

    [Fact]
    public void ARealPipeWithoutReaderIsABrokenPipe()
    {
        // .NET ignores SIGPIPE, so the write fails with EPIPE instead of killing the test host.
        var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        pipe.DisposeLocalCopyOfClientHandle();
        pipe.ClientSafePipeHandle.Dispose();
        using var fd = pipe.SafePipeHandle;
        Assert.Equal(new Outcome(141, ""), Run(new DescriptorStream((int)fd.DangerousGetHandle(), FileAccess.Write), "-V"));
    }

    [Fact]
    public void DevFullAsStdoutIsSilent()
    {
        using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
        Assert.Equal(new Outcome(0, ""), Run(new DescriptorStream((int)full.SafeFileHandle.DangerousGetHandle(), FileAccess.Write), "-V"));
    }

    [Fact]
    public void UnwritableDumpFilesAreClearErrors()
    {
        // A deliberate difference: ss 6.10 checks the wrong pointer after fopen and goes on silently, status 0.
        Assert.Equal(new Outcome(255, "fopen dump file: No such file or directory\n"), Run(new MemoryStream(), "-t", "-D", ""));
        using var ns = new TestNamespace("ssn-dumperr");
        Assert.Equal(new Outcome(255, "write dump file: No space left on device\n"), Run(new MemoryStream(), "-N", ns.Name, "-t", "-D", "/dev/full"));
        Assert.Equal(new Outcome(255, "write dump file: Input/output error\n"), Run(new MemoryStream(), "-N", ns.Name, "-t", "-D", "/proc/version"));
    }

    [Theory]
    [InlineData("/proc/self/mem")]
    [InlineData("/")]
    public void FilterFilesThatReadAsNothingAreAnEmptyFilter(string path)
    {
        // ss's fopen succeeds and its first fgets fails (EIO, EISDIR): no filter, status 0.
        var parsed = SsCommandLine.Parse(["-t", "-F", path], new SsEnvironment(), TextReader.Null);
        Assert.Null(parsed.Query.Filter);
        Assert.Equal(["-t", "--"], parsed.ReplayableArguments);
    }
}
