namespace SsNotebook.CommandLine;

/// <summary>
/// Standard output with the error behaviour of ss's stdio: a failed write (stdout closed, a full disk) loses the
/// output silently and changes nothing else, as ss never checks; a write to a pipe whose reader has gone is the
/// end of the program, as SIGPIPE is for ss (<see cref="BrokenPipeException"/>, exit status 141).
/// </summary>
internal sealed class StdioOutput(Stream inner) : WriteOnlyStream
{
    /// <summary>What a shell reports for a process killed by SIGPIPE (128 + 13): ss's status when its reader goes away.</summary>
    public const int BrokenPipeExitCode = 141;

    private const int Epipe = 32;

    private bool _failed;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_failed)
        {
            Guard(inner, buffer, static (stream, data) => stream.Write(data));
        }
    }

    public override void Flush()
    {
        if (!_failed)
        {
            Guard(inner, default, static (stream, _) => stream.Flush());
        }
    }

    private delegate void Operation(Stream stream, ReadOnlySpan<byte> data);

    private void Guard(Stream stream, ReadOnlySpan<byte> data, Operation operation)
    {
        try
        {
            operation(stream, data);
        }
        catch (IOException error) when (IsBrokenPipe(error))
        {
            throw new BrokenPipeException(error);
        }
        catch (IOException)
        {
            _failed = true;
        }
    }

    /// <summary>EPIPE, as <see cref="DescriptorStream"/> (errno in HResult) or the BCL's streams report it.</summary>
    public static bool IsBrokenPipe(IOException error) =>
        error.HResult == Epipe || error.Message.Contains("Broken pipe", StringComparison.Ordinal);

    /// <summary>
    /// Ends the process as SIGPIPE ends ss: the signal's default action, so the parent sees a death by signal
    /// (status 141 in a shell). .NET ignores SIGPIPE, so its disposition is reset first. For the ssn executable
    /// only: a host process (a notebook kernel) takes <see cref="BrokenPipeExitCode"/> as a status instead.
    /// </summary>
    public static void DieOfBrokenPipe() => DieOfSignal(Interop.LibC.Sigpipe);

    /// <summary>
    /// Ends the process by <paramref name="signal"/>'s default action, as the signal ends ss (which handles none):
    /// SIGINT or SIGTERM ending <c>ss -E</c>, SIGPIPE a write to a closed pipe. For the ssn executable only.
    /// </summary>
    public static void DieOfSignal(int signal)
    {
        Interop.LibC.Signal(signal, Interop.LibC.SignalDefault);
        Interop.LibC.Raise(signal);
    }
}

/// <summary>Standard output's reader has gone (EPIPE): the program stops with <see cref="StdioOutput.BrokenPipeExitCode"/>.</summary>
internal sealed class BrokenPipeException(IOException inner) : IOException("Broken pipe", inner);
