namespace SsNotebook.Netlink;

/// <summary>Decodes a nested attribute run with the reader <see cref="NetlinkAttributeReader.Nested{T}"/> hands it.</summary>
internal delegate T NestedAttributeDecoder<T>(ref NetlinkAttributeReader reader);

/// <summary>
/// Decodes a netlink payload: an optional fixed header (<see cref="TryReadHeader{T}"/>), then a run of attributes
/// (struct nlattr / rtattr: u16 length, u16 type, payload, padding to 4). <see cref="Type"/> has the nested and
/// byte-order flags masked off. Every read checks its length first: the first malformed attribute, short payload or
/// failing nested run stops the walk and its description, with the byte offset in the payload, stays in
/// <see cref="Error"/>; the typed reads then return zero, so callers read values flatly and check
/// <see cref="Error"/> once (as mdlayher/netlink's AttributeDecoder does).
/// </summary>
internal ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Where <see cref="_remaining"/> starts, counted from the start of the outermost payload.</summary>
    private int _offset;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes) : this(attributes, 0)
    {
    }

    private NetlinkAttributeReader(ReadOnlySpan<byte> attributes, int offset)
    {
        _remaining = attributes;
        _offset = offset;
    }

    public ushort Type { get; private set; }

    /// <summary>True when the attribute carried NLA_F_NESTED.</summary>
    public bool IsNested { get; private set; }

    /// <summary>True when the attribute carried NLA_F_NET_BYTEORDER.</summary>
    public bool IsNetByteOrder { get; private set; }

    public ReadOnlySpan<byte> Payload { get; private set; }

    /// <summary>The byte offset of the current attribute's header in the outermost payload.</summary>
    public int Offset { get; private set; }

    public string? Error { get; private set; }

    /// <summary>
    /// Reads the fixed structure <typeparamref name="T"/> (a sock_diag message header, say) at the current position
    /// and moves past it and its padding. False, with <see cref="Error"/> naming <paramref name="name"/>, when fewer
    /// bytes remain than the structure needs.
    /// </summary>
    public bool TryReadHeader<T>(string name, out T header) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (Error is not null || _remaining.Length < size)
        {
            header = default;
            SetError($"{name} at byte {_offset} truncated: {_remaining.Length} bytes, need {size}");
            return false;
        }
        header = MemoryMarshal.Read<T>(_remaining);
        Skip(Math.Min(Nl.Align(size), _remaining.Length));
        return true;
    }

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
            SetError($"attribute {rawType & Nl.AttributeTypeMask} at byte {_offset} has length {length} but {_remaining.Length} bytes remain");
            return false;
        }
        Type = (ushort)(rawType & Nl.AttributeTypeMask);
        IsNested = (rawType & Nl.AttributeNested) != 0;
        IsNetByteOrder = (rawType & Nl.AttributeNetByteOrder) != 0;
        Offset = _offset;
        Payload = _remaining[Nl.AttributeHeaderLength..length];
        Skip(Math.Min(Nl.Align(length), _remaining.Length));
        return true;
    }

    public byte UInt8() => Read<byte>();

    public ushort UInt16() => Read<ushort>();

    public uint UInt32() => Read<uint>();

    public ulong UInt64() => Read<ulong>();

    /// <summary>
    /// The payload as the layout structure <typeparamref name="T"/> (host byte order, as netlink sends it); a payload
    /// shorter than the structure is an error and reads as zero. Longer payloads (newer kernels) are cut.
    /// </summary>
    public T Read<T>() where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (Payload.Length >= size)
        {
            return MemoryMarshal.Read<T>(Payload);
        }
        SetError($"attribute {Type} at byte {Offset} has {Payload.Length} bytes, need {size}");
        return default;
    }

    /// <summary>
    /// The payload as <typeparamref name="T"/> whatever its length: a shorter payload (an older kernel) leaves the
    /// rest zero, a longer one is cut. <paramref name="length"/> is how many bytes were read.
    /// </summary>
    public readonly T ReadZeroFilled<T>(out int length) where T : unmanaged
    {
        var value = default(T);
        length = Math.Min(Payload.Length, Unsafe.SizeOf<T>());
        Payload[..length].CopyTo(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1)));
        return value;
    }

    /// <summary>The payload as an array of <typeparamref name="T"/>; a payload that is not a whole number of them is an error.</summary>
    public T[]? ReadArray<T>(string name) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (Payload.Length % size != 0)
        {
            SetError($"{name} at byte {Offset} has {Payload.Length} bytes, not a multiple of {size}");
            return null;
        }
        return MemoryMarshal.Cast<byte, T>(Payload).ToArray();
    }

    /// <summary>The payload as a NUL-terminated string (everything up to the first NUL).</summary>
    public readonly string String() => Encoding.UTF8.GetString(StringBytes());

    /// <summary>The payload up to the first NUL, without decoding it.</summary>
    public readonly ReadOnlySpan<byte> StringBytes()
    {
        var end = Payload.IndexOf((byte)0);
        return end < 0 ? Payload : Payload[..end];
    }

    /// <summary>A reader over this attribute's payload, for nested attributes; its errors carry offsets in the outer payload.</summary>
    public readonly NetlinkAttributeReader Nested() => new(Payload, Offset + Nl.AttributeHeaderLength);

    /// <summary>
    /// Decodes this attribute's payload as a nested run with <paramref name="decode"/>. An error of the nested run
    /// sticks here too, prefixed with <paramref name="name"/>, and the result is then the default.
    /// </summary>
    public T? Nested<T>(string name, NestedAttributeDecoder<T> decode)
    {
        var nested = Nested();
        var value = decode(ref nested);
        if (nested.Error is { } error)
        {
            SetError($"{name}: {error}");
            return default;
        }
        return value;
    }

    /// <summary>Records an error found by the caller so it sticks here and stops the walk.</summary>
    public void SetError(string error)
    {
        Error ??= error;
        _remaining = default;
    }

    private void Skip(int bytes)
    {
        _remaining = _remaining[bytes..];
        _offset += bytes;
    }
}
