namespace SsNotebook.Sockets;

/// <summary>The bit of a byte-sized enum value in a 32-bit mask: what <see cref="StateSet"/> (idiag_states) and
/// <see cref="TableSet"/> are made of.</summary>
internal static class EnumBits
{
    public static uint Bit<T>(T value) where T : unmanaged, Enum => 1u << Unsafe.As<T, byte>(ref value);

    public static uint Of<T>(ReadOnlySpan<T> values) where T : unmanaged, Enum
    {
        uint mask = 0;
        foreach (var value in values)
        {
            mask |= Bit(value);
        }
        return mask;
    }
}
