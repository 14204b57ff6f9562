namespace SsNotebook.Text;

/// <summary>IPv4 and IPv6 addresses in exactly glibc inet_ntop's text.</summary>
internal static class AddressText
{
    /// <summary>The longest text: a full IPv6 address with an embedded IPv4 tail.</summary>
    public const int MaxLength = 46;

    public static int Format(in InetAddress address, Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = address.WriteBytes(bytes);
        return length == 4 ? FormatIPv4(bytes, destination) : FormatIPv6(bytes, destination);
    }

    public static int FormatIPv4(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                destination[written++] = (byte)'.';
            }
            Utf8Formatter.TryFormat(bytes[i], destination[written..], out var n);
            written += n;
        }
        return written;
    }

    public static int FormatIPv6(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        Span<ushort> words = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            words[i] = (ushort)((bytes[2 * i] << 8) | bytes[2 * i + 1]);
        }
        // The first longest run of two or more zero words is written as "::".
        int bestBase = -1, bestLength = 0, runBase = -1, runLength = 0;
        for (var i = 0; i < 8; i++)
        {
            if (words[i] == 0)
            {
                if (runBase < 0)
                {
                    runBase = i;
                    runLength = 0;
                }
                runLength++;
                if (runLength > bestLength)
                {
                    bestBase = runBase;
                    bestLength = runLength;
                }
            }
            else
            {
                runBase = -1;
            }
        }
        if (bestLength < 2)
        {
            bestBase = -1;
        }

        var written = 0;
        for (var i = 0; i < 8; i++)
        {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength)
            {
                if (i == bestBase)
                {
                    destination[written++] = (byte)':';
                }
                continue;
            }
            if (i != 0)
            {
                destination[written++] = (byte)':';
            }
            if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff)))
            {
                return written + FormatIPv4(bytes[12..], destination[written..]);
            }
            Utf8Formatter.TryFormat(words[i], destination[written..], out var n, new System.Buffers.StandardFormat('x'));
            written += n;
        }
        if (bestBase >= 0 && bestBase + bestLength == 8)
        {
            destination[written++] = (byte)':';
        }
        return written;
    }
}
