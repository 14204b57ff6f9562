using System.Buffers.Text;
using System.Globalization;

namespace SsNotebook.Text;

/// <summary>
/// The few C printf conversions ss uses for floating point (%g, %.3g, %.1f, %.0f), byte-exact with glibc.
/// .NET produces the exact decimal digits of a double but rounds a tie (a value exactly half-way, such as
/// 1.125 to three digits) away from zero, while glibc rounds it to even; ties are detected and fixed here.
/// </summary>
internal static class CFormat
{
    private const int MaxChars = 400;

    /// <summary>Writes <paramref name="value"/> as C's <c>%.{precision}g</c>; returns the number of bytes written.</summary>
    public static int FormatG(double value, int precision, Span<byte> destination)
    {
        if (precision == 0)
        {
            precision = 1;
        }
        if (value == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }
        var written = 0;
        if (value < 0)
        {
            destination[written++] = (byte)'-';
            value = -value;
        }
        Span<byte> digits = stackalloc byte[24];
        var exponent = SignificantDigits(value, precision, digits);

        int digitCount = precision;
        if (exponent < -4 || exponent >= precision)
        {
            // Exponential style: d.ddde+XX, trailing zeros of the fraction removed.
            while (digitCount > 1 && digits[digitCount - 1] == (byte)'0')
            {
                digitCount--;
            }
            destination[written++] = digits[0];
            if (digitCount > 1)
            {
                destination[written++] = (byte)'.';
                digits[1..digitCount].CopyTo(destination[written..]);
                written += digitCount - 1;
            }
            destination[written++] = (byte)'e';
            destination[written++] = exponent < 0 ? (byte)'-' : (byte)'+';
            var magnitude = Math.Abs(exponent);
            if (magnitude < 10)
            {
                destination[written++] = (byte)'0';
            }
            Utf8Formatter.TryFormat(magnitude, destination[written..], out var expLength);
            return written + expLength;
        }

        // Fixed style with precision-1-exponent decimals, trailing zeros removed.
        var integerDigits = exponent + 1;
        var lastSignificant = digitCount;
        while (lastSignificant > Math.Max(integerDigits, 0) && digits[lastSignificant - 1] == (byte)'0')
        {
            lastSignificant--;
        }
        if (integerDigits <= 0)
        {
            destination[written++] = (byte)'0';
            if (lastSignificant > 0)
            {
                destination[written++] = (byte)'.';
                for (var i = 0; i < -integerDigits; i++)
                {
                    destination[written++] = (byte)'0';
                }
                digits[..lastSignificant].CopyTo(destination[written..]);
                written += lastSignificant;
            }
            return written;
        }
        digits[..integerDigits].CopyTo(destination[written..]);
        written += integerDigits;
        if (lastSignificant > integerDigits)
        {
            destination[written++] = (byte)'.';
            digits[integerDigits..lastSignificant].CopyTo(destination[written..]);
            written += lastSignificant - integerDigits;
        }
        return written;
    }

    /// <summary>Writes <paramref name="value"/> as C's <c>%.{decimals}f</c> (non-negative, finite values).</summary>
    public static int FormatFixed(double value, int decimals, Span<byte> destination)
    {
        if (decimals == 0)
        {
            var rounded = Math.Round(value, MidpointRounding.ToEven);
            return Ascii(rounded.ToString("F0", CultureInfo.InvariantCulture), destination);
        }
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var longer = value.ToString("F" + (decimals + 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (longer[^1] == '5' && IsExactTie(value, longer))
        {
            text = RoundHalfEven(longer[..^1]);
        }
        return Ascii(text, destination);
    }

    /// <summary>
    /// Fills <paramref name="digits"/> with the first <paramref name="precision"/> significant digits of
    /// <paramref name="value"/> (positive), rounded as glibc rounds, and returns the decimal exponent of the first.
    /// </summary>
    private static int SignificantDigits(double value, int precision, Span<byte> digits)
    {
        Span<char> text = stackalloc char[48];
        var format = precision switch { 1 => "E0", 3 => "E2", 4 => "E3", 6 => "E5", 7 => "E6", _ => "E" + (precision - 1).ToString(CultureInfo.InvariantCulture) };
        var longerFormat = precision switch { 1 => "E1", 3 => "E3", 6 => "E6", _ => "E" + precision.ToString(CultureInfo.InvariantCulture) };
        value.TryFormat(text, out var length, longerFormat, CultureInfo.InvariantCulture);
        var longer = text[..length];
        var lastDigit = longer[longer.IndexOf('E') - 1];
        if (lastDigit == '5' && IsExactTie(value, longer.ToString()))
        {
            // Exactly half-way: drop the 5 and round the rest to even.
            var mantissa = new string(longer[..longer.IndexOf('E')]).Replace(".", "", StringComparison.Ordinal);
            var exponentPart = int.Parse(longer[(longer.IndexOf('E') + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var kept = mantissa[..^1];
            var rounded = RoundHalfEven(kept);
            if (rounded.Length > kept.Length)
            {
                exponentPart++;
                rounded = rounded[..kept.Length];
            }
            for (var i = 0; i < precision; i++)
            {
                digits[i] = (byte)rounded[i];
            }
            return exponentPart;
        }
        value.TryFormat(text, out length, format, CultureInfo.InvariantCulture);
        var e = text[..length];
        var ePos = e.IndexOf('E');
        var n = 0;
        for (var i = 0; i < ePos; i++)
        {
            if (e[i] != '.')
            {
                digits[n++] = (byte)e[i];
            }
        }
        return int.Parse(e[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>True when the digits after the final 5 of <paramref name="rounded"/> are all zero in the exact value.</summary>
    private static bool IsExactTie(double value, string rounded)
    {
        var isExponential = rounded.Contains('E', StringComparison.Ordinal);
        var significant = isExponential ? rounded.IndexOf('E') - (rounded.Contains('.', StringComparison.Ordinal) ? 1 : 0) : 0;
        string exact;
        if (isExponential)
        {
            exact = value.ToString("E" + (significant + 60).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var mantissaEnd = exact.IndexOf('E');
            var tail = exact.AsSpan(0, mantissaEnd)[(rounded.IndexOf('E'))..];
            return exact.StartsWith(rounded[..rounded.IndexOf('E')], StringComparison.Ordinal)
                && !tail.ContainsAnyExcept('0') && exact[mantissaEnd..] == rounded[rounded.IndexOf('E')..];
        }
        var decimals = rounded.Length - rounded.IndexOf('.') - 1;
        exact = value.ToString("F" + (decimals + 340).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return exact.StartsWith(rounded, StringComparison.Ordinal) && !exact.AsSpan(rounded.Length).ContainsAnyExcept('0');
    }

    /// <summary>Rounds a digit string (possibly with one '.') whose dropped tail was exactly half: up only if the last digit is odd.</summary>
    private static string RoundHalfEven(string kept)
    {
        var last = kept[^1] == '.' ? kept[^2] : kept[^1];
        if ((last - '0') % 2 == 0)
        {
            return kept.EndsWith('.') ? kept[..^1] : kept;
        }
        var chars = kept.TrimEnd('.').ToCharArray();
        var i = chars.Length - 1;
        while (i >= 0)
        {
            if (chars[i] == '.')
            {
                i--;
                continue;
            }
            if (chars[i] == '9')
            {
                chars[i] = '0';
                i--;
                continue;
            }
            chars[i]++;
            return new string(chars);
        }
        return "1" + new string(chars);
    }

    private static int Ascii(string text, Span<byte> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }
        return text.Length;
    }

    /// <summary>Formats into a new string (tests and rare paths).</summary>
    public static string G(double value, int precision = 6)
    {
        Span<byte> buffer = stackalloc byte[MaxChars];
        return System.Text.Encoding.ASCII.GetString(buffer[..FormatG(value, precision, buffer)]);
    }

    public static string Fixed(double value, int decimals)
    {
        Span<byte> buffer = stackalloc byte[MaxChars];
        return System.Text.Encoding.ASCII.GetString(buffer[..FormatFixed(value, decimals, buffer)]);
    }
}
