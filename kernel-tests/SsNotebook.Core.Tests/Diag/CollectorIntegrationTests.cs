using System.Net;
using System.Net.Sockets;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>A small socket population in a private namespace, shared by the tests of this class.</summary>
public sealed class LoopbackPopulation : IDisposable
{
    public LoopbackPopulation()
    {
        Namespace = new TestNamespace("ssn-collector");
        Listener4 = Listen(AddressFamily.InterNetwork, IPAddress.Loopback);
        Listener6 = Listen(AddressFamily.InterNetworkV6, IPAddress.IPv6Loopback);

        Client4 = Namespace.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Client4.Connect(Listener4.LocalEndPoint!);
        Server4 = Namespace.Own(Listener4.Accept());
        // Five bytes the server never reads: its Recv-Q.
        Client4.Send("hello"u8);

        Client6 = Namespace.CreateSocket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        Client6.Connect(Listener6.LocalEndPoint!);
        Server6 = Namespace.Own(Listener6.Accept());

        UdpUnconnected = Namespace.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        UdpUnconnected.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        UdpConnected = Namespace.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        UdpConnected.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        UdpConnected.Connect(UdpUnconnected.LocalEndPoint!);
        UdpConnected.Send("abc"u8);
        Raw = Namespace.CreateSocket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        WaitForRecvQ();
    }

    public TestNamespace Namespace { get; }
    public Socket Listener4 { get; }
    public Socket Listener6 { get; }
    public Socket Client4 { get; }
    public Socket Server4 { get; }
    public Socket Client6 { get; }
    public Socket Server6 { get; }
    public Socket UdpUnconnected { get; }
    public Socket UdpConnected { get; }
    public Socket Raw { get; }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    private Socket Listen(AddressFamily family, IPAddress address)
    {
        var socket = Namespace.CreateSocket(family, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        socket.Listen(16);
        return socket;
    }

    /// <summary>Loopback delivery is synchronous, but wait (briefly) until the kernel shows the unread bytes.</summary>
    private void WaitForRecvQ()
    {
        for (var i = 0; i < 100 && Server4.Available < 5; i++)
        {
            Thread.Sleep(10);
        }
    }

    public void Dispose() => Namespace.Dispose();
}

public class CollectorIntegrationTests(LoopbackPopulation population) : IClassFixture<LoopbackPopulation>
{
    private const ulong Inet = (1UL << 2) | (1UL << 10);
    private static readonly StateSet All = new(0x1ffe);
    private static readonly StateSet Connected = new(0x1ffe & ~((1u << 10) | (1u << 7) | (1u << 6) | (1u << 3)));

    private SocketSnapshot Collect(SocketTable table, StateSet states, ShowOptions? show = null, ulong families = Inet, SsNotebook.Filter.SocketFilter? filter = null) =>
        new SocketCollector(new SsEnvironment()).Collect(new SsQuery
        {
            Tables = TableSet.Of(table),
            States = states,
            Families = families,
            Show = show ?? new ShowOptions(),
            Filter = filter,
            NetworkNamespace = population.Namespace.Name,
        });

    private static SocketRecord Find(SocketSnapshot snapshot, Socket socket)
    {
        var inode = TestNamespace.InodeOf(socket);
        return Assert.Single(snapshot.Sockets, s => s.Inode == inode);
    }

    [Theory]
    [InlineData(10, 10)] // -46, or -f inet -f inet6: ss dumps only the last family named
    [InlineData(2, 2)]   // -64
    [InlineData(0, 0)]   // no preference: both, IPv4 first
    public void PreferredFamilyDecidesWhichInetDumpsRun(int preferred, int expectedFamily)
    {
        var snapshot = new SocketCollector(new SsEnvironment()).Collect(new SsQuery
        {
            Tables = TableSet.Of(SocketTable.Tcp),
            States = All,
            Families = Inet,
            PreferredFamily = preferred,
            NetworkNamespace = population.Namespace.Name,
        });
        int[] expected = expectedFamily == 0 ? [2, 2, 2, 10, 10, 10] : [expectedFamily, expectedFamily, expectedFamily];
        Assert.Equal(expected, snapshot.Sockets.Select(s => (int)s.Family));
    }

    [Fact]
    public void TcpAllStatesInOrderWithExactFields()
    {
        var snapshot = Collect(SocketTable.Tcp, All);
        // AF_INET first (listener, client, server in some kernel order), then AF_INET6.
        Assert.Equal(6, snapshot.Sockets.Count);
        Assert.Equal([2, 2, 2, 10, 10, 10], snapshot.Sockets.Select(s => (int)s.Family));

        var listener = Find(snapshot, population.Listener4);
        Assert.Equal(SocketState.Listen, listener.State);
        Assert.Equal("127.0.0.1", listener.LocalAddress.ToString());
        Assert.Equal(LoopbackPopulation.PortOf(population.Listener4), listener.LocalPort);
        Assert.Equal(0, listener.PeerPort);
        Assert.Equal(16u, listener.SendQ);
        Assert.Equal(0u, listener.Uid);

        var server = Find(snapshot, population.Server4);
        Assert.Equal(SocketState.Established, server.State);
        Assert.Equal(5u, server.RecvQ);
        Assert.Equal(0u, server.SendQ);
        Assert.Equal(LoopbackPopulation.PortOf(population.Client4), server.PeerPort);

        var client = Find(snapshot, population.Client4);
        Assert.Equal(0u, client.RecvQ);
        Assert.Equal(LoopbackPopulation.PortOf(population.Listener4), client.PeerPort);
        Assert.NotEqual(0ul, client.Cookie);
        Assert.True(client.Has(SocketAttributes.Shutdown));

        var listener6 = Find(snapshot, population.Listener6);
        Assert.Equal("::1", listener6.LocalAddress.ToString());
        Assert.Equal(SocketState.Listen, listener6.State);
        Assert.True(listener6.Has(SocketAttributes.V6Only));
    }

    [Fact]
    public void ListeningOnlyAndFamilySelection()
    {
        var listening = Collect(SocketTable.Tcp, StateSet.Of(SocketState.Listen, SocketState.Close));
        Assert.Equal(
            new[] { TestNamespace.InodeOf(population.Listener4), TestNamespace.InodeOf(population.Listener6) },
            listening.Sockets.Select(s => s.Inode));

        var v6 = Collect(SocketTable.Tcp, Connected, families: 1UL << 10);
        Assert.Equal(2, v6.Sockets.Count);
        Assert.All(v6.Sockets, s => Assert.Equal(SocketState.Established, s.State));
        Assert.All(v6.Sockets, s => Assert.Equal("::1", s.PeerAddress.ToString()));
    }

    [Fact]
    public void TcpInfoWithDashI()
    {
        var snapshot = Collect(SocketTable.Tcp, Connected, new ShowOptions { TcpInfo = true });
        var idle = Find(snapshot, population.Client6);
        Assert.True(idle.Has(SocketAttributes.TcpInfo | SocketAttributes.Congestion));
        Assert.Equal((byte)SocketState.Established, idle.TcpInfo.State);
        Assert.Equal(10u, idle.TcpInfo.SndCwnd);
        // A new namespace's loopback has MTU 65536; IPv6 with timestamps leaves 65536 - 40 - 20 - 12.
        Assert.Equal(65536u, idle.TcpInfo.Pmtu);
        Assert.Equal(65464u, idle.TcpInfo.Advmss);
        Assert.Equal(1ul, idle.TcpInfo.BytesAcked);
        Assert.Equal(0ul, idle.TcpInfo.BytesSent);
        Assert.Equal(7, idle.TcpInfo.Options);

        var client = Find(snapshot, population.Client4);
        Assert.Equal(5ul, client.TcpInfo.BytesSent);
        Assert.Equal(6ul, client.TcpInfo.BytesAcked);
        Assert.Equal(1u, client.TcpInfo.DataSegsOut);
        Assert.Equal(5ul, Find(snapshot, population.Server4).TcpInfo.BytesReceived);

        // The namespace's default algorithm; BBR answers the VEGAS request bit with BBRINFO.
        var algorithm = population.Namespace.Run(() => File.ReadAllText("/proc/sys/net/ipv4/tcp_congestion_control").Trim());
        Assert.Equal(algorithm, client.Congestion);
        Assert.Equal(algorithm == "bbr", client.Has(SocketAttributes.Bbr));

        // This kernel (6.18) sends at least the AccECN counters (280 bytes); longer payloads are cut to what we know.
        Assert.Equal(TcpInfo.KnownSize, client.TcpInfo.Length);
        Assert.False(client.Has(SocketAttributes.MemInfo));
    }

    [Fact]
    public void MemoryWithDashM()
    {
        var snapshot = Collect(SocketTable.Tcp, Connected, new ShowOptions { Memory = true });
        var server = Find(snapshot, population.Server4);
        Assert.True(server.Has(SocketAttributes.MemInfo | SocketAttributes.SkMemInfo));
        Assert.Equal(9, server.SkMemInfo.Count);
        Assert.NotEqual(0u, server.SkMemInfo.RmemAlloc);
        Assert.NotEqual(0u, server.SkMemInfo.Rcvbuf);
        Assert.NotEqual(0u, server.SkMemInfo.Sndbuf);
        Assert.False(server.Has(SocketAttributes.TcpInfo));
    }

    [Fact]
    public void TosWithDashTos()
    {
        var snapshot = Collect(SocketTable.Tcp, Connected, new ShowOptions { Tos = true });
        var client = Find(snapshot, population.Client4);
        Assert.True(client.Has(SocketAttributes.Tos));
        Assert.Equal(0, client.Tos);
    }

    [Fact]
    public void UdpEstablishedByDefaultAndAllWithDashA()
    {
        var established = Collect(SocketTable.Udp, StateSet.Of(SocketState.Established));
        var connected = Assert.Single(established.Sockets);
        Assert.Equal(TestNamespace.InodeOf(population.UdpConnected), connected.Inode);
        Assert.Equal(SocketTable.Udp, connected.Table);
        Assert.Equal(LoopbackPopulation.PortOf(population.UdpUnconnected), connected.PeerPort);

        var all = Collect(SocketTable.Udp, All);
        Assert.Equal(2, all.Sockets.Count);
        var unconnected = Find(all, population.UdpUnconnected);
        Assert.Equal(SocketState.Close, unconnected.State);
        Assert.Equal(LoopbackPopulation.PortOf(population.UdpUnconnected), unconnected.LocalPort);
        Assert.True(unconnected.RecvQ > 0, "the datagram sent by the connected socket waits unread");
    }

    [Fact]
    public void RawFallsBackToProcInsideTheNamespace()
    {
        var snapshot = Collect(SocketTable.Raw, All);
        var raw = Assert.Single(snapshot.Sockets);
        Assert.Equal(TestNamespace.InodeOf(population.Raw), raw.Inode);
        Assert.Equal(SocketTable.Raw, raw.Table);
        Assert.Equal(SocketState.Close, raw.State);
        Assert.Equal(1, raw.LocalPort);
        Assert.True(raw.Has(SocketAttributes.FromProc));
        Assert.Empty(Collect(SocketTable.Raw, StateSet.Of(SocketState.Established)).Sockets);
    }

    [Fact]
    public void UnsupportedDiagTablesAreSilentlyEmpty()
    {
        Assert.Empty(Collect(SocketTable.Sctp, All).Sockets);
        Assert.Empty(Collect(SocketTable.Dccp, All).Sockets);
        Assert.Empty(Collect(SocketTable.Mptcp, All).Sockets);
    }

    [Fact]
    public void TablesComeInSsOrder()
    {
        var snapshot = new SocketCollector(new SsEnvironment()).Collect(new SsQuery
        {
            Tables = TableSet.Of(SocketTable.Tcp, SocketTable.Udp, SocketTable.Raw, SocketTable.UnixStream),
            States = All,
            Families = Inet | 2,
            NetworkNamespace = population.Namespace.Name,
        });
        Assert.Equal(
            [SocketTable.Raw, SocketTable.Udp, SocketTable.Udp, .. Enumerable.Repeat(SocketTable.Tcp, 6)],
            snapshot.Sockets.Select(s => s.Table));
    }

    [Fact]
    public void UserFilterAndKernelBytecodeRejection()
    {
        var port = LoopbackPopulation.PortOf(population.Listener4);
        var filter = new LambdaFilter(s => s.LocalPort == port);
        var snapshot = Collect(SocketTable.Tcp, All, filter: filter);
        Assert.Equal(2, snapshot.Sockets.Count);
        Assert.Equal(6, filter.Calls);

        // An op code the kernel does not know: inet_diag_bc_audit refuses the program.
        var bad = new LambdaFilter(_ => true, bytecode: [200, 4, 8, 0]);
        var exception = Assert.Throws<SsException>(() => Collect(SocketTable.Tcp, All, filter: bad));
        Assert.Equal("RTNETLINK answers: Invalid argument", exception.Message);
        Assert.Equal(1, exception.ExitCode);
    }

    [Fact]
    public void DashDWritesARawDumpThatReplays()
    {
        var collector = new SocketCollector(new SsEnvironment());
        var query = new SsQuery
        {
            Tables = TableSet.Of(SocketTable.Tcp),
            States = All,
            Families = Inet,
            Mode = QueryMode.Dump,
            NetworkNamespace = population.Namespace.Name,
            Filter = new LambdaFilter(_ => false),
        };
        using var output = new MemoryStream();
        collector.WriteTcpDump(query, output);
        var bytes = output.ToArray();

        var replayed = new List<SocketRecord>();
        var diagnostics = new List<string>();
        TcpDiagFileReplay.Replay(bytes, null, replayed, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(3, replayed.Count);
        Assert.All(replayed, s => Assert.Equal(2, s.Family));

        // The file holds both halves, each ending with its DONE.
        var reader = new NetlinkMessageReader(bytes);
        var dones = 0;
        var messages = 0;
        while (reader.TryReadMessage(out var message))
        {
            messages++;
            dones += message.Type == Nl.MsgDone ? 1 : 0;
            Assert.Equal(NetlinkDump.MagicSequence, message.Sequence);
        }
        Assert.Null(reader.Error);
        Assert.Equal(2, dones);
        Assert.Equal(8, messages);
    }

    [Fact]
    public void ObserverSeesEveryReplyBuffer()
    {
        var observer = new RecordingObserver();
        var collector = new SocketCollector(new SsEnvironment()) { Observer = observer };
        collector.Collect(new SsQuery { Tables = TableSet.Of(SocketTable.Tcp), States = All, Families = Inet, NetworkNamespace = population.Namespace.Name });
        Assert.Equal([(SocketTable.Tcp, (byte)2), (SocketTable.Tcp, (byte)10)], observer.Replies.Select(r => (r.Table, r.Family)).Distinct());

        // Replaying the recorded buffers through the same parser gives the same sockets.
        var inodes = new List<uint>();
        foreach (var (_, _, buffer) in observer.Replies)
        {
            var reader = new NetlinkMessageReader(buffer);
            while (reader.TryReadMessage(out var message))
            {
                if (message.Type == 20)
                {
                    var record = new SocketRecord();
                    Assert.True(InetDiagParser.TryParse(message.Payload, SocketTable.Tcp, record, out _));
                    inodes.Add(record.Inode);
                }
            }
        }
        Assert.Equal(6, inodes.Count);
        Assert.Contains(TestNamespace.InodeOf(population.Server6), inodes);
    }

    [Fact]
    public void MissingNamespaceIsSsError()
    {
        var exception = Assert.Throws<SsException>(() => new SocketCollector(new SsEnvironment()).Collect(
            new SsQuery { Tables = TableSet.Of(SocketTable.Tcp), States = All, Families = Inet, NetworkNamespace = "ssn-no-such-ns" }));
        Assert.Equal("Cannot open network namespace \"ssn-no-such-ns\": No such file or directory", exception.Message);
        Assert.Equal(1, exception.ExitCode);
    }

    private sealed class RecordingObserver : IDumpObserver
    {
        public List<(SocketTable Table, byte Family, byte[] Buffer)> Replies { get; } = [];

        public void OnReply(SocketTable table, byte family, ReadOnlySpan<byte> buffer) => Replies.Add((table, family, buffer.ToArray()));
    }
}
