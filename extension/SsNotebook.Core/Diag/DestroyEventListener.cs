using System.Threading.Channels;

namespace SsNotebook.Diag;

/// <summary>One socket the kernel reported destroyed, when it was received.</summary>
/// <param name="Timestamp">When the event was received.</param>
/// <param name="Socket">As the kernel describes a socket it is freeing: its id and cookie, the final state
/// (usually CLOSE), its queues, and for TCP the final tcp_info counters.</param>
public sealed record SocketEvent(DateTimeOffset Timestamp, SocketRecord Socket);

/// <summary>
/// ss -E: a sock_diag socket joined to the destroy multicast groups the query selects, as ss joins them — TCP and UDP,
/// each for AF_INET and AF_INET6 — in the query's -N namespace. Each message goes through the same steps as a dumped
/// socket: the family mask, <see cref="InetDiagParser"/>, the user-space filter (state masks do not apply: ss checks
/// none here). Subscribed from <see cref="Open"/> on, so nothing destroyed after it returns is missed.
/// </summary>
internal sealed class DestroyEventListener : IDisposable
{
    private const int BufferBytes = 64 * 1024;
    private const int CancellationPollMilliseconds = 100;

    private readonly NetlinkSocket _socket;
    private readonly SsQuery _query;
    private readonly byte[] _buffer = new byte[BufferBytes];

    private DestroyEventListener(NetlinkSocket socket, SsQuery query)
    {
        _socket = socket;
        _query = query;
    }

    /// <summary>The groups (bit N-1 for SKNLGRP N) ss joins for <paramref name="query"/>; 0 when it selects no TCP
    /// or UDP family, which ss answers with exit status 255.</summary>
    public static uint GroupsOf(SsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tcp = query.Tables.Contains(SocketTable.Tcp);
        var udp = query.Tables.Contains(SocketTable.Udp);
        var inet = query.HasFamily(AddressFamilies.Inet);
        var inet6 = query.HasFamily(AddressFamilies.Inet6);
        uint groups = 0;
        groups |= inet && tcp ? Bit(SockDiag.GroupInetTcpDestroy) : 0;
        groups |= inet && udp ? Bit(SockDiag.GroupInetUdpDestroy) : 0;
        groups |= inet6 && tcp ? Bit(SockDiag.GroupInet6TcpDestroy) : 0;
        groups |= inet6 && udp ? Bit(SockDiag.GroupInet6UdpDestroy) : 0;
        return groups;

        static uint Bit(int group) => 1u << (group - 1);
    }

    /// <summary>Joins the groups of <paramref name="query"/>. Throws <see cref="SsException"/> (status 255) when it
    /// has none.</summary>
    public static DestroyEventListener Open(SsQuery query)
    {
        var groups = GroupsOf(query);
        if (groups == 0)
        {
            throw new SsException("ss -E: no TCP or UDP sockets to follow with such a query", 255);
        }
        NetlinkSocket Here() => NetlinkSocket.Open(SockDiag.NetlinkProtocol, groups);
        var socket = query.NetworkNamespace is { } name ? SsNamespace.Run(name, Here) : Here();
        return new DestroyEventListener(socket, query);
    }

    /// <summary>
    /// Receives until <paramref name="cancellation"/> is cancelled (then returns normally): every selected socket goes
    /// to <paramref name="sink"/>, and <paramref name="afterEachMessage"/> runs after every message, selected or not
    /// (ss renders its output there). A receive error (ENOBUFS when events came faster than they were read) ends it
    /// with ss's message and status 255.
    /// </summary>
    public void Run(ISocketSink sink, Action? afterEachMessage, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var reused = sink.ReusesRecords ? new SocketRecord() : null;
        while (!cancellation.IsCancellationRequested)
        {
            if (!_socket.WaitReadable(CancellationPollMilliseconds))
            {
                continue;
            }
            int length;
            uint sender;
            try
            {
                length = _socket.Receive(_buffer, out sender);
            }
            catch (NetlinkException error) when (error.Errno != 0)
            {
                throw new SsException($"netlink receive error {Interop.LibC.ErrorText(error.Errno)} ({error.Errno})", 255);
            }
            if (sender != 0)
            {
                continue;
            }
            // Multicast messages carry port id 0 and sequence 0, as ss's filter expects them.
            var reader = new NetlinkReplyReader(_buffer.AsSpan(0, length), sequence: 0, portId: 0);
            while (reader.TryReadMessage(out var message))
            {
                Emit(message.Payload, reused ?? new SocketRecord(), sink);
                afterEachMessage?.Invoke();
            }
        }
    }

    /// <summary>
    /// The events as they come, until <paramref name="cancellation"/>: a receiving thread of its own, so the caller
    /// awaits without holding one. Each event has a record of its own.
    /// </summary>
    public async IAsyncEnumerable<SocketEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        var events = Channel.CreateUnbounded<SocketEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var receiver = Task.Factory.StartNew(() =>
        {
            try
            {
                Run(new ChannelSink(events.Writer), null, stop.Token);
                events.Writer.TryComplete();
            }
            catch (Exception error)
            {
                events.Writer.TryComplete(error);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var item in events.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await receiver.ConfigureAwait(false);
        }
    }

    public void Dispose() => _socket.Dispose();

    private void Emit(ReadOnlySpan<byte> payload, SocketRecord record, ISocketSink sink)
    {
        if (!InetDiag.IsWantedFamily(payload, _query.Families))
        {
            return;
        }
        record.Reset();
        if (!InetDiagParser.TryParse(payload, SocketTable.Tcp, record, out var error))
        {
            throw new SsException($"Malformed sock_diag destroy event: {error}");
        }
        // Only TCP and UDP have destroy groups; the kernel names the protocol in INET_DIAG_PROTOCOL.
        if (record.Has(SocketAttributes.Protocol) && record.Protocol == InetDiag.ProtocolUdp)
        {
            record.Table = SocketTable.Udp;
        }
        if (_query.Filter is null || _query.Filter.Matches(record))
        {
            sink.Add(record);
        }
    }

    private sealed class ChannelSink(ChannelWriter<SocketEvent> writer) : ISocketSink
    {
        public void Add(SocketRecord socket) => writer.TryWrite(new SocketEvent(DateTimeOffset.UtcNow, socket));
    }
}
