using Microsoft.Data.Analysis;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>The per-table frames over real sockets with details set, in a namespace of our own (<see cref="DetailSockets"/>).</summary>
public sealed class DetailFrameTests : IDisposable
{
    private readonly DetailSockets _sockets = new();

    public void Dispose() => _sockets.Dispose();

    /// <summary>The one row of <paramref name="frame"/> whose <paramref name="column"/> is <paramref name="value"/>.</summary>
    private static DataFrameRow Row(DataFrame frame, string column, object value)
    {
        var rows = frame.Where(column, value);
        Assert.True(rows.Rows.Count == 1, $"{rows.Rows.Count} rows with {column} = {value}:\n{SsNotebook.Frames.FrameText.Of(rows)}");
        return rows.Rows[0];
    }

    /// <summary>The cookie of the socket whose local port is <paramref name="port"/> in the Sockets frame.</summary>
    private static ulong CookieOfPort(SsResult result, int port) => (ulong)Row(result.Sockets, "LocalPort", port)["Cookie"];

    [Fact]
    public void UnixFrameShowsNamesPeersVfsPendingConnectionsAndShutdown()
    {
        var result = Ss.Run($"-N {_sockets.Name} -xae");
        var unix = result.Unix;

        var listener = Row(unix, "Inode", _sockets.UnixListenerInode);
        var client = Row(unix, "Inode", _sockets.UnixClientInode);
        var server = Row(unix, "Inode", _sockets.UnixServerInode);
        var waiting = Row(unix, "Inode", _sockets.UnixWaitingInode);
        var (vfsInode, major, minor) = DetailSockets.SsDevice(_sockets.UnixPath);

        Assert.Equal(_sockets.UnixPath, listener["Name"]);
        Assert.Equal(0u, listener["PeerInode"]);
        Assert.Null(listener["PeerName"]);
        Assert.Equal(vfsInode, listener["VfsInode"]);
        Assert.Equal(major, listener["VfsMajor"]);
        Assert.Equal(minor, listener["VfsMinor"]);
        Assert.Equal(1, listener["PendingConnections"]);
        Assert.Equal("<->", listener["Shutdown"]);
        Assert.Equal(1u, Row(result.Sockets, "Inode", _sockets.UnixListenerInode)["RecvQ"]);

        Assert.Equal("*", client["Name"]);
        Assert.Equal(_sockets.UnixServerInode, client["PeerInode"]);
        Assert.Equal(_sockets.UnixPath, client["PeerName"]);
        Assert.Null(client["VfsInode"]);
        Assert.Equal("<--", client["Shutdown"]);

        Assert.Equal(_sockets.UnixPath, server["Name"]);
        Assert.Equal(_sockets.UnixClientInode, server["PeerInode"]);
        Assert.Equal("*", server["PeerName"]);
        Assert.Equal("-->", server["Shutdown"]);

        // Until accepted, the waiting client's peer has no inode; the listener lists the client as waiting.
        Assert.Equal("<->", waiting["Shutdown"]);
        Assert.Equal(0u, waiting["PeerInode"]);
        Assert.Contains($" ino:{vfsInode} dev:{major}/{minor} peers: {_sockets.UnixWaitingInode}", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PacketFrameShowsProtocolInterfaceRingFanoutAndFilter()
    {
        var result = Ss.Run($"-N {_sockets.Name} -0eb");

        var packet = Row(result.Packet, "Inode", _sockets.PacketInode);

        Assert.Equal((ushort)0x0800, packet["Protocol"]);
        Assert.Equal("ip", packet["ProtocolName"]);
        Assert.Equal("%lo", packet["Interface"]);
        Assert.Equal(0u, packet["ver"]);
        Assert.Equal(0u, packet["cpy_thresh"]);
        Assert.Equal(true, packet["running"]);
        Assert.Equal(false, packet["auxdata"]);
        Assert.Equal(4096u, packet["ring_rx_blk_size"]);
        Assert.Equal(2u, packet["ring_rx_blk_nr"]);
        Assert.Equal(2048u, packet["ring_rx_frm_size"]);
        Assert.Equal(4u, packet["ring_rx_frm_nr"]);
        Assert.Equal(0u, packet["ring_rx_tmo"]);
        Assert.Null(packet["ring_tx_blk_size"]);
        Assert.Equal(DetailSockets.FanoutId, packet["fanout_id"]);
        Assert.Equal("cpu", packet["fanout_type"]);
        Assert.Equal(1, packet["filter_len"]);
        Assert.Equal("0x06 0 0 4294967295,", packet["filter"]);
        Assert.Contains("ip:lo", result.Text, StringComparison.Ordinal);
        Assert.Contains("fanout(id:42,type:cpu)", result.Text, StringComparison.Ordinal);
        Assert.Contains("bpf filter (1):  0x06 0 0 4294967295,", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void NetlinkFrameShowsProtocolPortGroupsAndDestination()
    {
        var result = Ss.Run($"-N {_sockets.Name} -A netlink -a");

        // The kernel dumps a socket bound to multicast groups twice (from the port table and the group list), and
        // ss prints both: so do the records and the frame.
        var listeners = result.Netlink.Where("PortId", (int)DetailSockets.NetlinkListenerPort);
        Assert.Equal(2, listeners.Rows.Count);
        Assert.Equal(listeners["Cookie"][0], listeners["Cookie"][1]);
        var listener = listeners.Rows[0];
        var connected = Row(result.Netlink, "PortId", (int)DetailSockets.NetlinkConnectedPort);

        Assert.Equal((byte)0, listener["Protocol"]);
        Assert.Equal("rtnl", listener["ProtocolName"]);
        Assert.Equal(1UL, listener["Groups"]);
        Assert.Null(listener["DestinationGroup"]);
        Assert.Null(listener["DestinationPortId"]);
        Assert.Equal("rtnl", connected["ProtocolName"]);
        Assert.Equal(0UL, connected["Groups"]);
        Assert.Equal(0u, connected["DestinationGroup"]);
        Assert.Equal((int)DetailSockets.NetlinkListenerPort, connected["DestinationPortId"]);
        Assert.Contains($"0:{DetailSockets.NetlinkListenerPort}", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void InetFrameShowsTosMarkSockoptV6OnlyTclassCgroupAndMd5Keys()
    {
        var result = Ss.Run($"-N {_sockets.Name} -tuaie --tos --inet-sockopt --cgroup");
        var inet = result.Inet;

        var udp = Row(inet, "Cookie", CookieOfPort(result, DetailSockets.UdpPort));
        var v6Only = Row(inet, "Cookie", CookieOfPort(result, DetailSockets.V6OnlyPort));
        var md5 = Row(inet, "Cookie", CookieOfPort(result, DetailSockets.Md5Port));
        var cgroup = File.ReadLines("/proc/self/cgroup").Single(line => line.StartsWith("0::", StringComparison.Ordinal))[3..];

        Assert.Equal(DetailSockets.Tos, udp["tos"]);
        Assert.Null(udp["tclass"]);
        // Without a net_cls class the kernel reports the priority, which IP_TOS 0x10 set to TC_PRIO_INTERACTIVE.
        Assert.Equal(6u, udp["class_id"]);
        Assert.Equal(DetailSockets.Mark, udp["fwmark"]);
        Assert.Equal(true, udp["freebind"]);
        Assert.Equal(false, udp["transparent"]);
        Assert.Equal(false, udp["recverr"]);
        Assert.Equal(true, udp["mc_loop"]);
        Assert.Equal(true, udp["mc_all"]);
        Assert.Equal(false, udp["is_icsk"]);
        Assert.Null(udp["v6only"]);
        Assert.Equal("<->", udp["Shutdown"]);
        Assert.Equal(cgroup, udp["cgroup"]);
        Assert.NotEqual(0UL, udp["cgroup_id"]);
        Assert.Null(udp["md5keys"]);

        Assert.Equal((byte)1, v6Only["v6only"]);
        Assert.Equal(DetailSockets.TrafficClass, v6Only["tclass"]);
        Assert.Equal(0u, v6Only["fwmark"]);
        Assert.Equal(false, v6Only["freebind"]);
        Assert.Equal(true, v6Only["is_icsk"]);
        Assert.Equal(false, v6Only["mc_all"]);

        Assert.Equal("127.0.0.2/32=key", md5["md5keys"]);
        Assert.Contains(" md5keys:127.0.0.2/32=key", result.Text, StringComparison.Ordinal);
        Assert.Contains(" tos:0x10", result.Text, StringComparison.Ordinal);
        Assert.Contains(" fwmark:0x2a", result.Text, StringComparison.Ordinal);
        Assert.Contains("inet-sockopt: ( freebind mc_loop mc_all)", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MptcpFrameAndSubflowUlpColumnsAgreeOnTokens()
    {
        var result = Ss.Run($"-N {_sockets.Name} -tMi");

        var established = result.Mptcp.Where<ulong>("write_seq", seq => seq != 0);
        var tokens = established["token"].Cast<uint>().ToArray();
        var subflows = result.Inet.Where("ulp", "mptcp");

        Assert.Equal(2, established.Rows.Count);
        Assert.All(tokens, token => Assert.NotEqual(0u, token));
        Assert.Equal(2, subflows.Rows.Count);
        Assert.Equal(tokens.Order(), subflows["token_local"].Cast<uint>().Order());
        Assert.Contains(established["bytes_sent"].Cast<ulong>(), sent => sent == 1000);
        Assert.Contains(established["bytes_received"].Cast<ulong>(), received => received == 1000);
        foreach (var token in tokens)
        {
            Assert.Contains($" token:{token:x} ", result.Text, StringComparison.Ordinal);
            Assert.Contains($"/{token:x}(id:0)", result.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnSsCellResultExposesTheUnixAndPacketFrames()
    {
        using var notebook = TestNotebook.WithRealSs();

        TestNotebook.AssertSucceeded(await notebook.SubmitAsync($"#!ss --name local -N {_sockets.Name} -xa"));
        TestNotebook.AssertSucceeded(await notebook.SubmitAsync($"#!ss --name packets -N {_sockets.Name} -0eb"));

        Assert.Equal(_sockets.UnixPath, await notebook.EvaluateAsync($"local.Unix.Where(\"Inode\", {_sockets.UnixListenerInode}u)[\"Name\"][0]"));
        Assert.Equal(_sockets.UnixPath, await notebook.EvaluateAsync($"local.Unix.Where(\"Inode\", {_sockets.UnixClientInode}u)[\"PeerName\"][0]"));
        Assert.Equal("cpu", await notebook.EvaluateAsync($"packets.Packet.Where(\"Inode\", {_sockets.PacketInode}u)[\"fanout_type\"][0]"));
        Assert.Equal(0L, await notebook.EvaluateAsync("local.Packet.Rows.Count"));
        Assert.Equal(UnixFrameBuilderColumns, await notebook.EvaluateAsync("string.Join(\",\", local.Unix.Columns.Select(c => c.Name))"));
    }

    private const string UnixFrameBuilderColumns =
        "Cookie,Inode,Name,PeerInode,PeerName,VfsInode,VfsMajor,VfsMinor,PendingConnections,Shutdown";
}
