namespace SsNotebook.Sockets;

/// <summary>
/// An IPv4 or IPv6 address held inline (no heap allocation), as the kernel sends it: 16 bytes in network order,
/// of which IPv4 uses the first 4.
/// </summary>
public readonly struct InetAddress : IEquatable<InetAddress>
{

    private readonly ulong _high;
    private readonly ulong _low;

    /// <summary>AF_INET (2) or AF_INET6 (10); 0 for an unset address.</summary>
    public byte Family { get; }

    /// <summary>An address of <paramref name="family"/> from its bytes in network order.</summary>
    /// <param name="family">AF_INET (2) or AF_INET6 (10).</param>
    /// <param name="bytes">At least 4 bytes for IPv4 (the rest is ignored), 16 for IPv6; missing bytes are
    /// zero.</param>
    public InetAddress(byte family, ReadOnlySpan<byte> bytes)
    {
        Family = family;
        Span<byte> buffer = stackalloc byte[16];
        buffer.Clear();
        bytes[..Math.Min(bytes.Length, family == AddressFamilies.Inet ? 4 : 16)].CopyTo(buffer);
        _high = BinaryPrimitives.ReadUInt64BigEndian(buffer);
        _low = BinaryPrimitives.ReadUInt64BigEndian(buffer[8..]);
    }

    /// <summary>The same address as <paramref name="address"/> (IPv4-mapped IPv6 addresses stay IPv6).</summary>
    /// <param name="address">An IPv4 or IPv6 address.</param>
    public static InetAddress FromIPAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return new InetAddress(written == 4 ? AddressFamilies.Inet : AddressFamilies.Inet6, bytes[..written]);
    }

    /// <summary>True for an IPv4 address.</summary>
    public bool IsIPv4 => Family == AddressFamilies.Inet;

    /// <summary>The address bytes in network order: 4 for IPv4, 16 for IPv6.</summary>
    /// <param name="destination">At least 16 bytes.</param>
    /// <returns>How many bytes were written.</returns>
    public int WriteBytes(Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, _high);
        BinaryPrimitives.WriteUInt64BigEndian(buffer[8..], _low);
        var length = IsIPv4 ? 4 : 16;
        buffer[..length].CopyTo(destination);
        return length;
    }

    /// <summary>The IPv4 address as a host-order integer (only meaningful for IPv4).</summary>
    public uint IPv4Value => (uint)(_high >> 32);

    /// <summary>True for 0.0.0.0, :: and an unset address (ss prints <c>*</c> or the any address).</summary>
    public bool IsAny => _high == 0 && _low == 0;

    /// <summary>True for ::ffff:a.b.c.d.</summary>
    public bool IsIPv4Mapped => Family == AddressFamilies.Inet6 && _high == 0 && (_low >> 32) == 0xffff;

    /// <summary>The address as an <see cref="IPAddress"/>.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteBytes(bytes);
        return new IPAddress(bytes[..length]);
    }

    /// <summary>True when both have the same family and bytes.</summary>
    /// <param name="other">The address to compare with.</param>
    public bool Equals(InetAddress other) => Family == other.Family && _high == other._high && _low == other._low;

    /// <summary>True when <paramref name="obj"/> is an equal <see cref="InetAddress"/>.</summary>
    /// <param name="obj">The object to compare with.</param>
    public override bool Equals(object? obj) => obj is InetAddress other && Equals(other);

    /// <summary>A hash of the family and bytes.</summary>
    public override int GetHashCode() => HashCode.Combine(Family, _high, _low);

    /// <summary>True when both addresses are equal.</summary>
    /// <param name="left">An address.</param>
    /// <param name="right">Another address.</param>
    public static bool operator ==(InetAddress left, InetAddress right) => left.Equals(right);

    /// <summary>True when the addresses differ.</summary>
    /// <param name="left">An address.</param>
    /// <param name="right">Another address.</param>
    public static bool operator !=(InetAddress left, InetAddress right) => !left.Equals(right);

    /// <summary>The address in .NET's notation (not ss's: see the text writer for that); empty when unset.</summary>
    public override string ToString() => Family == 0 ? "" : ToIPAddress().ToString();
}
