namespace SsNotebook.Filter;

/// <summary>
/// An address with a prefix length, as a host condition holds it: the 128 bits in network order split into two
/// words (IPv4 uses the top 32 bits of the first), with the mask precomputed so a match is two XOR/AND tests.
/// Family 0 is ss's "any" (the words <c>any</c>, <c>all</c>, <c>default</c>), which matches every address.
/// </summary>
public readonly struct InetPrefix
{
    private readonly ulong _high;
    private readonly ulong _low;
    private readonly ulong _maskHigh;
    private readonly ulong _maskLow;

    /// <summary>AF_INET (2), AF_INET6 (10), or 0 for ss's any address (<c>any</c>, <c>all</c>,
    /// <c>default</c>).</summary>
    public byte Family { get; }

    /// <summary>The number of leading bits compared.</summary>
    public int PrefixLength { get; }

    /// <summary>A prefix of <paramref name="family"/> from its address bytes in network order.</summary>
    /// <param name="family">AF_INET (2), AF_INET6 (10), or 0 for any address.</param>
    /// <param name="address">The address bytes in network order.</param>
    /// <param name="prefixLength">The number of leading bits compared.</param>
    public InetPrefix(byte family, ReadOnlySpan<byte> address, int prefixLength)
    {
        Family = family;
        PrefixLength = prefixLength;
        Span<byte> buffer = stackalloc byte[16];
        buffer.Clear();
        address[..Math.Min(address.Length, AddressLength(family))].CopyTo(buffer);
        _high = BinaryPrimitives.ReadUInt64BigEndian(buffer);
        _low = BinaryPrimitives.ReadUInt64BigEndian(buffer[8..]);
        _maskHigh = prefixLength <= 0 ? 0 : prefixLength >= 64 ? ulong.MaxValue : ulong.MaxValue << (64 - prefixLength);
        _maskLow = prefixLength <= 64 ? 0 : prefixLength >= 128 ? ulong.MaxValue : ulong.MaxValue << (128 - prefixLength);
        _high &= _maskHigh;
        _low &= _maskLow;
    }

    /// <summary>The address length in bytes of <paramref name="family"/>: 4, 16, or 0 for any other.</summary>
    /// <param name="family">An AF_* number.</param>
    public static int AddressLength(byte family) => family switch
    {
        AddressFamilies.Inet => 4,
        AddressFamilies.Inet6 => 16,
        _ => 0,
    };

    /// <summary>Writes the prefix's address bytes (host bits cleared) and returns their count (0 for the any
    /// address).</summary>
    /// <param name="destination">At least 16 bytes.</param>
    public int WriteAddress(Span<byte> destination)
    {
        var length = AddressLength(Family);
        Span<byte> buffer = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, _high);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[8..], _low);
        buffer[..length].CopyTo(destination);
        return length;
    }

    /// <summary>The kernel's rule (inet_diag_bc_run): families must agree, except that an IPv4 prefix also matches
    /// an IPv4-mapped IPv6 address.</summary>
    /// <param name="address">A socket's address.</param>
    /// <param name="socketFamily">The socket's family, AF_INET (2) or AF_INET6 (10).</param>
    public bool Matches(in InetAddress address, int socketFamily)
    {
        if (Family == 0)
        {
            return true;
        }
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        address.WriteBytes(bytes);
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        if (Family != socketFamily)
        {
            if (Family != AddressFamilies.Inet || socketFamily != AddressFamilies.Inet6 || high != 0 || (low >> 32) != 0xffff)
            {
                return false;
            }
            high = low << 32;
            low = 0;
        }
        return ((high ^ _high) & _maskHigh) == 0 && ((low ^ _low) & _maskLow) == 0;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        if (Family == 0)
        {
            return "any";
        }
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteAddress(bytes);
        var text = new IPAddress(bytes[..length]).ToString();
        // ss reads an IPv6 prefix length inside the brackets only ("[::1/128]"; "[::1]/128" is not a host).
        return Family == AddressFamilies.Inet6 ? $"[{text}/{PrefixLength}]" : $"{text}/{PrefixLength}";
    }
}
