namespace SsNotebook.Bpf;

/// <summary>
/// The bytes a BTF data dump writes, bounded: past <see cref="Limit"/> bytes the dump stops with a
/// <see cref="BtfException"/>, so no BTF, however shaped, can make the output (or the time spent) grow without end.
/// </summary>
internal sealed class BtfOutput(int limit = BtfOutput.DefaultLimit)
{
    public const int DefaultLimit = 8 << 20;

    private byte[] _buffer = new byte[256];

    public int Limit { get; } = limit;

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Write(byte value) => Reserve(1)[0] = value;

    public void Write(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    public void WriteAscii(string text)
    {
        var target = Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            target[i] = (byte)text[i];
        }
    }

    public void WriteDecimal(long value)
    {
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, digits, out var length);
        Write(digits[..length]);
    }

    public void WriteDecimal(ulong value)
    {
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, digits, out var length);
        Write(digits[..length]);
    }

    public void WriteHex(ulong value)
    {
        Span<byte> digits = stackalloc byte[16];
        Utf8Formatter.TryFormat(value, digits, out var length, new System.Buffers.StandardFormat('x'));
        Write(digits[..length]);
    }

    private Span<byte> Reserve(int count)
    {
        if (count > Limit - Length)
        {
            throw new BtfException($"the dump of this value exceeds {Limit} bytes");
        }
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(Limit, Math.Max(_buffer.Length * 2, Length + count)));
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
