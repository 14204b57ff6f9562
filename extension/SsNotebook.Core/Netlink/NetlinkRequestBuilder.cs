namespace SsNotebook.Netlink;

/// <summary>
/// Builds one netlink request: header, fixed body, then attributes, each padded to 4 bytes. The header's length
/// is filled in by <see cref="ToArray"/>.
/// </summary>
internal sealed class NetlinkRequestBuilder
{
    private byte[] _buffer;
    private int _length;

    public NetlinkRequestBuilder(ushort type, ushort flags, uint sequence, int capacity = 256)
    {
        _buffer = new byte[Math.Max(capacity, Nl.HeaderLength)];
        Nl.WriteHeader(_buffer, 0, type, flags, sequence, 0);
        _length = Nl.HeaderLength;
    }

    public int Length => _length;

    /// <summary>Appends the fixed request body (e.g. inet_diag_req_v2), padded to 4 bytes.</summary>
    public Span<byte> AppendBody(int size)
    {
        var span = Grow(Nl.Align(size));
        return span[..size];
    }

    public void AppendAttribute(ushort type, ReadOnlySpan<byte> payload)
    {
        var total = Nl.AttributeHeaderLength + payload.Length;
        if (total > ushort.MaxValue)
        {
            throw new ArgumentException($"attribute {type} of {payload.Length} bytes does not fit in a netlink attribute", nameof(payload));
        }
        var span = Grow(Nl.Align(total));
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)total);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        payload.CopyTo(span[Nl.AttributeHeaderLength..]);
    }

    public void AppendAttributeUInt32(ushort type, uint value)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, value);
        AppendAttribute(type, payload);
    }

    public byte[] ToArray()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    private Span<byte> Grow(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }
        var span = _buffer.AsSpan(_length, size);
        span.Clear();
        _length += size;
        return span;
    }
}
