namespace SsNotebook.CommandLine;

/// <summary>
/// The whole ss program, minus its process edges: parse the command line, collect, scan processes when asked,
/// print. <c>ssn</c>'s Main calls <see cref="Run"/>; tests call it with in-memory streams.
/// Every failure ends as a message on stderr and an exit status, never as an exception or a stack trace.
/// </summary>
internal static class SsApplication
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Runs ss with <paramref name="args"/> (argv without the program name) and returns its exit status.
    /// <paramref name="standardOutput"/> is written through a buffer and flushed before returning; its write errors
    /// are ss's (<see cref="StdioOutput"/>): ignored, except a broken pipe, which returns
    /// <see cref="StdioOutput.BrokenPipeExitCode"/>.</summary>
    /// <param name="args">ss's arguments, one word each.</param>
    /// <param name="standardInput">What <c>-F -</c> reads.</param>
    /// <param name="standardOutput">Where the listing goes.</param>
    /// <param name="standardError">Where ss's messages go.</param>
    /// <param name="environment">The variables ss reads and where names come from.</param>
    /// <param name="layout">Compact, or spread over the terminal's width.</param>
    /// <param name="stop">Ends ss -E, which otherwise runs until the process is killed; the output rendered so far
    /// stays, and the status is 0 (ssn then dies of the signal that stopped it, as ss does).</param>
    public static int Run(IReadOnlyList<string> args, TextReader standardInput, Stream standardOutput, TextWriter standardError,
        SsEnvironment environment, TextLayout layout, CancellationToken stop = default)
    {
        standardOutput = new StdioOutput(standardOutput);
        // ss loads --bpf-map-id's maps while reading its options: a map it cannot load ends the run there.
        using var bpfMaps = new Bpf.BpfStorageMaps();
        try
        {
            var invocation = SsInvocation.Parse(args, environment, standardInput,
                query => WriteText(standardOutput, SsSummary.Render(query, environment, standardError)),
                (id, text) => bpfMaps.Load(id, text, standardError));
            switch (invocation.Action)
            {
                case CommandLineAction.Help:
                    WriteText(standardOutput, SsUsage.Text);
                    return 0;
                case CommandLineAction.Version:
                    WriteText(standardOutput, SsCommandLine.VersionText);
                    return 0;
            }
            if (invocation.Notice is not null)
            {
                standardError.Write(invocation.Notice + "\n");
                return 0;
            }
            return List(invocation, bpfMaps.For(invocation.Query), standardOutput, standardError, layout, stop);
        }
        catch (SsException error)
        {
            standardError.Write(error.Message + "\n");
            return error.ExitCode;
        }
        catch (NotImplementedException error)
        {
            standardError.Write($"ssn: not supported yet ({error.Message})\n");
            return 1;
        }
        catch (IOException error) when (StdioOutput.IsBrokenPipe(error))
        {
            return StdioOutput.BrokenPipeExitCode;
        }
#pragma warning disable CA1031 // The program's last line of defence: a message, never a stack trace.
        catch (Exception error)
#pragma warning restore CA1031
        {
            standardError.Write($"ssn: internal error: {error.GetType().Name}: {error.Message}\n");
            return 1;
        }
    }

    private static int List(SsInvocation invocation, Bpf.BpfStorageMaps? bpfMaps, Stream standardOutput, TextWriter standardError,
        TextLayout layout, CancellationToken stop)
    {
        var query = invocation.Query;
        var environment = invocation.Environment;
        if (query.Mode == QueryMode.Summary)
        {
            return 0;
        }
        var collector = new SocketCollector(environment) { BpfStorageRequest = bpfMaps?.RequestPayload() };
        if (query.Mode == QueryMode.Dump)
        {
            return WriteDump(query, collector, standardOutput);
        }
        if (query.Mode == QueryMode.Events)
        {
            return FollowEvents(query, standardOutput, environment, layout, stop);
        }
        using var buffered = new BufferedStream(standardOutput, 1 << 16);
        foreach (var diagnostic in SsListing.Write(invocation, collector, buffered, layout, bpfMaps: bpfMaps).Diagnostics)
        {
            standardError.Write(diagnostic + TcpDiagFileSource.LineEnd(diagnostic));
        }
        return 0;
    }

    /// <summary>
    /// ss -E: the destroyed sockets the query selects, each rendered on its own as it comes (so widths are per
    /// event, the first with the header), until <paramref name="stop"/>. Unlike ss 6.10 the output is flushed after
    /// each event, so a pipe sees it at once (ss 7.1 does the same).
    /// </summary>
    private static int FollowEvents(SsQuery query, Stream standardOutput, SsEnvironment environment, TextLayout layout, CancellationToken stop)
    {
        if (DestroyEventListener.GroupsOf(query) == 0)
        {
            // ss's header is still in its buffer, never rendered, when it exits here.
            return 255;
        }
        using var listener = DestroyEventListener.Open(query);
        var processes = ProcessTable.ScanFor(query, environment);
        var buffered = new BufferedStream(standardOutput, 1 << 16);
        using var session = new SsTextWriter(environment).Begin(query, processes, buffered, layout);
        FollowEvents(query, listener, session, null, null, stop);
        return 0;
    }

    /// <summary>
    /// The -E pipeline after the subscription, for ssn and for notebooks: each selected event is printed to
    /// <paramref name="session"/> (rendered after every message, as ss renders) and handed to <paramref name="also"/>;
    /// <paramref name="afterEachMessage"/> runs once its text is out. With -K each is first sent a SOCK_DESTROY as ss
    /// sends it there (protocol IPPROTO_MAX, which the kernel refuses: nothing is printed then).
    /// </summary>
    public static void FollowEvents(SsQuery query, DestroyEventListener listener, SsTextSession session, ISocketSink? also,
        Action? afterEachMessage, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(session);
        using var destroyer = query.Kill ? new SocketDestroyer(query.NetworkNamespace) : null;
        ISocketSink shown = also is null ? session : new TeeSink(session, also);
        var sink = destroyer is null ? shown : new SocketKiller(destroyer, shown, IpProtoMax);
        listener.Run(sink, () =>
        {
            session.Complete();
            afterEachMessage?.Invoke();
        }, stop);
    }

    /// <summary>IPPROTO_MAX: the protocol ss -E hands to its SOCK_DESTROY requests.</summary>
    private const int IpProtoMax = 256;

    /// <summary>
    /// -D FILE: the raw TCP dump, to stdout when FILE starts with '-' (as ss tests it). A file that cannot be opened
    /// or written is an error with ss's perror text and status 255 — ss 6.10 means to stop there too, but tests the
    /// wrong variable and carries on silently (docs/differences.md).
    /// </summary>
    private static int WriteDump(SsQuery query, SocketCollector collector, Stream standardOutput)
    {
        var file = query.DumpFile!;
        if (file.StartsWith('-'))
        {
            collector.WriteTcpDump(query, standardOutput);
            return 0;
        }
        var fd = Interop.LibC.Open(Interop.LibC.AtFdCwd, file, Interop.LibC.OWrOnly | Interop.LibC.OCreat | Interop.LibC.OTrunc, 438);
        if (fd < 0)
        {
            throw new SsException($"fopen dump file: {Interop.LibC.LastErrorMessage()}", 255);
        }
        try
        {
            collector.WriteTcpDump(query, new DescriptorStream(fd, FileAccess.Write));
        }
        catch (IOException error)
        {
            throw new SsException($"write dump file: {error.Message}", 255);
        }
        finally
        {
            Interop.LibC.Close(fd);
        }
        return 0;
    }

    private static void WriteText(Stream output, string text)
    {
        output.Write(Utf8.GetBytes(text));
        output.Flush();
    }
}
