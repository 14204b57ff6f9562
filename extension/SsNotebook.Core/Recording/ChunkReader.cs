namespace SsNotebook.Recording;

/// <summary>Reads fields of a recording body, checking every length first; running short is a
/// <see cref="RecordingException"/> naming what was being read and where.</summary>
internal ref struct ChunkReader(ReadOnlySpan<byte> data, long baseOffset)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    public readonly int Remaining => _data.Length - _position;

    /// <summary>Offset in the inflated body, for error messages.</summary>
    public readonly long Offset => baseOffset + _position;

    public byte U8(string what) => Take(1, what)[0];

    public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, what));

    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public int I32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

    public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public long I64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));

    public string String(string what)
    {
        var length = U32(what);
        var bytes = Take(length, what);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new RecordingException($"Corrupt recording: {what} at offset {Offset} is not valid UTF-8", exception);
        }
    }

    public ReadOnlySpan<byte> Rest()
    {
        var rest = _data[_position..];
        _position = _data.Length;
        return rest;
    }

    public ReadOnlySpan<byte> Take(uint count, string what)
    {
        if (count > (uint)Remaining)
        {
            throw new RecordingException(
                $"Truncated recording: {what} at offset {Offset} needs {count} bytes, only {Remaining} left");
        }
        var span = _data.Slice(_position, (int)count);
        _position += (int)count;
        return span;
    }
}
