namespace SsNotebook.Diag;

/// <summary>
/// Sends SOCK_DESTROY for one socket at a time and reads the kernel's acknowledgement, on a sock_diag socket of its
/// own (as ss uses a second one beside the dump's), opened in the query's -N namespace.
/// </summary>
internal sealed class SocketDestroyer : IDisposable
{
    private const int AnswerBytes = 8192;

    private readonly string? _networkNamespace;
    private readonly byte[] _answer = new byte[AnswerBytes];
    private NetlinkSocket? _socket;
    private uint _sequence = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>A destroyer for sockets of <paramref name="networkNamespace"/> (null: the caller's). Its netlink socket
    /// is opened at the first <see cref="Destroy"/>, as ss opens its second one only for the inet dumps: a -K listing
    /// of the netlink table does not show it.</summary>
    public SocketDestroyer(string? networkNamespace) => _networkNamespace = networkNamespace;

    /// <summary>
    /// Asks the kernel to close <paramref name="socket"/>, dumped as <paramref name="protocol"/> (the dump request's
    /// protocol). Returns 0 when it was closed, else the errno the kernel answered (ENOENT: gone already,
    /// EOPNOTSUPP: this protocol cannot be closed, EPERM: no CAP_NET_ADMIN).
    /// </summary>
    public int Destroy(SocketRecord socket, int protocol)
    {
        _socket ??= Open();
        var sequence = ++_sequence;
        _socket.Send(InetDiagRequest.BuildDestroy(socket, protocol, sequence));
        while (true)
        {
            var length = _socket.Receive(_answer, out var sender);
            if (sender != 0)
            {
                continue;
            }
            var reader = new NetlinkReplyReader(_answer.AsSpan(0, length), sequence, _socket.PortId);
            while (reader.TryReadMessage(out _))
            {
                // Only the acknowledgement answers a SOCK_DESTROY.
            }
            if (reader.End == NetlinkReplyEnd.Error)
            {
                return -(reader.Status ?? throw new NetlinkException(0, "ERROR truncated"));
            }
            if (reader.Error is { } error)
            {
                throw new NetlinkException(0, error);
            }
        }
    }

    public void Dispose() => _socket?.Dispose();

    private NetlinkSocket Open()
    {
        static NetlinkSocket Here() => NetlinkSocket.Open(SockDiag.NetlinkProtocol);
        return _networkNamespace is { } name ? SsNamespace.Run(name, Here) : Here();
    }
}
