namespace SsNotebook.Diag;

/// <summary>
/// Emits a dump's messages as they arrive, for a sink that formats as it goes: no copy, no buffer. Such a dump
/// cannot be retried once lines are out, so an interruption is reported instead.
/// </summary>
internal sealed class DirectDump(InetRecordEmitter emitter) : INetlinkDumpHandler
{
    /// <summary>True once a socket may have reached the sink: a failure can then no longer fall back to /proc
    /// without listing sockets twice.</summary>
    public bool Started => emitter.Count > 0;

    public void OnMessage(in NetlinkMessage message) => emitter.Emit(message.Payload);

    public void OnRestart() =>
        throw new NetlinkException(LibC.Eintr, "Dump was interrupted and may be inconsistent.");
}
