using SsNotebook.Netlink;
using static SsNotebook.Core.Tests.Support.NetlinkBytes;

namespace SsNotebook.Core.Tests.Support;

/// <summary>
/// Hand-built replies of TIPC's sock_diag dump, laid out as the kernel's tipc_sk_fill_sock_diag lays them out: a
/// TIPC_NLA_SOCK nest with the reference, the node, the connection or the publication flag, type, state, inode, uid,
/// a pad and the cookie, then the TIPC_NLA_SOCK_STAT nest (whose attribute numbers start at 0).
/// </summary>
public static class TipcReplies
{
    public const ushort NlaSock = 2;

    public sealed record Socket(uint Node, uint Reference, uint Type, uint State, uint Inode, ulong Cookie, uint Uid = 0,
        uint RecvQ = 0, uint SendQ = 0, uint Drops = 0, bool Publications = false, bool LinkCongested = false,
        bool ConnectionCongested = false, (uint Node, uint Reference)? Peer = null, (uint Type, uint Instance)? Name = null);

    /// <summary>The TIPC_NLA_SOCK_STAT nest's payload.</summary>
    public static byte[] Stat(Socket socket) => Concat(
        Attribute(0, U32(socket.RecvQ)),
        Attribute(1, U32(socket.SendQ)),
        Attribute(4, U32(socket.Drops)),
        socket.LinkCongested ? Attribute(2) : [],
        socket.ConnectionCongested ? Attribute(3) : []);

    /// <summary>The TIPC_NLA_SOCK_CON nest's payload (empty when the socket has no peer).</summary>
    public static byte[] Connection(Socket socket) => socket.Peer is not { } peer ? [] : Concat(
        Attribute(2, U32(peer.Node)),
        Attribute(3, U32(peer.Reference)),
        socket.Name is { } name ? Concat(Attribute(1), Attribute(4, U32(name.Type)), Attribute(5, U32(name.Instance))) : []);

    /// <summary>The TIPC_NLA_SOCK nest's payload.</summary>
    public static byte[] SockAttributes(Socket socket) => Concat(
        Attribute(2, U32(socket.Reference)),
        Attribute(1, U32(socket.Node)),
        socket.Peer is not null ? Attribute(3, Connection(socket)) : socket.Publications ? Attribute(4) : [],
        Attribute(6, U32(socket.Type)),
        Attribute(9, U32(socket.State)),
        Attribute(7, U32(socket.Inode)),
        Attribute(8, U32(socket.Uid)),
        Attribute(11),
        Attribute(10, U64(socket.Cookie)),
        Attribute(5, Stat(socket)));

    /// <summary>One reply's payload: the TIPC_NLA_SOCK nest.</summary>
    public static byte[] Payload(Socket socket) => Attribute(NlaSock, SockAttributes(socket));

    /// <summary>One SOCK_DIAG_BY_FAMILY message of the dump (NLM_F_MULTI, ss's sequence number, port 0).</summary>
    public static byte[] Message(byte[] payload) => NetlinkBytes.Message(20, Nl.FlagMulti, NetlinkDump.MagicSequence, 0, payload);

    /// <summary>NLMSG_DONE with status 0.</summary>
    public static byte[] Done() => NetlinkBytes.Message(Nl.MsgDone, Nl.FlagMulti, NetlinkDump.MagicSequence, 0, U32(0));

    /// <summary>One datagram: a message per payload, then DONE.</summary>
    public static byte[] Datagram(params byte[][] payloads) => Concat([.. payloads.Select(Message), Done()]);
}
