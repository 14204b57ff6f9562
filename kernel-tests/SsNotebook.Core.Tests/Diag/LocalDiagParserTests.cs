using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;
using static SsNotebook.Core.Tests.Support.NetlinkBytes;

namespace SsNotebook.Core.Tests.Diag;

public class LocalDiagParserTests
{
    private static byte[] UnixHeader(byte type, byte state, uint inode) =>
        Concat([1, type, state, 0], U32(inode), U32(0x11223344), U32(0x55));

    [Fact]
    public void UnixReplyWithEveryAttribute()
    {
        var payload = Concat(
            UnixHeader(type: 1, state: 10, inode: 4242),
            Attribute(0, [0, (byte)'a', (byte)'b', 0, (byte)'c']),
            Attribute(1, Concat(U32(968451), U32(0x0FE00000))),
            Attribute(2, U32(777)),
            Attribute(3, Concat(U32(5), U32(6))),
            Attribute(4, Concat(U32(300), U32(1280))),
            Attribute(5, Concat(U32(1), U32(2), U32(3), U32(4), U32(5), U32(6), U32(7), U32(8), U32(9))),
            Attribute(6, 3));
        var record = new SocketRecord();

        Assert.True(UnixDiagParser.TryParse(payload, record, out var error), error);

        Assert.Equal(SocketTable.UnixStream, record.Table);
        Assert.Equal(SocketState.Listen, record.State);
        Assert.Equal(4242u, record.Inode);
        Assert.Equal(0x0000005511223344UL, record.Cookie);
        Assert.Equal(300u, record.RecvQ);
        Assert.Equal(1280u, record.SendQ);
        Assert.Equal(9, record.SkMemInfo.Count);
        Assert.Equal(9u, record.SkMemInfo.Drops);
        Assert.Equal((byte)3, record.Shutdown);
        var unix = Assert.IsType<UnixSocketDetails>(record.Local);
        Assert.Equal("@ab@c", unix.Name);
        Assert.Equal(777u, unix.PeerInode);
        Assert.True(unix.HasVfs);
        Assert.Equal(968451u, unix.VfsInode);
        Assert.Equal(0x0FE00000u, unix.VfsDevice);
        Assert.Equal([5u, 6u], unix.PendingConnections!);
    }

    [Theory]
    [InlineData(1, SocketTable.UnixStream)]
    [InlineData(2, SocketTable.UnixDgram)]
    [InlineData(5, SocketTable.UnixSeqpacket)]
    [InlineData(9, SocketTable.UnixDgram)]
    public void UnixTypeSelectsTheTable(byte type, SocketTable table) => Assert.Equal(table, UnixDiagParser.TableOf(type));

    [Fact]
    public void UnixPathNameEndsAtItsFirstNul()
    {
        var record = new SocketRecord();
        Assert.True(UnixDiagParser.TryParse(Concat(UnixHeader(2, 7, 1), Attribute(0, "/run/x\0\0"u8.ToArray())), record, out _));
        Assert.Equal("/run/x", ((UnixSocketDetails)record.Local!).Name);
    }

    [Fact]
    public void TruncatedUnixHeaderIsAnError()
    {
        Assert.False(UnixDiagParser.TryParse(new byte[15], new SocketRecord(), out var error));
        Assert.Equal("unix_diag_msg at byte 0 truncated: 15 bytes, need 16", error);
    }

    [Fact]
    public void ShortRqlenAttributeIsAnError()
    {
        Assert.False(UnixDiagParser.TryParse(Concat(UnixHeader(1, 1, 1), Attribute(4, U32(5))), new SocketRecord(), out var error));
        Assert.Equal("attribute 4 at byte 16 has 4 bytes, need 8", error);
    }

    [Fact]
    public void AttributeLongerThanTheReplyIsAnError()
    {
        var payload = Concat(UnixHeader(1, 1, 1), [40, 0, 2, 0, 1, 0, 0, 0]);
        Assert.False(UnixDiagParser.TryParse(payload, new SocketRecord(), out var error));
        Assert.Equal("attribute 2 at byte 16 has length 40 but 8 bytes remain", error);
    }

    [Fact]
    public void PacketReply()
    {
        var payload = Concat(
            [17, 2], U16(0x0800), U32(99), U32(7), U32(0),
            Attribute(0, Concat(U32(1), U32(2), U32(0), U32(64), U32(0), U32(0x11))),
            Attribute(2, Concat(U32(4096), U32(2), U32(2048), U32(4), U32(10), U32(0), U32(1))),
            Attribute(4, U32(0x00030005)),
            Attribute(5, U32(1000)),
            Attribute(6, Concat(U32(512), U32(2), U32(3), U32(4), U32(5), U32(6), U32(7))),
            Attribute(7, Concat(U16(6), [0, 0], U32(0xffff))));
        var record = new SocketRecord();

        Assert.True(PacketDiagParser.TryParse(payload, record, out var hasMemInfo, out var error), error);

        Assert.True(hasMemInfo);
        Assert.Equal(SocketTable.PacketDgram, record.Table);
        Assert.Equal(SocketState.Close, record.State);
        Assert.Equal(99u, record.Inode);
        Assert.Equal(7UL, record.Cookie);
        Assert.Equal(1u, record.InterfaceIndex);
        Assert.Equal(1000u, record.Uid);
        Assert.Equal(512u, record.RecvQ);
        var packet = Assert.IsType<PacketSocketDetails>(record.Local);
        Assert.Equal((ushort)0x0800, packet.Protocol);
        Assert.Equal(new PacketInfo(1, 2, 0, 64, 0, 0x11), packet.Info);
        Assert.Equal(new PacketRing(4096, 2, 2048, 4, 10, 0, 1), packet.RxRing);
        Assert.Null(packet.TxRing);
        Assert.Equal(0x00030005u, packet.Fanout);
        Assert.Equal([new ClassicBpfInstruction(6, 0, 0, 0xffff)], packet.Filter!);
    }

    [Fact]
    public void PacketFilterOfPartialInstructionIsAnError()
    {
        var payload = Concat([17, 3], U16(3), U32(1), U32(0), U32(0), Attribute(7, [6, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 2, 3, 4]));
        Assert.False(PacketDiagParser.TryParse(payload, new SocketRecord(), out _, out var error));
        Assert.Equal("PACKET_DIAG_FILTER at byte 16 has 12 bytes, not a multiple of 8", error);
    }

    [Fact]
    public void PacketReplyWithoutMemInfoIsFlagged()
    {
        Assert.True(PacketDiagParser.TryParse(Concat([17, 3], U16(3), U32(1), U32(0), U32(0)), new SocketRecord(), out var hasMemInfo, out _));
        Assert.False(hasMemInfo);
    }

    [Fact]
    public void ShortPacketInfoIsAnError()
    {
        var payload = Concat([17, 3], U16(3), U32(1), U32(0), U32(0), Attribute(0, U32(1)));
        Assert.False(PacketDiagParser.TryParse(payload, new SocketRecord(), out _, out var error));
        Assert.Equal("attribute 0 at byte 16 has 4 bytes, need 24", error);
    }

    [Fact]
    public void NetlinkReply()
    {
        var payload = Concat(
            [16, 3, 0, 2], I32(-4242), I32(17), U32(5), U32(1234), U32(1), U32(2),
            Attribute(0, Concat(U32(10), U32(20), U32(30), U32(40), U32(50), U32(60), U32(70), U32(80), U32(90))),
            Attribute(1, U64(0x1_0000_0011)));
        var record = new SocketRecord();

        Assert.True(NetlinkDiagParser.TryParse(payload, record, out var error), error);

        Assert.Equal(SocketTable.Netlink, record.Table);
        Assert.Equal(1234u, record.Inode);
        Assert.Equal(0x0000000200000001UL, record.Cookie);
        Assert.Equal(10u, record.RecvQ);
        Assert.Equal(30u, record.SendQ);
        var netlink = Assert.IsType<NetlinkSocketDetails>(record.Local);
        Assert.Equal(0, netlink.Protocol);
        Assert.Equal(2, netlink.NetlinkState);
        Assert.Equal(-4242, netlink.PortId);
        Assert.Equal(17, netlink.DestinationPortId);
        Assert.Equal(5u, netlink.DestinationGroup);
        Assert.Equal(0x1_0000_0011UL, netlink.Groups);
    }

    [Fact]
    public void TruncatedNetlinkHeaderIsAnError()
    {
        Assert.False(NetlinkDiagParser.TryParse(new byte[20], new SocketRecord(), out var error));
        Assert.Equal("netlink_diag_msg at byte 0 truncated: 20 bytes, need 28", error);
    }

    [Fact]
    public void UnixRequestAsksForDetailsOnlyWithOptions()
    {
        var request = LocalDiagRequest.Unix(new StateSet(0x400), new ShowOptions { Memory = true, Details = true }, sequence: 1);
        Assert.Equal(
            Concat(U32(40), U16(20), U16(0x301), U32(1), U32(0), [1, 0, 0, 0], U32(0x400), U32(0), U32(0x3f), U32(0), U32(0)),
            request);
        var plain = LocalDiagRequest.Unix(new StateSet(0x400), new ShowOptions(), sequence: 1);
        Assert.Equal(U32(0x15), plain[28..32]);
    }

    [Fact]
    public void PacketAndNetlinkRequests()
    {
        Assert.Equal(Concat(U32(36), U16(20), U16(0x301), U32(1), U32(0), [17, 0, 0, 0], U32(0), U32(0x3d), U32(0), U32(0)),
            LocalDiagRequest.Packet(sequence: 1));
        Assert.Equal(Concat(U32(36), U16(20), U16(0x301), U32(1), U32(0), [16, 255, 0, 0], U32(0), U32(3), U32(0), U32(0)),
            LocalDiagRequest.Netlink(sequence: 1));
    }

    [Fact]
    public void VsockReply()
    {
        var payload = Concat([40, 1, 10, 0], U32(3), U32(1234), U32(uint.MaxValue), U32(uint.MaxValue), U32(77), U32(9), U32(1));
        var record = new SocketRecord();

        Assert.True(VsockDiagParser.TryParse(payload, record, out var error), error);

        Assert.Equal(SocketTable.VsockStream, record.Table);
        Assert.Equal(SocketState.Listen, record.State);
        Assert.Equal(77u, record.Inode);
        Assert.Equal(0x0000000100000009UL, record.Cookie);
        var vsock = Assert.IsType<VsockSocketDetails>(record.Local);
        Assert.Equal(3u, vsock.LocalCid);
        Assert.Equal(1234u, vsock.LocalPort);
        Assert.Equal(uint.MaxValue, vsock.PeerCid);
        Assert.False(VsockDiagParser.TryParse(payload.AsSpan(0, 31), new SocketRecord(), out error));
        Assert.Equal("vsock_diag_msg at byte 0 truncated: 31 bytes, need 32", error);
    }

    [Fact]
    public void VsockRequest() =>
        Assert.Equal(Concat(U32(40), U16(20), U16(0x301), U32(1), U32(0), [40, 0, 0, 0], U32(0x400), U32(0), U32(0), U32(0), U32(0)),
            LocalDiagRequest.Vsock(new StateSet(0x400), sequence: 1));

    [Fact]
    public void XdpReply()
    {
        var payload = Concat(
            [44, 3, 0, 0], U32(55), U32(4), U32(0),
            Attribute(1, Concat(U32(1), U32(2))),
            Attribute(2, U32(1000)),
            Attribute(3, U32(2048)),
            Attribute(5, Concat(U64(4096), U32(1), U32(2), U32(2048), U32(0), U32(1), U32(2), U32(1), U32(3))),
            Attribute(6, U32(64)),
            Attribute(9, Concat(U64(1), U64(2), U64(3), U64(4), U64(5), U64(6))));
        var record = new SocketRecord();

        Assert.True(XdpDiagParser.TryParse(payload, record, out var error), error);

        Assert.Equal(SocketTable.Xdp, record.Table);
        Assert.Equal(55u, record.Inode);
        Assert.Equal(1u, record.InterfaceIndex);
        Assert.Equal(1000u, record.Uid);
        var xdp = Assert.IsType<XdpSocketDetails>(record.Local);
        Assert.Equal(2u, xdp.QueueId);
        Assert.Equal(2048u, xdp.RxRingEntries);
        Assert.Null(xdp.TxRingEntries);
        Assert.Equal(new XdpUmem(4096, 1, 2, 2048, 0, 1, 2, 1, 3), xdp.Umem);
        Assert.Equal(64u, xdp.FillRingEntries);
        Assert.Equal(new XdpStatistics(1, 2, 3, 4, 5, 6), xdp.Statistics);
        Assert.False(XdpDiagParser.TryParse(Concat([44, 3, 0, 0], U32(55), U32(4), U32(0), Attribute(5, U32(1))), new SocketRecord(), out error));
        Assert.Equal("attribute 5 at byte 16 has 4 bytes, need 40", error);
    }
}
