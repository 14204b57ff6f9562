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
        if (precision <= 15 && TryShortest(value, precision, destination[written..], out var shortLength))
        {
            return written + shortLength;
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

    /// <summary>
    /// The common case without any rounding: when the shortest round-trip text of a double has at most
    /// <paramref name="precision"/> significant digits and a plain (non-exponent) %g form, it is exactly what
    /// printf prints, because the double is far closer to it than half a unit of the last printed digit.
    /// </summary>
    private static bool TryShortest(double value, int precision, Span<byte> destination, out int length)
    {
        if (!value.TryFormat(destination, out length, default, CultureInfo.InvariantCulture))
        {
            return false;
        }
        var text = destination[..length];
        if (text.IndexOfAnyExcept("0123456789."u8) >= 0)
        {
            return false;
        }
        var point = text.IndexOf((byte)'.');
        var integerDigits = point < 0 ? text.Length : point;
        int significant;
        if (integerDigits == 1 && text[0] == (byte)'0')
        {
            // 0.000ddd: the exponent is minus (leading zeros + 1); %g switches to exponent form below 1e-4.
            var fraction = text[(point + 1)..];
            var leadingZeros = fraction.IndexOfAnyExcept((byte)'0');
            if (leadingZeros > 3)
            {
                return false;
            }
            significant = fraction.Length - leadingZeros;
        }
        else
        {
            if (integerDigits > precision)
            {
                return false;
            }
            significant = point < 0 ? text.TrimEnd((byte)'0').Length : text.Length - 1;
            if (point < 0 && integerDigits > precision)
            {
                return false;
            }
        }
        return significant <= precision;
    }

    /// <summary>
    /// C's <c>%.{precision}g</c> of the double nearest to <paramref name="mantissa"/> × 10^-<paramref name="scale"/>
    /// (for instance microseconds printed as milliseconds), computed with integers: the double is so close to the
    /// decimal that rounding either gives the same digits, except at an exact decimal tie, which is left to
    /// <see cref="FormatG"/> (the method then returns false) together with exponent-style results.
    /// </summary>
    public static bool TryFormatDecimal(ulong mantissa, int scale, int precision, Span<byte> destination, out int written)
    {
        written = 0;
        if (mantissa == 0)
        {
            destination[0] = (byte)'0';
            written = 1;
            return true;
        }
        if (mantissa >= 1UL << 53)
        {
            return false;
        }
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }
        var length = DigitCount(mantissa);
        if (length > precision)
        {
            var dropped = length - precision;
            var divisor = Pow10(dropped);
            var quotient = mantissa / divisor;
            var remainder = mantissa % divisor;
            var half = 5 * Pow10(dropped - 1);
            if (remainder == half)
            {
                return false;
            }
            if (remainder > half)
            {
                quotient++;
            }
            mantissa = quotient;
            scale -= dropped;
            while (mantissa % 10 == 0)
            {
                mantissa /= 10;
                scale--;
            }
            length = DigitCount(mantissa);
        }
        var exponent = length - 1 - scale;
        if (exponent < -4 || exponent >= precision)
        {
            return false;
        }
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(mantissa, digits, out _);
        if (scale <= 0)
        {
            digits[..length].CopyTo(destination);
            written = length;
            destination.Slice(written, -scale).Fill((byte)'0');
            written += -scale;
        }
        else if (length > scale)
        {
            var integerDigits = length - scale;
            digits[..integerDigits].CopyTo(destination);
            destination[integerDigits] = (byte)'.';
            digits[integerDigits..length].CopyTo(destination[(integerDigits + 1)..]);
            written = length + 1;
        }
        else
        {
            destination[0] = (byte)'0';
            destination[1] = (byte)'.';
            destination.Slice(2, scale - length).Fill((byte)'0');
            digits[..length].CopyTo(destination[(2 + scale - length)..]);
            written = 2 + scale;
        }
        return true;
    }

    private static int DigitCount(ulong value)
    {
        var count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }
        return count;
    }

    private static ulong Pow10(int exponent)
    {
        ulong result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }
        return result;
    }

    /// <summary>Writes <paramref name="value"/> as C's <c>%.{decimals}f</c> (non-negative, finite values).</summary>
    public static int FormatFixed(double value, int decimals, Span<byte> destination)
    {
        if (decimals == 0)
        {
            var rounded = Math.Round(value, MidpointRounding.ToEven);
            if (rounded >= 0 && rounded < 1e19)
            {
                Utf8Formatter.TryFormat((ulong)rounded, destination, out var written);
                return written;
            }
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
        Span<byte> text = stackalloc byte[48];
        Utf8Formatter.TryFormat(value, text, out var length, new StandardFormat('E', (byte)precision));
        var longer = text[..length];
        var ePos = longer.IndexOf((byte)'E');
        if (longer[ePos - 1] == (byte)'5' && IsExactTie(value, System.Text.Encoding.ASCII.GetString(longer)))
        {
            // Exactly half-way: drop the 5 and round the rest to even.
            var mantissa = System.Text.Encoding.ASCII.GetString(longer[..ePos]).Replace(".", "", StringComparison.Ordinal);
            var exponentPart = ParseExponent(longer[(ePos + 1)..]);
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
        Utf8Formatter.TryFormat(value, text, out length, new StandardFormat('E', (byte)(precision - 1)));
        var e = text[..length];
        ePos = e.IndexOf((byte)'E');
        var n = 0;
        for (var i = 0; i < ePos; i++)
        {
            if (e[i] != (byte)'.')
            {
                digits[n++] = e[i];
            }
        }
        return ParseExponent(e[(ePos + 1)..]);
    }

    private static int ParseExponent(ReadOnlySpan<byte> text)
    {
        var negative = text[0] == (byte)'-';
        var value = 0;
        foreach (var c in text[(text[0] is (byte)'-' or (byte)'+' ? 1 : 0)..])
        {
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
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
