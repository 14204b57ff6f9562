namespace SsNotebook.Filter;

/// <summary>
/// iproute2's get_prefix_1 for inet: <c>ADDR[/LEN]</c> where ADDR is dotted IPv4 (inet_aton style: base-0
/// numbers, missing trailing parts are zero), IPv6 (anything with a ':'), or <c>any</c>/<c>all</c>/<c>default</c>;
/// LEN is a number or a dotted netmask.
/// </summary>
internal static class InetPrefixParser
{
    /// <summary>The prefix, or null when <paramref name="text"/> is not a literal of <paramref name="family"/>
    /// (0 = either); the caller then tries it as a host name.</summary>
    public static InetPrefix? TryParse(string text, int family)
    {
        var slash = text.IndexOf('/');
        var addressText = slash >= 0 ? text[..slash] : text;
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        byte addressFamily;
        var wildcard = false;
        if (addressText is "default" or "all" or "any")
        {
            addressFamily = (byte)family;
            wildcard = true;
        }
        else if (addressText.Contains(':'))
        {
            addressFamily = AddressFamilies.Inet6;
            if (family is not (0 or AddressFamilies.Inet6) || !TryParseIPv6(addressText, bytes))
            {
                return null;
            }
        }
        else
        {
            addressFamily = AddressFamilies.Inet;
            if (family is not (0 or AddressFamilies.Inet) || !TryParseIPv4(addressText, bytes))
            {
                return null;
            }
        }
        var bits = addressFamily switch
        {
            AddressFamilies.Inet => 32,
            AddressFamilies.Inet6 => 128,
            _ => 0,
        };
        if (slash >= 0)
        {
            if (wildcard || !TryParseNetmask(text[(slash + 1)..], out var length) || length > bits)
            {
                return null;
            }
            bits = length;
        }
        else if (wildcard)
        {
            bits = 0;
        }
        return new InetPrefix(addressFamily, bytes, bits);
    }

    /// <summary>get_addr_ipv4: up to four base-0 numbers of at most 255 separated by dots.</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, Span<byte> destination)
    {
        for (var i = 0; i < 4; i++)
        {
            var consumed = CNumbers.Scan(text, out var value, out var overflow);
            if (consumed == 0 || overflow || value < 0 || value > 255)
            {
                // strtoul wraps a negative number to a huge one, which the range check rejects.
                return false;
            }
            destination[i] = (byte)value;
            if (consumed == text.Length)
            {
                return true;
            }
            if (i == 3 || text[consumed] != '.')
            {
                return false;
            }
            text = text[(consumed + 1)..];
        }
        return true;
    }

    private static bool TryParseIPv6(string text, Span<byte> destination)
    {
        // inet_pton: no scope id, no brackets; .NET's parser is otherwise the same grammar.
        if (text.AsSpan().IndexOfAny("%[]/ ") >= 0 || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        return address.TryWriteBytes(destination, out _);
    }

    /// <summary>get_netmask: a number, or a dotted IPv4 mask with contiguous ones.</summary>
    private static bool TryParseNetmask(string text, out int length)
    {
        length = 0;
        if (CNumbers.TryParseUnsigned(text, uint.MaxValue, out var value))
        {
            length = (int)Math.Min(value, int.MaxValue);
            return true;
        }
        Span<byte> mask = stackalloc byte[4];
        mask.Clear();
        if (text.Contains(':') || !TryParseIPv4(text, mask))
        {
            return false;
        }
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mask);
        var host = ~bits;
        if ((host & (host + 1)) != 0)
        {
            return false;
        }
        length = System.Numerics.BitOperations.PopCount(bits);
        return true;
    }
}
