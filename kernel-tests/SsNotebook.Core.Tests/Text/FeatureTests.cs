using System.Net;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Text;

/// <summary>
/// Single-socket lines (so every column is exactly as wide as its text) for behaviour of ss 6.10 that the installed
/// 6.1 does not have, or that a replayed dump cannot carry: usec_ts, rcv_wnd, rehash, -Q, md5keys after the
/// addresses, ULP details, MPTCP, raw protocol netids.
/// </summary>
public class FeatureTests
{
    private const string Prefix = "ESTAB 0      0      10.0.0.1:22 10.0.0.2:50312";

    private static SocketRecord Socket(SocketTable table = SocketTable.Tcp) => new()
    {
        Table = table,
        Family = AddressFamilies.Inet,
        State = SocketState.Established,
        LocalAddress = InetAddress.FromIPAddress(IPAddress.Parse("10.0.0.1")),
        LocalPort = 22,
        PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")),
        PeerPort = 50312,
        Inode = 77,
    };

    private static string Line(SocketRecord socket, params string[] flags) =>
        TextTestSupport.Render(TextTestSupport.TcpQuery(["-H", .. flags]), [socket]);

    private static TcpInfo Info(Action<byte[]> fill)
    {
        var bytes = new byte[TcpInfo.KnownSize];
        fill(bytes);
        return TcpInfo.Read(bytes.AsSpan(0, 248));
    }

    [Fact]
    public void PrintsTheTcpInfoFieldsAddedAfter61()
    {
        var socket = Socket();
        socket.SetTcpInfo(Info(b =>
        {
            b[5] = 1 | 64;
            BitConverter.TryWriteBytes(b.AsSpan(88), 3u);
            BitConverter.TryWriteBytes(b.AsSpan(228), 1000u);
            BitConverter.TryWriteBytes(b.AsSpan(232), 65535u);
            BitConverter.TryWriteBytes(b.AsSpan(236), 2u);
        }));
        socket.Present = SocketAttributes.TcpInfo;

        Assert.Equal(Prefix + "\n\t ts usec_ts snd_wnd:1000 rcv_wnd:65535 rehash:2\n", Line(socket, "-tnio"));
        Assert.Equal(Prefix + "\n\t snd_wnd:1000 rcv_wnd:65535 rehash:2\n", Line(socket, "-tni"));
    }

    [Fact]
    public void NoQueuesDropsBothQueueColumns()
    {
        var text = TextTestSupport.Render(TextTestSupport.TcpQuery("-tnQ"), [Socket()]);
        Assert.Equal("State Local Address:Port Peer Address:Port \nESTAB      10.0.0.1:22       10.0.0.2:50312\n", text);
    }

    [Fact]
    public void OneStateDropsTheStateColumnAndTwoTablesAddNetid()
    {
        var listen = Socket();
        listen.State = SocketState.Listen;
        var query = TextTestSupport.TcpQuery("-tn") with
        {
            States = StateSet.Of(SocketState.Listen),
            Tables = TableSet.Of(SocketTable.Tcp, SocketTable.Udp),
        };
        var text = TextTestSupport.Render(query, [listen]);
        Assert.Equal("Netid Recv-Q Send-Q Local Address:Port Peer Address:Port \ntcp   0      0           10.0.0.1:22       10.0.0.2:50312\n", text);
    }

    [Fact]
    public void Md5KeysFollowTheTcpInfo()
    {
        var socket = Socket();
        socket.Md5Keys =
        [
            new Md5Key(AddressFamilies.Inet, 32, InetAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")), 0, "se cr,t\\"u8.ToArray()),
            new Md5Key(AddressFamilies.Inet6, 64, InetAddress.FromIPAddress(IPAddress.Parse("fe80::1")), 0, [0x01, (byte)'k']),
        ];
        socket.Present = SocketAttributes.Md5Sig;
        Assert.Equal(Prefix + "\n\t md5keys:10.0.0.2/32=se\\040cr\\054t\\134,fe80::1/64=\\001k\n", Line(socket, "-tni"));
    }

    [Fact]
    public void TlsAndMptcpSubflowUlp()
    {
        var tls = Socket();
        tls.Ulp = new UlpInfo("tls") { Tls = new TlsUlpInfo(0x0304, 52, 1, 7, true, true) };
        Assert.Equal(Prefix + "\n\t tcp-ulp-tls version: 1.3 cipher: aes-gcm-256 rxconf: sw txconf: unknown(7) zc_ro_tx no_pad_rx\n", Line(tls, "-tni"));

        var subflow = Socket();
        subflow.Ulp = new UlpInfo("mptcp") { MptcpSubflow = new MptcpSubflowInfo(0x1c1, 0xab, 0x12345, 1, 2, 0x1000, 0x20, 0x30, 0x40, 0) };
        Assert.Equal(Prefix + "\n\t tcp-ulp-mptcp flags:Mecv token:00ab(id:1)/12345(id:2) seq:1000 sfseq:20 ssnoff:30 maplen:40\n", Line(subflow, "-tni"));
    }

    [Fact]
    public void MptcpSocketsPrintMptcpInfo()
    {
        var socket = Socket(SocketTable.Mptcp);
        var info = new byte[96];
        info[0] = 2;
        BitConverter.TryWriteBytes(info.AsSpan(8), 3u);
        BitConverter.TryWriteBytes(info.AsSpan(12), 0xbeefu);
        BitConverter.TryWriteBytes(info.AsSpan(16), 12345ul);
        info[80] = 4;
        BitConverter.TryWriteBytes(info.AsSpan(92), 9u);
        socket.MptcpInfo = info;
        var query = TextTestSupport.TcpQuery("-Hni") with { Tables = TableSet.Of(SocketTable.Mptcp) };
        Assert.Equal(Prefix + "\n\t subflows:2 fallback remote_key token:beef write_seq:12345 subflows_total:4 last_ack_recv:9\n",
            TextTestSupport.Render(query, [socket]));
    }

    [Fact]
    public void RawSocketsTakeTheirNetidFromTheProtocolAttribute()
    {
        var socket = Socket(SocketTable.Raw);
        socket.Protocol = 58;
        socket.Present = SocketAttributes.Protocol;
        socket.LocalPort = 58;
        socket.PeerPort = 0;
        var query = TextTestSupport.TcpQuery("-H") with { Tables = TableSet.Of(SocketTable.Raw, SocketTable.Udp) };
        Assert.Equal("icmp6 ESTAB 0      0      10.0.0.1:ipv6-icmp 10.0.0.2:*\n", TextTestSupport.Render(query, [socket]));
    }

    [Fact]
    public void TimerStringsIncludingThe610SecondsBug()
    {
        (uint Ms, string Text)[] cases = [(0, ""), (5, "005ms"), (200, "200ms"), (9373, "9.373ms"), (59999, "59sec"), (75500, "1min15sec"), (600000, "10min"), (7199999, "119min")];
        foreach (var (ms, text) in cases)
        {
            var socket = Socket();
            socket.Timer = 1;
            socket.Expires = ms;
            Assert.Equal(Prefix + " timer:(on," + text + ",0)\n", Line(socket, "-tno"));
        }
    }

    [Fact]
    public void AddressForms()
    {
        var socket = Socket();
        socket.Family = AddressFamilies.Inet6;
        socket.LocalAddress = InetAddress.FromIPAddress(IPAddress.Parse("::"));
        socket.PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse("::ffff:1.2.3.4"));
        socket.InterfaceIndex = 1;
        socket.LocalPort = 0;
        Assert.Equal("ESTAB 0      0      *%lo:* [::ffff:1.2.3.4]:50312\n", Line(socket, "-tn"));

        socket.Present = SocketAttributes.V6Only;
        socket.V6Only = 1;
        socket.InterfaceIndex = 0;
        socket.PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse("::1.2.3.4"));
        Assert.Equal("ESTAB 0      0      [::]:* [::1.2.3.4]:50312\n", Line(socket, "-tn"));
    }

    [Fact]
    public void ProcessColumnOnlyWithP()
    {
        var text = TextTestSupport.Render(TextTestSupport.TcpQuery("-tnp"), [Socket()]);
        Assert.Equal("State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nESTAB 0      0           10.0.0.1:22       10.0.0.2:50312       \n", text);
    }

    [Fact]
    public void UsersGoInTheProcessColumnOnlyWithP()
    {
        var processes = SsNotebook.Processes.ProcessTable.FromHolders(
        [
            (77u, new SsNotebook.Processes.SocketUser("sshd", 812, 3, 812)),
            (77u, new SsNotebook.Processes.SocketUser("ss h\"d", 900, 4, 901)),
        ]);
        var socket = Socket();

        Assert.Equal(Prefix + " users:((\"sshd\",pid=812,fd=3),(\"ss h\"d\",pid=900,fd=4))\n",
            TextTestSupport.Render(TextTestSupport.TcpQuery("-Hnp"), [socket], processes: processes));
        Assert.Equal(Prefix + " users:((\"sshd\",pid=812,tid=812,fd=3),(\"ss h\"d\",pid=900,tid=901,fd=4))\n",
            TextTestSupport.Render(TextTestSupport.TcpQuery("-Hnp") with { Show = TextTestSupport.TcpQuery("-Hnp").Show with { Threads = true } },
                [socket], processes: processes));
        // 6.10: -T without -p prints into the disabled Process column, so the users are lost.
        Assert.Equal(Prefix + "\n",
            TextTestSupport.Render(TextTestSupport.TcpQuery("-Hn") with { Show = TextTestSupport.TcpQuery("-Hn").Show with { Threads = true } },
                [socket], processes: processes));
        Assert.Equal(Prefix + " users:((\"sshd\",pid=812,proc_ctx=unavailable,fd=3,sock_ctx=unavailable),(\"ss h\"d\",pid=900,proc_ctx=unavailable,fd=4,sock_ctx=unavailable))\n",
            TextTestSupport.Render(TextTestSupport.TcpQuery("-Hnp") with { Show = TextTestSupport.TcpQuery("-Hnp").Show with { ProcessContext = true, SocketContext = true } },
                [socket], processes: processes));
    }
}
