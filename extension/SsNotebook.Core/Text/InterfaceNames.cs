using System.Runtime.InteropServices;
using SsNotebook.Interop;

namespace SsNotebook.Text;

/// <summary>Interface index → name, as ss's ll_index_to_name: if_indextoname, or "ifN" when unknown. Cached. With a
/// recorded <see cref="Query.NamingContext"/> (a replay) only its interface list is consulted.</summary>
public sealed class InterfaceNames(Query.NamingContext? naming)
{
    private readonly Dictionary<uint, byte[]> _names = [];
    private readonly Dictionary<uint, string> _strings = [];

    /// <summary>The name as a string (frames print it as ss's text does, after a '%').</summary>
    public string Name(uint index)
    {
        if (!_strings.TryGetValue(index, out var name))
        {
            name = System.Text.Encoding.UTF8.GetString(NameOf(index));
            _strings[index] = name;
        }
        return name;
    }

    public byte[] NameOf(uint index)
    {
        if (_names.TryGetValue(index, out var name))
        {
            return name;
        }
        var text = naming is not null
            ? naming.InterfaceName(index) is { } recorded ? System.Text.Encoding.UTF8.GetBytes(recorded) : null
            : SystemName(index);
        text ??= System.Text.Encoding.ASCII.GetBytes("if" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _names[index] = text;
        return text;
    }

    /// <summary>if_indextoname; null when unknown, or when there is no libc (a version 1 recording replayed on
    /// Windows).</summary>
    private static byte[]? SystemName(uint index)
    {
        Span<byte> buffer = stackalloc byte[64];
        buffer.Clear();
        try
        {
            return LibC.IfIndexToName(index, ref MemoryMarshal.GetReference(buffer)) != 0 ? buffer[..buffer.IndexOf((byte)0)].ToArray() : null;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
