using System.Buffers.Binary;
using System.Text;

namespace SsNotebook.Netlink;

/// <summary>
/// Walks a run of netlink attributes (struct nlattr / rtattr: u16 length, u16 type, payload, padding to 4).
/// <see cref="Type"/> has the nested and byte-order flags masked off. The first malformed attribute stops the walk
/// and its description stays in <see cref="Error"/>; the typed getters also record an error (and return 0) when the
/// payload is too short, so callers read values flatly and check <see cref="Error"/> once.
/// </summary>
public ref struct NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
{
    private ReadOnlySpan<byte> _remaining = attributes;

    public ushort Type { get; private set; }

    /// <summary>True when the attribute carried NLA_F_NESTED.</summary>
    public bool IsNested { get; private set; }

    public ReadOnlySpan<byte> Payload { get; private set; }

    public string? Error { get; private set; }

    public bool TryReadAttribute()
    {
        if (Error is not null || _remaining.Length == 0)
        {
            return false;
        }
        if (_remaining.Length < Nl.AttributeHeaderLength)
        {
            // A few trailing bytes that cannot hold a header are padding, as in the kernel's nla_ok.
            _remaining = default;
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_remaining);
        var rawType = BinaryPrimitives.ReadUInt16LittleEndian(_remaining[2..]);
        if (length < Nl.AttributeHeaderLength || length > _remaining.Length)
        {
            Error = $"attribute {rawType & Nl.AttributeTypeMask} has length {length} but {_remaining.Length} bytes remain";
            _remaining = default;
            return false;
        }
        Type = (ushort)(rawType & Nl.AttributeTypeMask);
        IsNested = (rawType & Nl.AttributeNested) != 0;
        Payload = _remaining[Nl.AttributeHeaderLength..length];
        _remaining = _remaining[Math.Min(Nl.Align(length), _remaining.Length)..];
        return true;
    }

    public byte UInt8() => Require(1) ? Payload[0] : (byte)0;

    public ushort UInt16() => Require(2) ? BinaryPrimitives.ReadUInt16LittleEndian(Payload) : (ushort)0;

    public uint UInt32() => Require(4) ? BinaryPrimitives.ReadUInt32LittleEndian(Payload) : 0;

    public ulong UInt64() => Require(8) ? BinaryPrimitives.ReadUInt64LittleEndian(Payload) : 0;

    /// <summary>The payload as a NUL-terminated string (everything up to the first NUL).</summary>
    public readonly string String()
    {
        var end = Payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Payload : Payload[..end]);
    }

    /// <summary>The payload up to the first NUL, without decoding it.</summary>
    public readonly ReadOnlySpan<byte> StringBytes()
    {
        var end = Payload.IndexOf((byte)0);
        return end < 0 ? Payload : Payload[..end];
    }

    /// <summary>A reader over this attribute's payload, for nested attributes.</summary>
    public readonly NetlinkAttributeReader Nested() => new(Payload);

    /// <summary>Records an error found by the caller (e.g. in a nested reader) so it sticks here.</summary>
    public void SetError(string error)
    {
        Error ??= error;
        _remaining = default;
    }

    private bool Require(int size)
    {
        if (Payload.Length >= size)
        {
            return true;
        }
        SetError($"attribute {Type} has {Payload.Length} bytes, need {size}");
        return false;
    }
}
