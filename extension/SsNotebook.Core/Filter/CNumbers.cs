namespace SsNotebook.Filter;

/// <summary>
/// The C library's number parsing as ss relies on it (strtol/strtoul with base 0, sscanf's %i): "0x" means hex, a
/// leading "0" octal, a sign is allowed. Reimplemented so a filter accepts exactly the numbers ss accepts.
/// </summary>
internal static class CNumbers
{
    /// <summary>strtol-style scan from the start of <paramref name="text"/> with base 0. Returns the characters
    /// consumed (0 when there are no digits); the value saturates like strtol on overflow.</summary>
    public static int Scan(ReadOnlySpan<char> text, out long value, out bool overflow)
    {
        value = 0;
        overflow = false;
        var position = 0;
        while (position < text.Length && IsCSpace(text[position]))
        {
            position++;
        }
        var negative = false;
        if (position < text.Length && (text[position] == '+' || text[position] == '-'))
        {
            negative = text[position] == '-';
            position++;
        }
        var radix = 10;
        if (position < text.Length && text[position] == '0')
        {
            if (position + 2 < text.Length && (text[position + 1] == 'x' || text[position + 1] == 'X') && DigitValue(text[position + 2]) is >= 0 and < 16)
            {
                radix = 16;
                position += 2;
            }
            else
            {
                radix = 8;
            }
        }
        var start = position;
        ulong magnitude = 0;
        while (position < text.Length)
        {
            var digit = DigitValue(text[position]);
            if (digit < 0 || digit >= radix)
            {
                break;
            }
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                overflow = true;
                magnitude = ulong.MaxValue;
            }
            else
            {
                magnitude = magnitude * (ulong)radix + (ulong)digit;
            }
            position++;
        }
        if (position == start)
        {
            return 0;
        }
        if (magnitude > long.MaxValue)
        {
            overflow = true;
            value = negative ? long.MinValue : long.MaxValue;
        }
        else
        {
            value = negative ? -(long)magnitude : (long)magnitude;
        }
        return position;
    }

    /// <summary>iproute2's get_long: the whole text must be a number that fits a long.</summary>
    public static bool TryParseLong(ReadOnlySpan<char> text, out long value)
    {
        var consumed = Scan(text, out value, out var overflow);
        return text.Length > 0 && consumed == text.Length && !overflow;
    }

    /// <summary>strtoul over the whole text (a minus sign wraps as in C), with <paramref name="max"/> as the upper bound.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<char> text, ulong max, out ulong value)
    {
        value = 0;
        var consumed = Scan(text, out var signed, out var overflow);
        if (text.Length == 0 || consumed != text.Length || overflow)
        {
            return false;
        }
        value = unchecked((ulong)signed);
        return value <= max;
    }

    /// <summary>sscanf's "%i" into a 32-bit int: trailing text is ignored, the value wraps to 32 bits.</summary>
    public static int ScanInt32(ReadOnlySpan<char> text, out uint value)
    {
        var consumed = Scan(text, out var signed, out _);
        value = unchecked((uint)signed);
        return consumed;
    }

    private static bool IsCSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };
}
