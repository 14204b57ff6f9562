namespace SsNotebook.Filter;

/// <summary>
/// Builds INET_DIAG_REQ_BYTECODE programs (include/uapi/linux/inet_diag.h). Each op is
/// <c>{u8 code, u8 yes, u16 no}</c>: the kernel jumps <c>yes</c> bytes when the test holds and <c>no</c> bytes when
/// it fails, and accepts the socket only when execution ends exactly at the program's end. A fragment therefore
/// rejects by jumping to its own length + 4; combining fragments relocates those jumps.
/// </summary>
internal static class InetBytecode
{
    public const byte Nop = 0;
    public const byte Jump = 1;
    public const byte SourceGreaterOrEqual = 2;
    public const byte SourceLessOrEqual = 3;
    public const byte DestinationGreaterOrEqual = 4;
    public const byte DestinationLessOrEqual = 5;
    public const byte AutoBound = 6;
    public const byte SourceCondition = 7;
    public const byte DestinationCondition = 8;
    public const byte DeviceCondition = 9;
    public const byte MarkCondition = 10;
    public const byte CgroupCondition = 13;

    /// <summary>The size of <c>struct inet_diag_hostcond</c> before its address: family, prefix_len, padding, int port.</summary>
    public const int HostConditionHeaderLength = 8;

    /// <summary>
    /// The longest program sent: netlink refuses a message longer than the send buffer less 32 bytes (64 KiB for
    /// the 32 KiB SO_SNDBUF that ss and we ask for), and the request's header, body (60 bytes for the compat
    /// TCPDIAG request) and attribute header come first. A longer program is not sent at all: user space filters
    /// alone, with the same result.
    /// </summary>
    public const int MaxLength = (2 * 32768) - 32 - 16 - 60 - 4;

    public static void WriteOp(Span<byte> destination, byte code, int yes, int no)
    {
        destination[0] = code;
        destination[1] = checked((byte)yes);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], checked((ushort)no));
    }

    /// <summary>A fragment that accepts every socket.</summary>
    public static byte[] AlwaysTrue()
    {
        var program = new byte[4];
        WriteOp(program, Nop, 4, 8);
        return program;
    }

    /// <summary>A fragment that rejects every socket (a jump past its end).</summary>
    public static byte[] AlwaysFalse()
    {
        var program = new byte[4];
        WriteOp(program, Jump, 4, 8);
        return program;
    }

    /// <summary>A port comparison: the op, then a second word whose <c>no</c> field carries the port.</summary>
    public static byte[] PortComparison(byte code, ushort port)
    {
        var program = new byte[8];
        WriteOp(program, code, 8, 12);
        WriteOp(program.AsSpan(4), 0, 0, port);
        return program;
    }

    /// <summary>A one-op condition followed by a payload (device index, mark/mask, cgroup id).</summary>
    public static byte[] Condition(byte code, ReadOnlySpan<byte> payload)
    {
        var length = 4 + payload.Length;
        var program = new byte[length];
        WriteOp(program, code, length, length + 4);
        payload.CopyTo(program.AsSpan(4));
        return program;
    }

    /// <summary>A condition whose payload is one 64-bit value (a cgroup id), little-endian as the kernel reads it here.</summary>
    public static byte[] Condition(byte code, ulong value)
    {
        Span<byte> payload = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(payload, value);
        return Condition(code, payload);
    }

    /// <summary>A condition whose payload is 32-bit values (a device index; a mark and its mask), little-endian.</summary>
    public static byte[] Condition(byte code, uint value, uint? second = null)
    {
        Span<byte> payload = stackalloc byte[second is null ? 4 : 8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(payload, value);
        if (second is { } next)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(payload[4..], next);
        }
        return Condition(code, payload);
    }

    /// <summary>Both fragments must accept: the first one's reject jumps are stretched over the second.</summary>
    public static byte[] And(byte[] first, byte[] second)
    {
        var program = new byte[first.Length + second.Length];
        first.CopyTo(program, 0);
        second.CopyTo(program, first.Length);
        RelocateRejects(program.AsSpan(0, first.Length), second.Length);
        return program;
    }

    /// <summary>Either fragment accepts: after the first accepts, jump over the second.</summary>
    public static byte[] Or(byte[] first, byte[] second)
    {
        var program = new byte[first.Length + 4 + second.Length];
        first.CopyTo(program, 0);
        WriteOp(program.AsSpan(first.Length), Jump, 4, second.Length + 4);
        second.CopyTo(program, first.Length + 4);
        return program;
    }

    /// <summary>Inverts a fragment: accepting falls into a jump past the end, rejecting lands exactly at the end.</summary>
    public static byte[] Not(byte[] inner)
    {
        var program = new byte[inner.Length + 4];
        inner.CopyTo(program, 0);
        WriteOp(program.AsSpan(inner.Length), Jump, 4, 8);
        return program;
    }

    /// <summary>Walks the ops of a fragment and moves every "reject" jump (to remaining length + 4) by <paramref name="distance"/>.</summary>
    private static void RelocateRejects(Span<byte> fragment, int distance)
    {
        var position = 0;
        while (position < fragment.Length)
        {
            var remaining = fragment.Length - position;
            var op = fragment[position..];
            var no = BinaryPrimitives.ReadUInt16LittleEndian(op[2..]);
            if (no == remaining + 4)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(op[2..], checked((ushort)(no + distance)));
            }
            position += op[1];
        }
    }
}
