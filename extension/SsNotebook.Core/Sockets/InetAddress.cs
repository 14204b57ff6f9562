using System.Buffers.Binary;
using System.Net;

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

    public InetAddress(byte family, ReadOnlySpan<byte> bytes)
    {
        Family = family;
        Span<byte> buffer = stackalloc byte[16];
        buffer.Clear();
        bytes[..Math.Min(bytes.Length, family == AddressFamilies.Inet ? 4 : 16)].CopyTo(buffer);
        _high = BinaryPrimitives.ReadUInt64BigEndian(buffer);
        _low = BinaryPrimitives.ReadUInt64BigEndian(buffer[8..]);
    }

    public static InetAddress FromIPAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return new InetAddress(written == 4 ? AddressFamilies.Inet : AddressFamilies.Inet6, bytes[..written]);
    }

    public bool IsIPv4 => Family == AddressFamilies.Inet;

    /// <summary>The address bytes in network order: 4 for IPv4, 16 for IPv6.</summary>
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

    public bool IsAny => _high == 0 && _low == 0;

    /// <summary>True for ::ffff:a.b.c.d.</summary>
    public bool IsIPv4Mapped => Family == AddressFamilies.Inet6 && _high == 0 && (_low >> 32) == 0xffff;

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteBytes(bytes);
        return new IPAddress(bytes[..length]);
    }

    public bool Equals(InetAddress other) => Family == other.Family && _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is InetAddress other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Family, _high, _low);

    public static bool operator ==(InetAddress left, InetAddress right) => left.Equals(right);

    public static bool operator !=(InetAddress left, InetAddress right) => !left.Equals(right);

    public override string ToString() => Family == 0 ? "" : ToIPAddress().ToString();
}
