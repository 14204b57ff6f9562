namespace SsNotebook.Diag;

/// <summary>
/// Decodes one reply of TIPC's sock_diag dump into a <see cref="SocketRecord"/>. Unlike the other families the
/// reply has no fixed header: its payload is attributes in TIPC's generic-netlink vocabulary (linux/tipc_netlink.h),
/// a TIPC_NLA_SOCK nest holding the socket's attributes, with TIPC_NLA_SOCK_STAT and, for a connected socket,
/// TIPC_NLA_SOCK_CON nested inside it. A reply without TIPC_NLA_SOCK is no socket (ss skips it); an attribute ss
/// reads unconditionally but the reply lacks is an error (ss would read through a null pointer).
/// </summary>
internal static class TipcDiagParser
{
    private const ushort NlaSock = 2;

    private const ushort SockAddr = 1;
    private const ushort SockRef = 2;
    private const ushort SockCon = 3;
    private const ushort SockHasPubl = 4;
    private const ushort SockStat = 5;
    private const ushort SockType = 6;
    private const ushort SockIno = 7;
    private const ushort SockUid = 8;
    private const ushort SockTipcState = 9;
    private const ushort SockCookie = 10;

    private const ushort ConFlag = 1;
    private const ushort ConNode = 2;
    private const ushort ConSock = 3;
    private const ushort ConType = 4;
    private const ushort ConInst = 5;

    // TIPC_NLA_SOCK_STAT_* alone start at 0: that enum has no UNSPEC.
    private const ushort StatRcvq = 0;
    private const ushort StatSendq = 1;
    private const ushort StatLinkCong = 2;
    private const ushort StatConnCong = 3;
    private const ushort StatDrop = 4;

    /// <summary>The socket attributes every reply must carry, as bits by attribute type.</summary>
    private const uint RequiredSock = (1u << SockAddr) | (1u << SockRef) | (1u << SockStat) | (1u << SockType) | (1u << SockIno)
        | (1u << SockUid) | (1u << SockTipcState) | (1u << SockCookie);

    private const uint RequiredStat = (1u << StatRcvq) | (1u << StatSendq) | (1u << StatDrop);

    private const uint RequiredCon = (1u << ConNode) | (1u << ConSock);

    private const uint RequiredConName = (1u << ConType) | (1u << ConInst);

    /// <summary>
    /// Decodes <paramref name="payload"/> into <paramref name="into"/>; false, with <paramref name="error"/>, for a
    /// malformed reply. <paramref name="isSocket"/> is false (and <paramref name="into"/> untouched) for a reply
    /// without TIPC_NLA_SOCK.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out bool isSocket, out string? error)
    {
        var reader = new NetlinkAttributeReader(payload);
        var socket = default(SockValues);
        isSocket = false;
        while (reader.TryReadAttribute())
        {
            if (reader.Type == NlaSock && !isSocket && IsPlain(in reader))
            {
                socket = reader.Nested("TIPC_NLA_SOCK", static (ref NetlinkAttributeReader nested) => ReadSock(ref nested));
                isSocket = true;
            }
        }
        error = reader.Error;
        if (error is not null)
        {
            isSocket = false;
            return false;
        }
        if (isSocket)
        {
            socket.CopyTo(into);
        }
        return true;
    }

    /// <summary>
    /// Whether ss would see this attribute: its parse_rtattr keeps the first attribute of each type and compares
    /// types with the flag bits left on, so a repeated attribute, or one marked NLA_F_NESTED or
    /// NLA_F_NET_BYTEORDER (TIPC sets neither), is ignored.
    /// </summary>
    private static bool IsPlain(in NetlinkAttributeReader reader) => !reader.IsNested && !reader.IsNetByteOrder;

    /// <summary>True (and the type marked in <paramref name="seen"/>) for the first plain attribute of its type.</summary>
    private static bool IsFirst(in NetlinkAttributeReader reader, ref uint seen)
    {
        var bit = 1u << reader.Type;
        if (!IsPlain(in reader) || reader.Type >= 32 || (seen & bit) != 0)
        {
            return false;
        }
        seen |= bit;
        return true;
    }

    private static SockValues ReadSock(ref NetlinkAttributeReader reader)
    {
        var values = default(SockValues);
        var seen = 0u;
        while (reader.TryReadAttribute())
        {
            if (!IsFirst(in reader, ref seen))
            {
                continue;
            }
            switch (reader.Type)
            {
                case SockAddr:
                    values.Node = reader.UInt32();
                    break;
                case SockRef:
                    values.Reference = reader.UInt32();
                    break;
                case SockCon:
                    values.Connection = reader.Nested("TIPC_NLA_SOCK_CON", static (ref NetlinkAttributeReader nested) => ReadConnection(ref nested));
                    break;
                case SockHasPubl:
                    values.HasPublications = true;
                    break;
                case SockStat:
                    values.Stat = reader.Nested("TIPC_NLA_SOCK_STAT", static (ref NetlinkAttributeReader nested) => ReadStat(ref nested));
                    break;
                case SockType:
                    values.Type = reader.UInt32();
                    break;
                case SockIno:
                    values.Inode = reader.UInt32();
                    break;
                case SockUid:
                    values.Uid = reader.UInt32();
                    break;
                case SockTipcState:
                    values.State = reader.UInt32();
                    break;
                case SockCookie:
                    values.Cookie = reader.UInt64();
                    break;
            }
        }
        RequireAll(ref reader, seen, RequiredSock, SockNames);
        return values;
    }

    private static TipcConnection? ReadConnection(ref NetlinkAttributeReader reader)
    {
        uint node = 0, reference = 0, nameType = 0, nameInstance = 0;
        var seen = 0u;
        while (reader.TryReadAttribute())
        {
            if (!IsFirst(in reader, ref seen))
            {
                continue;
            }
            switch (reader.Type)
            {
                case ConFlag:
                    break;
                case ConNode:
                    node = reader.UInt32();
                    break;
                case ConSock:
                    reference = reader.UInt32();
                    break;
                case ConType:
                    nameType = reader.UInt32();
                    break;
                case ConInst:
                    nameInstance = reader.UInt32();
                    break;
            }
        }
        var hasName = (seen & (1u << ConFlag)) != 0;
        RequireAll(ref reader, seen, hasName ? RequiredCon | RequiredConName : RequiredCon, ConNames);
        return new TipcConnection(node, reference, hasName, nameType, nameInstance);
    }

    private static StatValues ReadStat(ref NetlinkAttributeReader reader)
    {
        var values = default(StatValues);
        var seen = 0u;
        while (reader.TryReadAttribute())
        {
            if (!IsFirst(in reader, ref seen))
            {
                continue;
            }
            switch (reader.Type)
            {
                case StatRcvq:
                    values.ReceiveQueue = reader.UInt32();
                    break;
                case StatSendq:
                    values.SendQueue = reader.UInt32();
                    break;
                case StatLinkCong:
                    values.LinkCongested = true;
                    break;
                case StatConnCong:
                    values.ConnectionCongested = true;
                    break;
                case StatDrop:
                    values.Drops = reader.UInt32();
                    break;
            }
        }
        RequireAll(ref reader, seen, RequiredStat, StatNames);
        return values;
    }

    /// <summary>Names the first attribute of <paramref name="required"/> missing from <paramref name="seen"/>.</summary>
    private static void RequireAll(ref NetlinkAttributeReader reader, uint seen, uint required, string[] names)
    {
        var missing = required & ~seen;
        if (reader.Error is null && missing != 0)
        {
            reader.SetError($"no {names[System.Numerics.BitOperations.TrailingZeroCount(missing)]}");
        }
    }

    private static readonly string[] SockNames =
    [
        "", "TIPC_NLA_SOCK_ADDR", "TIPC_NLA_SOCK_REF", "TIPC_NLA_SOCK_CON", "TIPC_NLA_SOCK_HAS_PUBL", "TIPC_NLA_SOCK_STAT",
        "TIPC_NLA_SOCK_TYPE", "TIPC_NLA_SOCK_INO", "TIPC_NLA_SOCK_UID", "TIPC_NLA_SOCK_TIPC_STATE", "TIPC_NLA_SOCK_COOKIE",
    ];

    private static readonly string[] ConNames =
        ["", "TIPC_NLA_CON_FLAG", "TIPC_NLA_CON_NODE", "TIPC_NLA_CON_SOCK", "TIPC_NLA_CON_TYPE", "TIPC_NLA_CON_INST"];

    private static readonly string[] StatNames =
    [
        "TIPC_NLA_SOCK_STAT_RCVQ", "TIPC_NLA_SOCK_STAT_SENDQ", "TIPC_NLA_SOCK_STAT_LINK_CONG", "TIPC_NLA_SOCK_STAT_CONN_CONG",
        "TIPC_NLA_SOCK_STAT_DROP",
    ];

    /// <summary>TIPC_NLA_SOCK_STAT.</summary>
    private struct StatValues
    {
        public uint ReceiveQueue;
        public uint SendQueue;
        public uint Drops;
        public bool LinkCongested;
        public bool ConnectionCongested;
    }

    /// <summary>TIPC_NLA_SOCK, decoded whole before anything reaches the record.</summary>
    private struct SockValues
    {
        public uint Node;
        public uint Reference;
        public TipcConnection? Connection;
        public bool HasPublications;
        public StatValues Stat;
        public uint Type;
        public uint Inode;
        public uint Uid;
        public uint State;
        public ulong Cookie;

        public readonly void CopyTo(SocketRecord into)
        {
            into.Family = AddressFamilies.Tipc;
            into.Table = SocketTable.Tipc;
            // The kernel sends sk_state, a TCP_* number; one beyond a byte is shown as UNDEF, like any unknown state.
            into.State = (SocketState)Math.Min(State, byte.MaxValue);
            into.Inode = Inode;
            into.Uid = Uid;
            into.Cookie = Cookie;
            into.RecvQ = Stat.ReceiveQueue;
            into.SendQ = Stat.SendQueue;
            into.Local = new TipcSocketDetails
            {
                Type = Type,
                Node = Node,
                Reference = Reference,
                Connection = Connection,
                HasPublications = HasPublications,
                Drops = Stat.Drops,
                LinkCongested = Stat.LinkCongested,
                ConnectionCongested = Stat.ConnectionCongested,
            };
        }
    }
}
