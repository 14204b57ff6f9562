using Microsoft.Data.Analysis;
using SsNotebook.Naming;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Frames.Tests;

/// <summary>The per-table frames (Unix, Packet, Netlink, Vsock, Xdp, Inet, Mptcp) over hand-built records.</summary>
public sealed class TableDetailFrameTests
{
    private static readonly NamingTables Interfaces = new(new SsEnvironment { Naming = new NamingContext { Interfaces = "1 lo\n7 eth7\n" } }, null);

    /// <summary>Every kind of socket, so each frame must pick its own.</summary>
    private static SocketRecord[] Everything() =>
    [
        SampleSockets.Listener(), SampleSockets.UnixListener(), .. SampleSockets.UnixPair(), SampleSockets.Packet(),
        SampleSockets.PacketAll(), SampleSockets.Netlink(), SampleSockets.NetlinkUnnamed(), SampleSockets.Vsock(),
        SampleSockets.Xdp(), SampleSockets.InetExtras(), .. SampleSockets.Mptcp(), .. SampleSockets.Tipc(),
    ];

    private static SsResult Result(SocketRecord[] sockets) =>
        new([], new SsQuery(), sockets, null, "", DateTimeOffset.UnixEpoch) { Naming = Interfaces };

    /// <summary>Each frame's columns as name:DataType, in order: the schema notebooks and docs/frames.md rely on, written
    /// out here once (the builders declare each column's name and type where they fill it).</summary>
    private static class Schema
    {
        public const string Unix =
            "Cookie:UInt64,Inode:UInt32,Name:String,PeerInode:UInt32,PeerName:String,VfsInode:UInt32," +
            "VfsMajor:UInt32,VfsMinor:UInt32,PendingConnections:Int32,Shutdown:String";

        public const string Packet =
            "Cookie:UInt64,Inode:UInt32,Protocol:UInt16,ProtocolName:String,Interface:String," +
            "ver:UInt32,cpy_thresh:UInt32,running:Boolean,auxdata:Boolean,origdev:Boolean," +
            "vnethdr:Boolean,loss:Boolean,ring_rx_blk_size:UInt32,ring_rx_blk_nr:UInt32," +
            "ring_rx_frm_size:UInt32,ring_rx_frm_nr:UInt32,ring_rx_tmo:UInt32," +
            "ring_rx_features:UInt32,ring_tx_blk_size:UInt32,ring_tx_blk_nr:UInt32," +
            "ring_tx_frm_size:UInt32,ring_tx_frm_nr:UInt32,ring_tx_tmo:UInt32," +
            "ring_tx_features:UInt32,fanout_id:UInt16,fanout_type:String,filter_len:Int32," +
            "filter:String";

        public const string Netlink =
            "Cookie:UInt64,Inode:UInt32,Protocol:Byte,ProtocolName:String,PortId:Int32,Groups:UInt64," +
            "DestinationGroup:UInt32,DestinationPortId:Int32";

        public const string Vsock =
            "Cookie:UInt64,Inode:UInt32,LocalCid:UInt32,LocalPort:UInt32,PeerCid:UInt32," +
            "PeerPort:UInt32";

        public const string Xdp =
            "Cookie:UInt64,Inode:UInt32,Interface:String,QueueId:UInt32,rx_entries:UInt32," +
            "tx_entries:UInt32,fr_entries:UInt32,cr_entries:UInt32,umem_id:UInt32,umem_size:UInt64," +
            "umem_num_pages:UInt32,umem_chunk_size:UInt32,umem_headroom:UInt32,umem_ifindex:UInt32," +
            "umem_qid:UInt32,umem_zc:UInt32,umem_refs:UInt32,rx_dropped:UInt64,rx_invalid:UInt64," +
            "rx_queue_full:UInt64,rx_fill_ring_empty:UInt64,tx_invalid:UInt64,tx_ring_empty:UInt64";

        public const string Inet =
            "Cookie:UInt64,tos:Byte,tclass:Byte,class_id:UInt32,fwmark:UInt32,cgroup_id:UInt64," +
            "cgroup:String,v6only:Byte,Shutdown:String,recverr:Boolean,is_icsk:Boolean," +
            "freebind:Boolean,hdrincl:Boolean,mc_loop:Boolean,transparent:Boolean,mc_all:Boolean," +
            "nodefrag:Boolean,bind_addr_no_port:Boolean,recverr_rfc4884:Boolean," +
            "defer_connect:Boolean,md5keys:String,ulp:String,tls_version:String,tls_cipher:String," +
            "tls_rxconf:String,tls_txconf:String,tls_zc_ro_tx:Boolean,tls_no_pad_rx:Boolean," +
            "subflow_flags:String,token_remote:UInt32,id_remote:Byte,token_local:UInt32," +
            "id_local:Byte,seq:UInt64,sfseq:UInt32,ssnoff:UInt32,maplen:UInt32";

        public const string Mptcp =
            "Cookie:UInt64,subflows:Byte,add_addr_signal:Byte,add_addr_accepted:Byte," +
            "subflows_max:Byte,add_addr_signal_max:Byte,add_addr_accepted_max:Byte,fallback:Boolean," +
            "remote_key:Boolean,token:UInt32,write_seq:UInt64,snd_una:UInt64,rcv_nxt:UInt64," +
            "local_addr_used:Byte,local_addr_max:Byte,csum_enabled:Byte,retransmits:UInt32," +
            "bytes_retrans:UInt64,bytes_sent:UInt64,bytes_received:UInt64,bytes_acked:UInt64," +
            "subflows_total:Byte,last_data_sent:UInt32,last_data_recv:UInt32,last_ack_recv:UInt32";

        public const string Tipc =
            "Cookie:UInt64,Inode:UInt32,Node:UInt32,Reference:UInt32,PeerNode:UInt32," +
            "PeerReference:UInt32,type:String,cong:String,drop:UInt32,publ:Boolean,via_type:UInt32," +
            "via_instance:UInt32";
    }

    private static string SchemaOf(DataFrame frame) => string.Join(",", frame.Columns.Select(c => c.Name + ":" + c.DataType.Name));

    private static object?[] Values(DataFrame frame, string column) => [.. frame[column].Cast<object?>()];

    [Fact]
    public void UnixFrameHasNamesPeersVfsPendingAndShutdown()
    {
        var frame = Result(Everything()).Unix;

        Assert.Equal(Schema.Unix, SchemaOf(frame));
        Assert.Equal([0x501UL, 0x601UL, 0x602UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal([5001u, 6001u, 6002u], frame["Inode"].Cast<uint>());
        Assert.Equal(["/run/app.sock", "@bus", "*"], frame["Name"].Cast<string>());
        Assert.Equal([0u, 6002u, 6001u], frame["PeerInode"].Cast<uint>());
        Assert.Equal([null, "*", "@bus"], Values(frame, "PeerName"));
        Assert.Equal([812u, null, null], Values(frame, "VfsInode"));
        Assert.Equal([8u, null, null], Values(frame, "VfsMajor"));
        Assert.Equal([259u, null, null], Values(frame, "VfsMinor"));
        Assert.Equal([2, null, null], Values(frame, "PendingConnections"));
        Assert.Equal(["<->", "<--", "-->"], frame["Shutdown"].Cast<string>());
        Assert.IsType<UInt32DataFrameColumn>(frame["VfsMajor"]);
        Assert.IsType<Int32DataFrameColumn>(frame["PendingConnections"]);
    }

    [Fact]
    public void PacketFrameNamesProtocolsAndInterfacesAsSsAndSplitsRingsFanoutAndFilter()
    {
        var frame = Result(Everything()).Packet;

        Assert.Equal(Schema.Packet, SchemaOf(frame));
        Assert.Equal([0x701UL, 0x702UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal([(ushort)0x0800, (ushort)3], frame["Protocol"].Cast<ushort>());
        Assert.Equal(["ip", "*"], frame["ProtocolName"].Cast<string>());
        Assert.Equal(["%eth7", null], Values(frame, "Interface"));
        Assert.Equal([2u, null], Values(frame, "ver"));
        Assert.Equal([1u, null], Values(frame, "cpy_thresh"));
        Assert.Equal([true, null], Values(frame, "running"));
        Assert.Equal([false, null], Values(frame, "auxdata"));
        Assert.Equal([true, null], Values(frame, "origdev"));
        Assert.Equal([false, null], Values(frame, "loss"));
        Assert.Equal([4096u, null], Values(frame, "ring_rx_blk_size"));
        Assert.Equal([2u, null], Values(frame, "ring_rx_blk_nr"));
        Assert.Equal([2048u, null], Values(frame, "ring_rx_frm_size"));
        Assert.Equal([4u, null], Values(frame, "ring_rx_frm_nr"));
        Assert.Equal([60u, null], Values(frame, "ring_rx_tmo"));
        Assert.Equal([1u, null], Values(frame, "ring_rx_features"));
        Assert.Equal([null, null], Values(frame, "ring_tx_blk_size"));
        Assert.Equal([(ushort)42, null], Values(frame, "fanout_id"));
        Assert.Equal(["roll", null], Values(frame, "fanout_type"));
        Assert.Equal([2, null], Values(frame, "filter_len"));
        Assert.Equal(["0x28 0 0 12, 0x15 0 1 2048,", null], Values(frame, "filter"));
        Assert.IsType<BooleanDataFrameColumn>(frame["running"]);
        Assert.IsType<UInt16DataFrameColumn>(frame["Protocol"]);
    }

    [Fact]
    public void NetlinkFrameHasProtocolNamesPortsGroupsAndTheDestinationOfConnectedSockets()
    {
        var frame = Result(Everything()).Netlink;

        Assert.Equal(Schema.Netlink, SchemaOf(frame));
        Assert.Equal([0x801UL, 0x802UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal([(byte)0, (byte)31], frame["Protocol"].Cast<byte>());
        Assert.Equal(["rtnl", "31"], frame["ProtocolName"].Cast<string>());
        Assert.Equal([-4001, 77], frame["PortId"].Cast<int>());
        Assert.Equal([5UL, 0UL], frame["Groups"].Cast<ulong>());
        Assert.Equal([0u, null], Values(frame, "DestinationGroup"));
        Assert.Equal([0, null], Values(frame, "DestinationPortId"));
    }

    [Fact]
    public void VsockFrameKeepsTheKernelsCidsAndPorts()
    {
        var frame = Result(Everything()).Vsock;

        Assert.Equal(Schema.Vsock, SchemaOf(frame));
        Assert.Equal(1, frame.Rows.Count);
        Assert.Equal(uint.MaxValue, frame["LocalCid"][0]);
        Assert.Equal(1234u, frame["LocalPort"][0]);
        Assert.Equal(3u, frame["PeerCid"][0]);
        Assert.Equal(uint.MaxValue, frame["PeerPort"][0]);
        Assert.IsType<UInt32DataFrameColumn>(frame["LocalPort"]);
    }

    [Fact]
    public void XdpFrameHasQueueRingsUmemAndStatistics()
    {
        var frame = Result(Everything()).Xdp;

        Assert.Equal(Schema.Xdp, SchemaOf(frame));
        Assert.Equal(1, frame.Rows.Count);
        Assert.Equal("%eth7", frame["Interface"][0]);
        Assert.Equal(2u, frame["QueueId"][0]);
        Assert.Equal(2048u, frame["rx_entries"][0]);
        Assert.Equal(1024u, frame["tx_entries"][0]);
        Assert.Equal(4096u, frame["fr_entries"][0]);
        Assert.Equal(512u, frame["cr_entries"][0]);
        Assert.Equal(5u, frame["umem_id"][0]);
        Assert.Equal(1UL << 33, frame["umem_size"][0]);
        Assert.Equal(2_097_152u, frame["umem_num_pages"][0]);
        Assert.Equal(4096u, frame["umem_chunk_size"][0]);
        Assert.Equal(256u, frame["umem_headroom"][0]);
        Assert.Equal(7u, frame["umem_ifindex"][0]);
        Assert.Equal(2u, frame["umem_qid"][0]);
        Assert.Equal(1u, frame["umem_zc"][0]);
        Assert.Equal(1u, frame["umem_refs"][0]);
        Assert.Equal(1UL, frame["rx_dropped"][0]);
        Assert.Equal(3UL, frame["rx_queue_full"][0]);
        Assert.Equal(4UL, frame["rx_fill_ring_empty"][0]);
        Assert.Equal(ulong.MaxValue, frame["tx_ring_empty"][0]);
        Assert.IsType<UInt64DataFrameColumn>(frame["umem_size"]);
    }

    [Fact]
    public void InetFrameHasEveryExtraAsSsPrintsItAndNullsWhatTheKernelDidNotSend()
    {
        var frame = Result(Everything()).Inet;

        Assert.Equal(Schema.Inet, SchemaOf(frame));
        // Listener, InetExtras, the MPTCP subflow and the MPTCP socket, in the records' order.
        Assert.Equal([0x1234UL, 0xdeadbeefcafeUL, 0xb01UL, 0xb02UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal([null, (byte)0x10, null, null], Values(frame, "tos"));
        Assert.Equal([null, (byte)0xb8, null, null], Values(frame, "tclass"));
        Assert.Equal([null, 0x10002u, null, null], Values(frame, "class_id"));
        Assert.Equal([null, 0x2au, null, null], Values(frame, "fwmark"));
        Assert.Equal([null, 0xfeedfacecafe0001UL, null, null], Values(frame, "cgroup_id"));
        Assert.Equal([null, "unreachable:feedfacecafe0001", null, null], Values(frame, "cgroup"));
        Assert.Equal([null, (byte)1, null, null], Values(frame, "v6only"));
        Assert.Equal([null, "---", null, null], Values(frame, "Shutdown"));
        Assert.Equal([null, false, null, null], Values(frame, "recverr"));
        Assert.Equal([null, true, null, null], Values(frame, "freebind"));
        Assert.Equal([null, true, null, null], Values(frame, "mc_loop"));
        Assert.Equal([null, false, null, null], Values(frame, "transparent"));
        Assert.Equal([null, true, null, null], Values(frame, "defer_connect"));
        Assert.Equal([null, "10.0.0.2/32=se\\040cr\\054t\\134,fe80::1/64=\\001k", null, null], Values(frame, "md5keys"));
        Assert.Equal([null, "tls", "mptcp", null], Values(frame, "ulp"));
        Assert.Equal([null, "1.3", null, null], Values(frame, "tls_version"));
        Assert.Equal([null, "aes-gcm-256", null, null], Values(frame, "tls_cipher"));
        Assert.Equal([null, "sw", null, null], Values(frame, "tls_rxconf"));
        Assert.Equal([null, "unknown(7)", null, null], Values(frame, "tls_txconf"));
        Assert.Equal([null, true, null, null], Values(frame, "tls_zc_ro_tx"));
        Assert.Equal([null, false, null, null], Values(frame, "tls_no_pad_rx"));
        Assert.Equal([null, null, "Mecv", null], Values(frame, "subflow_flags"));
        Assert.Equal([null, null, 0xabu, null], Values(frame, "token_remote"));
        Assert.Equal([null, null, (byte)1, null], Values(frame, "id_remote"));
        Assert.Equal([null, null, 0x12345u, null], Values(frame, "token_local"));
        Assert.Equal([null, null, (byte)2, null], Values(frame, "id_local"));
        Assert.Equal([null, null, 0x1_0000_1000UL, null], Values(frame, "seq"));
        Assert.Equal([null, null, 0x20u, null], Values(frame, "sfseq"));
        Assert.Equal([null, null, 0x30u, null], Values(frame, "ssnoff"));
        Assert.Equal([null, null, 0x40u, null], Values(frame, "maplen"));
        Assert.IsType<ByteDataFrameColumn>(frame["tos"]);
        Assert.IsType<UInt64DataFrameColumn>(frame["cgroup_id"]);
    }

    [Fact]
    public void MptcpFrameDecodesMptcpInfo()
    {
        var frame = Result(Everything()).Mptcp;

        Assert.Equal(Schema.Mptcp, SchemaOf(frame));
        Assert.Equal([0xb02UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal((byte)2, frame["subflows"][0]);
        Assert.Equal((byte)8, frame["subflows_max"][0]);
        Assert.Equal((byte)0, frame["add_addr_signal"][0]);
        Assert.Equal(true, frame["fallback"][0]);
        Assert.Equal(true, frame["remote_key"][0]);
        Assert.Equal(0xbeefu, frame["token"][0]);
        Assert.Equal(12345UL, frame["write_seq"][0]);
        Assert.Equal((byte)1, frame["csum_enabled"][0]);
        Assert.Equal(7_000_000_000UL, frame["bytes_sent"][0]);
        Assert.Equal((byte)3, frame["subflows_total"][0]);
        Assert.Equal(250u, frame["last_ack_recv"][0]);
        Assert.Equal(0u, frame["last_data_recv"][0]);
    }

    [Fact]
    public void TipcFrameHasAddressesPeersAndTipcinfo()
    {
        var result = Result(Everything());
        var frame = result.Tipc;

        Assert.Equal(Schema.Tipc, SchemaOf(frame));
        Assert.Equal([0xc01UL, 0xc02UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal([16777217u, 16777217u], frame["Node"].Cast<uint>());
        Assert.Equal([4065531200u, 9u], frame["Reference"].Cast<uint>());
        Assert.Equal([16777218u, null], Values(frame, "PeerNode"));
        Assert.Equal([1745093113u, null], Values(frame, "PeerReference"));
        Assert.Equal(["STREAM", "RDM"], frame["type"].Cast<string>());
        Assert.Equal(["link", "none"], frame["cong"].Cast<string>());
        Assert.Equal([7u, 0u], frame["drop"].Cast<uint>());
        Assert.Equal([false, true], frame["publ"].Cast<bool>());
        Assert.Equal([18888u, null], Values(frame, "via_type"));
        Assert.Equal([17u, null], Values(frame, "via_instance"));
        Assert.Equal("ti_st", result.Sockets.Where("Cookie", 0xc01UL)["Netid"][0]);
        Assert.Equal("ti_rd", result.Sockets.Where("Cookie", 0xc02UL)["Netid"][0]);
    }

    [Fact]
    public void FlagAndWordColumnsAnswerTheUsualQueries()
    {
        var result = Result(Everything());

        Assert.Equal([0xdeadbeefcafeUL], result.Inet.Where("freebind", true)["Cookie"].Cast<ulong>());
        Assert.Equal([true, null], result.Packet.Column<bool>("running").Cast<bool?>());
        Assert.Equal([0x602UL], result.Unix.Where("Shutdown", "-->")["Cookie"].Cast<ulong>());
        Assert.Equal([0x701UL], result.Packet.Where("ProtocolName", "IP")["Cookie"].Cast<ulong>());
        Assert.Equal(1L, result.Netlink.Where("PortId", -4001L).Rows.Count);
    }

    [Fact]
    public void AShortMptcpInfoReadsAsZerosPastItsEnd()
    {
        var socket = SampleSockets.Mptcp()[1];
        socket.MptcpInfo = socket.MptcpInfo![..16]; // up to the token

        var frame = MptcpFrameBuilder.Build([socket]);

        Assert.Equal(0xbeefu, frame["token"][0]);
        Assert.Equal(0UL, frame["write_seq"][0]);
        Assert.Equal(0UL, frame["bytes_sent"][0]);
    }

    [Fact]
    public void EveryTableFrameKeepsItsFullSchemaWithNoSockets()
    {
        var none = Result([]);
        var inetOnly = Result([SampleSockets.Listener()]);

        foreach (var result in new[] { none, inetOnly })
        {
            Assert.Equal(Schema.Unix, SchemaOf(result.Unix));
            Assert.Equal(Schema.Packet, SchemaOf(result.Packet));
            Assert.Equal(Schema.Netlink, SchemaOf(result.Netlink));
            Assert.Equal(Schema.Vsock, SchemaOf(result.Vsock));
            Assert.Equal(Schema.Xdp, SchemaOf(result.Xdp));
            Assert.Equal(Schema.Mptcp, SchemaOf(result.Mptcp));
            Assert.Equal(Schema.Tipc, SchemaOf(result.Tipc));
            Assert.Equal(0, result.Unix.Rows.Count);
            Assert.IsType<BooleanDataFrameColumn>(result.Packet["running"]);
            Assert.IsType<UInt64DataFrameColumn>(result.Xdp["umem_size"]);
        }
        Assert.Equal(Schema.Inet, SchemaOf(none.Inet));
        Assert.Equal(0, none.Inet.Rows.Count);
        Assert.Equal(1, inetOnly.Inet.Rows.Count);
        Assert.IsType<ByteDataFrameColumn>(none.Inet["tos"]);
        Assert.IsType<BooleanDataFrameColumn>(none.Inet["freebind"]);
    }

    [Fact]
    public void EveryNumericColumnIsTyped()
    {
        var result = Result(Everything());
        DataFrame[] frames = [result.Unix, result.Packet, result.Netlink, result.Vsock, result.Xdp, result.Inet, result.Mptcp, result.Tipc];

        var strings = frames.SelectMany(frame => frame.Columns).Where(column => column is StringDataFrameColumn).Select(column => column.Name);

        Assert.Equal(
            ["Name", "PeerName", "Shutdown", "ProtocolName", "Interface", "fanout_type", "filter", "ProtocolName", "Interface",
             "cgroup", "Shutdown", "md5keys", "ulp", "tls_version", "tls_cipher", "tls_rxconf", "tls_txconf", "subflow_flags", "type", "cong"],
            strings);
    }
}
