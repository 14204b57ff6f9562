namespace SsNotebook.Recording;

/// <summary>
/// Reads a recording file's preamble and body (layout in <see cref="RecordingFormat"/>) without trusting it: no
/// length it declares is allocated before that many bytes have arrived, and the body inflates to at most
/// <see cref="RecordingLimits.InflatedLimit"/>. Memory stays within the file's size plus twice that limit. Anything
/// wrong is a <see cref="RecordingException"/>.
/// </summary>
internal static class RecordingReader
{
    /// <summary>How much is read (or inflated) at a time; buffers grow from this as data arrives.</summary>
    private const int Step = 1 << 16;

    /// <summary>The inflated body (its first <c>Length</c> bytes) and the format version.</summary>
    public static (byte[] Body, int Length, ushort Version) Read(Stream input)
    {
        Span<byte> preamble = stackalloc byte[RecordingFormat.PreambleLength];
        var got = input.ReadAtLeast(preamble, preamble.Length, throwOnEndOfStream: false);
        if (got < preamble.Length || !preamble[..6].SequenceEqual(RecordingFormat.Magic))
        {
            throw new RecordingException("Not an ss recording: the file does not start with SSNREC");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(preamble[6..]);
        if (version == 0 || version > RecordingFormat.Version)
        {
            throw new RecordingException(
                $"Unsupported recording format version {version} (this version reads up to {RecordingFormat.Version})");
        }
        var (compressed, compressedLength) = ReadCompressed(input);
        var (body, length) = Inflate(compressed, compressedLength);
        return (body, length, version);
    }

    private static (byte[] Buffer, int Length) ReadCompressed(Stream input)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        if (input.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8)
        {
            throw new RecordingException("Truncated recording: the body length is missing");
        }
        var length = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (length < 0 || length > RecordingLimits.MaxCompressedLength)
        {
            throw new RecordingException($"Corrupt recording: body length {length} is impossible");
        }
        if (input.CanSeek && length > input.Length - input.Position)
        {
            throw new RecordingException(
                $"Truncated recording: the body has {Math.Max(0, input.Length - input.Position)} of its {length} bytes");
        }
        var buffer = new byte[Math.Min(length, Step)];
        var filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
            }
            var read = input.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                throw new RecordingException($"Truncated recording: the body has {filled} of its {length} bytes");
            }
            filled += read;
        }
        return (buffer, filled);
    }

    private static (byte[] Buffer, int Length) Inflate(byte[] compressed, int compressedLength)
    {
        var limit = RecordingLimits.InflatedLimit(compressedLength);
        var body = new byte[Step];
        var length = 0;
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(compressed, 0, compressedLength, writable: false), CompressionMode.Decompress);
            while (true)
            {
                if (length == body.Length)
                {
                    if (length >= limit)
                    {
                        // One byte more tells a body of exactly the limit from a longer one.
                        if (deflate.ReadByte() < 0)
                        {
                            break;
                        }
                        throw new RecordingException(
                            $"Corrupt recording: the body inflates beyond {limit} bytes (at most {RecordingLimits.MaxInflationRatio} times its {compressedLength} compressed bytes plus {RecordingLimits.InflationAllowance}, and never beyond {RecordingLimits.MaxInflatedLength})");
                    }
                    Array.Resize(ref body, (int)Math.Min(limit, 2L * body.Length));
                }
                var read = deflate.Read(body, length, body.Length - length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
        }
        catch (InvalidDataException exception)
        {
            throw new RecordingException($"Corrupt recording: the compressed body is damaged ({exception.Message})", exception);
        }
        return (body, length);
    }
}
