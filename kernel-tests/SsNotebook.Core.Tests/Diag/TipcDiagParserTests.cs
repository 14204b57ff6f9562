using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;
using static SsNotebook.Core.Tests.Support.NetlinkBytes;

namespace SsNotebook.Core.Tests.Diag;

public class TipcDiagParserTests
{
    private static readonly TipcReplies.Socket Connected = new(16777217, 4065531200, Type: 1, State: 1, Inode: 41003,
        Cookie: 0x2a, Uid: 1000, RecvQ: 1536, SendQ: 212, Drops: 7, ConnectionCongested: true,
        Peer: (16777218, 1745093113), Name: (18888, 17));

    private static readonly TipcReplies.Socket Listening = new(16777217, 2150912, Type: 1, State: 10, Inode: 41002,
        Cookie: 0xffff888012345678, Publications: true);

    private static (bool Parsed, bool IsSocket, string? Error, SocketRecord Record) Parse(byte[] payload)
    {
        var record = new SocketRecord();
        var parsed = TipcDiagParser.TryParse(payload, record, out var isSocket, out var error);
        return (parsed, isSocket, error, record);
    }

    [Fact]
    public void ConnectedSocketWithItsServiceName()
    {
        var (parsed, isSocket, error, record) = Parse(TipcReplies.Payload(Connected));

        Assert.True(parsed, error);
        Assert.True(isSocket);
        Assert.Equal(SocketTable.Tipc, record.Table);
        Assert.Equal(AddressFamilies.Tipc, record.Family);
        Assert.Equal(SocketState.Established, record.State);
        Assert.Equal(41003u, record.Inode);
        Assert.Equal(1000u, record.Uid);
        Assert.Equal(0x2aUL, record.Cookie);
        Assert.Equal(1536u, record.RecvQ);
        Assert.Equal(212u, record.SendQ);
        var tipc = Assert.IsType<TipcSocketDetails>(record.Local);
        Assert.Equal(1u, tipc.Type);
        Assert.Equal(16777217u, tipc.Node);
        Assert.Equal(4065531200u, tipc.Reference);
        Assert.Equal(new TipcConnection(16777218, 1745093113, HasName: true, 18888, 17), tipc.Connection);
        Assert.False(tipc.HasPublications);
        Assert.Equal(7u, tipc.Drops);
        Assert.False(tipc.LinkCongested);
        Assert.True(tipc.ConnectionCongested);
    }

    [Fact]
    public void ListeningSocketWithPublications()
    {
        var (parsed, isSocket, error, record) = Parse(TipcReplies.Payload(Listening));

        Assert.True(parsed, error);
        Assert.True(isSocket);
        Assert.Equal(SocketState.Listen, record.State);
        Assert.Equal(0xffff888012345678UL, record.Cookie);
        var tipc = Assert.IsType<TipcSocketDetails>(record.Local);
        Assert.Null(tipc.Connection);
        Assert.True(tipc.HasPublications);
        Assert.Equal(0u, tipc.Drops);
    }

    [Fact]
    public void ConnectionWithoutServiceName()
    {
        var socket = Connected with { Name = null, ConnectionCongested = false, LinkCongested = true };
        var tipc = Assert.IsType<TipcSocketDetails>(Parse(TipcReplies.Payload(socket)).Record.Local);

        Assert.Equal(new TipcConnection(16777218, 1745093113, HasName: false, 0, 0), tipc.Connection);
        Assert.True(tipc.LinkCongested);
        Assert.False(tipc.ConnectionCongested);
    }

    [Fact]
    public void ReplyWithoutSockNestIsNoSocket()
    {
        var (parsed, isSocket, error, record) = Parse(Attribute(1, U32(5)));

        Assert.True(parsed, error);
        Assert.False(isSocket);
        Assert.Null(record.Local);
        Assert.Equal(default, record.Table);
    }

    [Fact]
    public void FirstOfRepeatedAttributesWinsAsInSs()
    {
        var other = Listening with { Inode = 99, Reference = 5 };
        var payload = Concat(
            Attribute(TipcReplies.NlaSock, Concat(Attribute(7, U32(41099)), TipcReplies.SockAttributes(Listening))),
            TipcReplies.Payload(other));

        var (parsed, _, error, record) = Parse(payload);

        Assert.True(parsed, error);
        Assert.Equal(41099u, record.Inode);
        Assert.Equal(2150912u, ((TipcSocketDetails)record.Local!).Reference);
    }

    [Theory]
    [InlineData(0x8000)]
    [InlineData(0x4000)]
    public void FlaggedSockAttributeIsNotSeenAsInSs(int flag)
    {
        // ss compares attribute types with NLA_F_NESTED and NLA_F_NET_BYTEORDER left on; TIPC never sets them.
        var (parsed, isSocket, error, _) = Parse(Attribute((ushort)(TipcReplies.NlaSock | flag), TipcReplies.SockAttributes(Listening)));

        Assert.True(parsed, error);
        Assert.False(isSocket);
    }

    [Fact]
    public void FlaggedInnerAttributeIsNotSeenSoTheSocketLacksIt()
    {
        var attributes = Replace(TipcReplies.SockAttributes(Listening), 7, Attribute(7 | 0x4000, U32(41002)));

        Assert.Equal("TIPC_NLA_SOCK: no TIPC_NLA_SOCK_INO", Parse(Attribute(TipcReplies.NlaSock, attributes)).Error);
    }

    public static TheoryData<string, byte[]> MalformedReplies => new()
    {
        { "attribute 2 at byte 0 has length 100 but 50 bytes remain", TipcReplies.Payload(Listening)[..50] },
        { "TIPC_NLA_SOCK: no TIPC_NLA_SOCK_INO", Attribute(TipcReplies.NlaSock, Without(TipcReplies.SockAttributes(Listening), 7)) },
        { "TIPC_NLA_SOCK: no TIPC_NLA_SOCK_STAT", Attribute(TipcReplies.NlaSock, Without(TipcReplies.SockAttributes(Listening), 5)) },
        { "TIPC_NLA_SOCK: no TIPC_NLA_SOCK_ADDR", Attribute(TipcReplies.NlaSock, Without(TipcReplies.SockAttributes(Listening), 1)) },
        {
            "TIPC_NLA_SOCK: attribute 7 at byte 40 has 2 bytes, need 4",
            Attribute(TipcReplies.NlaSock, Replace(TipcReplies.SockAttributes(Listening), 7, Attribute(7, 1, 2)))
        },
        {
            "TIPC_NLA_SOCK: attribute 10 at byte 60 has 4 bytes, need 8",
            Attribute(TipcReplies.NlaSock, Replace(TipcReplies.SockAttributes(Listening), 10, Attribute(10, U32(1))))
        },
        {
            "TIPC_NLA_SOCK: TIPC_NLA_SOCK_STAT: no TIPC_NLA_SOCK_STAT_DROP",
            Attribute(TipcReplies.NlaSock, Replace(TipcReplies.SockAttributes(Listening), 5, Attribute(5, Without(TipcReplies.Stat(Listening), 4))))
        },
        {
            "TIPC_NLA_SOCK: TIPC_NLA_SOCK_CON: no TIPC_NLA_CON_SOCK",
            Attribute(TipcReplies.NlaSock, Replace(TipcReplies.SockAttributes(Connected), 3, Attribute(3, Without(TipcReplies.Connection(Connected), 3))))
        },
        {
            "TIPC_NLA_SOCK: TIPC_NLA_SOCK_CON: no TIPC_NLA_CON_INST",
            Attribute(TipcReplies.NlaSock, Replace(TipcReplies.SockAttributes(Connected), 3, Attribute(3, Without(TipcReplies.Connection(Connected), 5))))
        },
        {
            "TIPC_NLA_SOCK: TIPC_NLA_SOCK_CON: attribute 2 at byte 24 has length 200 but 36 bytes remain",
            Attribute(TipcReplies.NlaSock, Replace(TipcReplies.SockAttributes(Connected), 3, Attribute(3, [200, 0, 2, 0, .. new byte[32]])))
        },
    };

    [Theory]
    [MemberData(nameof(MalformedReplies))]
    public void MalformedReplyIsAnErrorWithWhereAndWhat(string expected, byte[] payload)
    {
        var (parsed, isSocket, error, _) = Parse(payload);

        Assert.False(parsed);
        Assert.False(isSocket);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void MalformedReplyStopsTheDumpWithSsStyleMessage()
    {
        var sockets = new List<SocketRecord>();
        var handler = new LocalDumpHandler(sockets, "tipc", TipcParser, filter: null);
        var datagram = TipcReplies.Datagram(TipcReplies.Payload(Listening),
            Attribute(TipcReplies.NlaSock, Without(TipcReplies.SockAttributes(Connected), 9)));
        var interrupted = false;

        var error = Assert.Throws<SsException>(() =>
            NetlinkDump.Process(datagram, 0, 0, NetlinkDump.MagicSequence, handler, ref interrupted));

        Assert.Equal("Malformed tipc sock_diag reply: TIPC_NLA_SOCK: no TIPC_NLA_SOCK_TIPC_STATE", error.Message);
        Assert.Equal(1, error.ExitCode);
        Assert.Single(sockets);
    }

    [Fact]
    public void RequestIsSsTipcSockDiagReq()
    {
        var request = LocalDiagRequest.Tipc(new StateSet((1u << 1) | (1u << 10) | (1u << 7)));

        Assert.Equal(Concat(
            U32(24), U16(20), U16(0x301), U32(123456), U32(0),
            [30, 0, 0, 0], U32(0x482)), request);
    }

    internal static bool TipcParser(ReadOnlySpan<byte> payload, SocketRecord into, out bool keep, out string? error) =>
        TipcDiagParser.TryParse(payload, into, out keep, out error);

    /// <summary>The attributes of <paramref name="attributes"/> without those of <paramref name="type"/>.</summary>
    private static byte[] Without(byte[] attributes, ushort type) => Replace(attributes, type, []);

    /// <summary>The attributes of <paramref name="attributes"/> with those of <paramref name="type"/> replaced.</summary>
    private static byte[] Replace(byte[] attributes, ushort type, byte[] replacement)
    {
        var parts = new List<byte[]>();
        for (var offset = 0; offset < attributes.Length;)
        {
            var length = BitConverter.ToUInt16(attributes, offset);
            var aligned = (length + 3) & ~3;
            parts.Add(BitConverter.ToUInt16(attributes, offset + 2) == type ? replacement : attributes[offset..(offset + aligned)]);
            offset += aligned;
        }
        return Concat([.. parts]);
    }
}
