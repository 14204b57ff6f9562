namespace SsNotebook.Recording;

/// <summary>Builds one chunk's payload in a reusable buffer, then writes kind, length and payload.</summary>
internal sealed class ChunkWriter(Stream output)
{
    private byte[] _buffer = new byte[4096];
    private int _length;

    public void Begin() => _length = 0;

    public void U8(byte value) => Reserve(1)[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void I32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void I64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        U32((uint)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    public void End(ChunkKind kind)
    {
        Span<byte> head = stackalloc byte[5];
        head[0] = (byte)kind;
        BinaryPrimitives.WriteUInt32LittleEndian(head[1..], (uint)_length);
        output.Write(head);
        output.Write(_buffer, 0, _length);
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
