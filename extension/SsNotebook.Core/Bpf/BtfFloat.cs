using System.Numerics;

namespace SsNotebook.Bpf;

/// <summary>
/// printf's %f of the IEEE single and double and the x87 80-bit extended (the long double of a 16-byte BTF FLOAT),
/// computed exactly from the bits: six decimals, the tie rounded to even as glibc does; inf, nan and the sign of
/// zero as glibc writes them.
/// </summary>
internal static class BtfFloat
{
    private static readonly BigInteger Million = 1_000_000;

    public static string Format(ReadOnlySpan<byte> bytes)
    {
        switch (bytes.Length)
        {
            case 4:
                var single = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
                return Format(single >> 31 != 0, (int)((single >> 23) & 0xff), single & 0x7fffff, 23, 127, 0xff, implicitBit: true);
            case 8:
                var dbl = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                return Format(dbl >> 63 != 0, (int)((dbl >> 52) & 0x7ff), dbl & 0xfffffffffffff, 52, 1023, 0x7ff, implicitBit: true);
            default:
                var mantissa = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                var signExponent = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
                return Format(signExponent >> 15 != 0, signExponent & 0x7fff, mantissa, 63, 16383, 0x7fff, implicitBit: false);
        }
    }

    private static string Format(bool negative, int exponent, ulong fraction, int fractionBits, int bias, int maxExponent, bool implicitBit)
    {
        var sign = negative ? "-" : "";
        if (exponent == maxExponent)
        {
            var payload = implicitBit ? fraction : fraction << 1;
            return sign + (payload == 0 ? "inf" : "nan");
        }
        BigInteger mantissa = fraction;
        int power;
        if (exponent == 0)
        {
            power = 1 - bias - fractionBits;
        }
        else
        {
            if (implicitBit)
            {
                mantissa += BigInteger.One << fractionBits;
            }
            power = exponent - bias - fractionBits;
        }
        BigInteger scaled;
        if (power >= 0)
        {
            scaled = (mantissa << power) * Million;
        }
        else
        {
            var denominator = BigInteger.One << -power;
            scaled = BigInteger.DivRem(mantissa * Million, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !scaled.IsEven))
            {
                scaled += 1;
            }
        }
        var whole = BigInteger.DivRem(scaled, Million, out var fractionPart);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{whole}.{(int)fractionPart:D6}");
    }
}
