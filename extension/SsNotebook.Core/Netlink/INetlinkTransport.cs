namespace SsNotebook.Netlink;

/// <summary>What a dump needs from a socket: send a request, receive datagrams. <see cref="NetlinkSocket"/> is the
/// real one; tests substitute scripted replies.</summary>
internal interface INetlinkTransport
{
    /// <summary>Our port id: replies addressed elsewhere are ignored.</summary>
    uint PortId { get; }

    void Send(ReadOnlySpan<byte> request);

    /// <summary>Receives one datagram; <paramref name="senderPortId"/> is 0 for the kernel.</summary>
    int Receive(Span<byte> buffer, out uint senderPortId);
}
