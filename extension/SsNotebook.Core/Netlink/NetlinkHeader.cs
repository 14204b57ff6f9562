namespace SsNotebook.Netlink;

/// <summary>Constants of <c>struct nlmsghdr</c> and the generic message types.</summary>
internal static class Nl
{
    public const int HeaderLength = 16;
    public const int AttributeHeaderLength = 4;

    public const ushort MsgNoop = 1;
    public const ushort MsgError = 2;
    public const ushort MsgDone = 3;
    public const ushort MsgOverrun = 4;

    public const ushort FlagRequest = 0x1;
    public const ushort FlagMulti = 0x2;
    public const ushort FlagAck = 0x4;
    public const ushort FlagDumpIntr = 0x10;
    public const ushort FlagRoot = 0x100;
    public const ushort FlagMatch = 0x200;

    /// <summary>nla_type bits that are flags, not part of the type.</summary>
    public const ushort AttributeNested = 0x8000;
    public const ushort AttributeNetByteOrder = 0x4000;
    public const ushort AttributeTypeMask = 0x3fff;

    public static int Align(int length) => (length + 3) & ~3;

    public static void WriteHeader(Span<byte> destination, int length, ushort type, ushort flags, uint sequence, uint portId)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], portId);
    }
}

/// <summary>One netlink message: its header fields and its payload (the bytes after the 16-byte header).</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, ushort flags, uint sequence, uint portId, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> whole)
    {
        Type = type;
        Flags = flags;
        Sequence = sequence;
        PortId = portId;
        Payload = payload;
        Bytes = whole;
    }

    public ushort Type { get; }
    public ushort Flags { get; }
    public uint Sequence { get; }
    public uint PortId { get; }
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The whole message, header included (nlmsg_len bytes).</summary>
    public ReadOnlySpan<byte> Bytes { get; }
}
