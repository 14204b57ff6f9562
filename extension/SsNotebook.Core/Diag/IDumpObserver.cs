namespace SsNotebook.Diag;

/// <summary>
/// Sees every raw netlink receive buffer of an inet dump before it is parsed, e.g. to record replies so they can be
/// replayed later through <see cref="InetDiagParser"/>. Buffers of a dump that was interrupted and retried are seen
/// too; <see cref="OnRestart"/> marks where the retry begins.
/// </summary>
internal interface IDumpObserver
{
    void OnReply(SocketTable table, byte family, ReadOnlySpan<byte> buffer);

    void OnRestart(SocketTable table, byte family)
    {
    }
}
