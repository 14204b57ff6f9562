using System.Buffers.Binary;

namespace SsNotebook.Core.Tests.Support;

/// <summary>Builds netlink messages and attributes byte by byte for hand-made kernel replies.</summary>
public static class NetlinkBytes
{
    public static byte[] Message(ushort type, ushort flags, uint sequence, uint portId, params byte[][] payloadParts)
    {
        var payload = Concat(payloadParts);
        var length = 16 + payload.Length;
        var bytes = new byte[(length + 3) & ~3];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), portId);
        payload.CopyTo(bytes, 16);
        return bytes;
    }

    public static byte[] Attribute(ushort type, params byte[] payload)
    {
        var length = 4 + payload.Length;
        var bytes = new byte[(length + 3) & ~3];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), type);
        payload.CopyTo(bytes, 4);
        return bytes;
    }

    public static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] I32(int value) => U32(unchecked((uint)value));

    public static byte[] Concat(params byte[][] parts)
    {
        var total = 0;
        foreach (var part in parts)
        {
            total += part.Length;
        }
        var bytes = new byte[total];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(bytes, offset);
            offset += part.Length;
        }
        return bytes;
    }

    /// <summary>An inet_diag_msg (72 bytes) with the given fields; addresses are network-order bytes.</summary>
    public static byte[] InetDiagMsg(byte family, byte state, ushort sport, ushort dport, byte[] src, byte[] dst,
        uint ifindex = 0, ulong cookie = 0, byte timer = 0, byte retrans = 0, uint expires = 0, uint rqueue = 0,
        uint wqueue = 0, uint uid = 0, uint inode = 0)
    {
        var bytes = new byte[72];
        bytes[0] = family;
        bytes[1] = state;
        bytes[2] = timer;
        bytes[3] = retrans;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), sport);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), dport);
        src.CopyTo(bytes, 8);
        dst.CopyTo(bytes, 24);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), ifindex);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(44), (uint)cookie);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(48), (uint)(cookie >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(52), expires);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(56), rqueue);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(60), wqueue);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(64), uid);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(68), inode);
        return bytes;
    }
}
