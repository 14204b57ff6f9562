using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Sockets;
using static SsNotebook.Core.Tests.Support.NetlinkBytes;

namespace SsNotebook.Core.Tests.Diag;

public class InetDiagParserTests
{
    private static readonly byte[] Loopback4 = [127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] Ten4 = [10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static byte[] Header() => InetDiagMsg(2, 1, 22, 50312, Loopback4, Ten4, ifindex: 3, cookie: 0x0000_0001_0000_0002,
        timer: 2, retrans: 1, expires: 7_180_000, rqueue: 5, wqueue: 6, uid: 1000, inode: 15834);

    private static SocketRecord Parse(params byte[][] attributes)
    {
        var record = new SocketRecord();
        Assert.True(InetDiagParser.TryParse(Concat([Header(), .. attributes]), SocketTable.Tcp, record, out var error), error);
        return record;
    }

    [Fact]
    public void DecodesTheFixedHeader()
    {
        var record = Parse();
        Assert.Equal(SocketTable.Tcp, record.Table);
        Assert.Equal(2, record.Family);
        Assert.Equal(SocketState.Established, record.State);
        Assert.Equal(2, record.Timer);
        Assert.Equal(1, record.Retransmits);
        Assert.Equal((ushort)22, record.LocalPort);
        Assert.Equal((ushort)50312, record.PeerPort);
        Assert.Equal("127.0.0.1", record.LocalAddress.ToString());
        Assert.Equal("10.0.0.2", record.PeerAddress.ToString());
        Assert.Equal(3u, record.InterfaceIndex);
        Assert.Equal(0x0000_0001_0000_0002ul, record.Cookie);
        Assert.Equal(7_180_000u, record.Expires);
        Assert.Equal(5u, record.RecvQ);
        Assert.Equal(6u, record.SendQ);
        Assert.Equal(1000u, record.Uid);
        Assert.Equal(15834u, record.Inode);
        Assert.Equal(SocketAttributes.None, record.Present);
    }

    [Fact]
    public void DecodesIPv6Addresses()
    {
        byte[] v6 = [0xfe, 0xc0, 0, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        var record = new SocketRecord();
        Assert.True(InetDiagParser.TryParse(InetDiagMsg(10, 10, 22, 0, v6, new byte[16]), SocketTable.Tcp, record, out _));
        Assert.Equal("fec0:42::1", record.LocalAddress.ToString());
        Assert.Equal(SocketState.Listen, record.State);
        Assert.True(record.PeerAddress.IsAny);
    }

    [Fact]
    public void DecodesSimpleAttributes()
    {
        var record = Parse(
            Attribute(1, Concat(U32(1), U32(2), U32(3), U32(4))),
            Attribute(3, Concat(U32(1), U32(5), U32(6), U32(7))),
            Attribute(4, "cubic\0"u8.ToArray()),
            Attribute(5, 0x10),
            Attribute(6, 0x20),
            Attribute(8, 3),
            Attribute(9, Concat(U16(1), U16(2), U32(3), U32(4), U32(5))),
            Attribute(10, 6),
            Attribute(11, 1),
            Attribute(15, U32(0x99)),
            Attribute(16, Concat(U32(1000), U32(1), U32(30), U32(256), U32(512))),
            Attribute(17, U32(0x10002)),
            Attribute(21, U64(0x1234)),
            Attribute(22, U16(0x0102)));
        Assert.Equal(new MemInfo(1, 2, 3, 4), record.MemInfo);
        Assert.Equal(new VegasInfo(1, 5, 6, 7), record.Vegas);
        Assert.Same("cubic", record.Congestion);
        Assert.Equal(0x10, record.Tos);
        Assert.Equal(0x20, record.TClass);
        Assert.Equal(3, record.Shutdown);
        Assert.Equal(new DctcpInfo(1, 2, 3, 4, 5), record.Dctcp);
        Assert.Equal(6, record.Protocol);
        Assert.Equal(1, record.V6Only);
        Assert.Equal(0x99u, record.Mark);
        Assert.Equal(new BbrInfo(1000, 1, 30, 256, 512), record.Bbr);
        Assert.Equal((1UL << 32) | 1000, record.Bbr.Bandwidth);
        Assert.Equal(0x10002u, record.ClassId);
        Assert.Equal(0x1234ul, record.CgroupId);
        Assert.Equal(0x0102, record.SockOpt);
        Assert.Equal(
            SocketAttributes.MemInfo | SocketAttributes.Vegas | SocketAttributes.Congestion | SocketAttributes.Tos
            | SocketAttributes.TClass | SocketAttributes.Shutdown | SocketAttributes.Dctcp | SocketAttributes.Protocol
            | SocketAttributes.V6Only | SocketAttributes.Mark | SocketAttributes.Bbr | SocketAttributes.ClassId
            | SocketAttributes.CgroupId | SocketAttributes.SockOpt,
            record.Present);
    }

    [Fact]
    public void SkMemInfoKeepsTheCount()
    {
        var record = Parse(Attribute(7, Concat(U32(1), U32(2), U32(3), U32(4), U32(5), U32(6), U32(7), U32(8))));
        Assert.Equal(new SkMemInfo(1, 2, 3, 4, 5, 6, 7, 8, 0, 8), record.SkMemInfo);
        var full = Parse(Attribute(7, Concat(U32(1), U32(2), U32(3), U32(4), U32(5), U32(6), U32(7), U32(8), U32(9), U32(10))));
        Assert.Equal(new SkMemInfo(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), full.SkMemInfo);
    }

    [Fact]
    public void ShortTcpInfoIsZeroFilled()
    {
        var info = new byte[104];
        info[0] = 1;
        BitConverter.TryWriteBytes(info.AsSpan(80), 10u);
        var record = Parse(Attribute(2, info));
        Assert.True(record.Has(SocketAttributes.TcpInfo));
        Assert.Equal(104, record.TcpInfo.Length);
        Assert.Equal(10u, record.TcpInfo.SndCwnd);
        Assert.Equal(0ul, record.TcpInfo.PacingRate);
        Assert.False(record.TcpInfo.Has(104, 8));
    }

    [Fact]
    public void LongerTcpInfoIsCut()
    {
        var info = new byte[400];
        Array.Fill(info, (byte)0xff);
        var record = Parse(Attribute(2, info));
        Assert.Equal(TcpInfo.KnownSize, record.TcpInfo.Length);
        Assert.Equal(uint.MaxValue, record.TcpInfo.LastWord);
        Assert.Equal(ushort.MaxValue, record.TcpInfo.AccecnOptSeen);
    }

    [Fact]
    public void InfoOfMptcpAndSctpIsKeptRaw()
    {
        var record = new SocketRecord();
        var message = Concat(Header(), Attribute(2, 1, 2, 3, 4, 5));
        Assert.True(InetDiagParser.TryParse(message, SocketTable.Mptcp, record, out _));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, record.MptcpInfo);
        Assert.Equal(SocketAttributes.MptcpInfo, record.Present);

        var sctp = new SocketRecord();
        var sctpMessage = Concat(Header(), Attribute(2, 9, 9), Attribute(12, 1, 2), Attribute(13, 3, 4));
        Assert.True(InetDiagParser.TryParse(sctpMessage, SocketTable.Sctp, sctp, out _));
        Assert.Equal(new byte[] { 9, 9 }, sctp.SctpInfo);
        Assert.Equal(new byte[] { 1, 2 }, sctp.SctpLocals);
        Assert.Equal(new byte[] { 3, 4 }, sctp.SctpPeers);
    }

    [Fact]
    public void UnknownAttributesAreSkipped()
    {
        var record = Parse(Attribute(99, 1, 2, 3), Attribute(14), Attribute(23, 1, 2, 3, 4), Attribute(8, 2));
        Assert.Equal(SocketAttributes.Shutdown, record.Present);
        Assert.Equal(2, record.Shutdown);
    }

    private const ushort Nested = 0x8000;

    [Fact]
    public void DecodesBpfStoragesInTheKernelsOrder()
    {
        // SK_DIAG_BPF_STORAGE { PAD, MAP_ID, MAP_VALUE }, an entry without an id (skipped), an entry without a value.
        var record = Parse(Attribute(20 | Nested, Concat(
            Attribute(1 | Nested, Concat(Attribute(1), Attribute(2, U32(7)), Attribute(3, 1, 2, 3))),
            Attribute(1, Attribute(3, 9)),
            Attribute(2, U32(5)),
            Attribute(1, Attribute(2, U32(8))))));
        Assert.NotNull(record.BpfStorages);
        Assert.Equal([(7u, "010203"), (8u, "")], record.BpfStorages.Select(s => (s.MapId, Convert.ToHexString(s.Value))));
    }

    [Fact]
    public void MalformedBpfStorageIsAnError()
    {
        var payload = Concat(Header(), Attribute(20, Attribute(1, 8, 0, 2, 0)));
        Assert.False(InetDiagParser.TryParse(payload, SocketTable.Tcp, new SocketRecord(), out var error));
        Assert.Equal("INET_DIAG_SK_BPF_STORAGES: SK_DIAG_BPF_STORAGE: attribute 2 at byte 80 has length 8 but 4 bytes remain", error);
    }

    [Fact]
    public void DecodesMd5Keys()
    {
        var entry = new byte[100];
        entry[0] = 2;
        entry[1] = 32;
        entry[2] = 3;
        entry[4] = 10;
        entry[7] = 1;
        entry[20] = (byte)'k';
        entry[21] = (byte)'e';
        entry[22] = (byte)'y';
        var record = Parse(Attribute(18, Concat(entry, entry)));
        Assert.NotNull(record.Md5Keys);
        Assert.Equal(2, record.Md5Keys.Length);
        Assert.Equal(2, record.Md5Keys[0].Family);
        Assert.Equal(32, record.Md5Keys[0].PrefixLength);
        Assert.Equal("10.0.0.1", record.Md5Keys[0].Address.ToString());
        Assert.Equal("key"u8.ToArray(), record.Md5Keys[0].Key);
    }

    [Fact]
    public void DecodesTlsUlp()
    {
        var tls = Concat(
            Attribute(1, U16(0x0304)), Attribute(2, U16(52)), Attribute(3, U16(1)), Attribute(4, U16(2)), Attribute(5), Attribute(6));
        var record = Parse(Attribute(0x8000 | 19, Concat(Attribute(1, "tls\0"u8.ToArray()), Attribute(0x8000 | 2, tls))));
        Assert.NotNull(record.Ulp);
        Assert.Equal("tls", record.Ulp.Name);
        Assert.Equal(new TlsUlpInfo(0x0304, 52, 2, 1, true, true), record.Ulp.Tls);
        Assert.Null(record.Ulp.MptcpSubflow);
    }

    [Fact]
    public void DecodesMptcpSubflowUlp()
    {
        var subflow = Concat(
            Attribute(1, U32(11)), Attribute(2, U32(12)), Attribute(3, U32(13)), Attribute(4, U64(14)), Attribute(5, U32(15)),
            Attribute(6, U32(16)), Attribute(7, U16(17)), Attribute(8, U32(18)), Attribute(9, 19), Attribute(10, 20), Attribute(11, U64(0)));
        var record = Parse(Attribute(19, Concat(Attribute(1, "mptcp\0"u8.ToArray()), Attribute(3, subflow))));
        Assert.Equal("mptcp", record.Ulp!.Name);
        Assert.Equal(new MptcpSubflowInfo(18, 11, 12, 19, 20, 14, 15, 16, 17, 13), record.Ulp.MptcpSubflow);
    }

    [Fact]
    public void TruncatedHeaderFails()
    {
        var record = new SocketRecord();
        Assert.False(InetDiagParser.TryParse(new byte[71], SocketTable.Tcp, record, out var error));
        Assert.Equal("inet_diag_msg at byte 0 truncated: 71 bytes, need 72", error);
    }

    [Fact]
    public void AttributeLengthOverflowFails()
    {
        var attribute = Attribute(8, 1);
        attribute[0] = 60;
        var record = new SocketRecord();
        Assert.False(InetDiagParser.TryParse(Concat(Header(), attribute), SocketTable.Tcp, record, out var error));
        Assert.Equal("attribute 8 at byte 72 has length 60 but 8 bytes remain", error);
    }

    [Fact]
    public void AttributeTooShortForItsStructFails()
    {
        var record = new SocketRecord();
        Assert.False(InetDiagParser.TryParse(Concat(Header(), Attribute(1, U32(1))), SocketTable.Tcp, record, out var error));
        Assert.Equal("attribute 1 at byte 72 has 4 bytes, need 16", error);
    }

    [Fact]
    public void NestedUlpErrorSurfaces()
    {
        var inner = Attribute(1, "tls\0"u8.ToArray());
        inner[0] = 50;
        var record = new SocketRecord();
        Assert.False(InetDiagParser.TryParse(Concat(Header(), Attribute(19, inner)), SocketTable.Tcp, record, out var error));
        Assert.Equal("INET_DIAG_ULP_INFO: attribute 1 at byte 76 has length 50 but 8 bytes remain", error);
    }
}
