using System.Net;
using System.Net.Sockets;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>
/// Pins the tcp_info bytes beyond 248 against the running kernel: an RFC 3168 ECN connection on loopback counts its
/// received bytes as ECT(0) in tcpi_received_e0_bytes (offset 268), and on 6.18 the last word (AccECN fail mode and
/// option-seen state, 2 × u16) stays 0 because AccECN cannot be negotiated.
/// </summary>
public class TcpInfoLayoutTests
{
    [Fact]
    public void AccEcnCountersSitWhereTheKernelPutsThem()
    {
        using var ns = new TestNamespace("ssn-ecn");
        ns.Run(() => File.WriteAllText("/proc/sys/net/ipv4/tcp_ecn", "1"));
        var listener = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        var server = ns.Own(listener.Accept());
        client.Send(new byte[1000]);
        var buffer = new byte[2000];
        var received = 0;
        while (received < 1000)
        {
            received += server.Receive(buffer);
        }
        server.Send(new byte[10]);
        received = 0;
        while (received < 10)
        {
            received += client.Receive(buffer);
        }

        var snapshot = new SocketCollector(new SsEnvironment()).Collect(new SsQuery
        {
            Tables = TableSet.Of(SocketTable.Tcp),
            States = StateSet.Of(SocketState.Established),
            Families = 1UL << 2,
            Show = new ShowOptions { TcpInfo = true },
            NetworkNamespace = ns.Name,
        });
        var serverInode = TestNamespace.InodeOf(server);
        var serverInfo = Assert.Single(snapshot.Sockets, s => s.Inode == serverInode).TcpInfo;
        var clientInode = TestNamespace.InodeOf(client);
        var clientInfo = Assert.Single(snapshot.Sockets, s => s.Inode == clientInode).TcpInfo;

        Assert.Equal(280, serverInfo.Length);
        const byte OptEcn = 8, OptEcnSeen = 16;
        Assert.Equal(OptEcn | OptEcnSeen, serverInfo.Options & (OptEcn | OptEcnSeen));
        Assert.Equal(1000u, serverInfo.ReceivedE0Bytes);
        Assert.Equal(10u, clientInfo.ReceivedE0Bytes);
        Assert.Equal(0u, serverInfo.ReceivedCe);
        Assert.Equal(0u, serverInfo.ReceivedE1Bytes);
        Assert.Equal(0u, serverInfo.ReceivedCeBytes);
        Assert.Equal(0u, serverInfo.DeliveredE0Bytes);
        Assert.Equal(0u, serverInfo.LastWord);
    }
}
