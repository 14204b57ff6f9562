using System.Runtime.InteropServices;

namespace SsNotebook.Text;

/// <summary>Interface index → name, as ss's ll_index_to_name: if_indextoname, or "ifN" when unknown. Cached.</summary>
internal sealed partial class InterfaceNames
{
    private readonly Dictionary<uint, byte[]> _names = [];

    public byte[] NameOf(uint index)
    {
        if (_names.TryGetValue(index, out var name))
        {
            return name;
        }
        Span<byte> buffer = stackalloc byte[64];
        buffer.Clear();
        var text = IfIndexToName(index, ref MemoryMarshal.GetReference(buffer)) != 0
            ? buffer[..buffer.IndexOf((byte)0)].ToArray()
            : System.Text.Encoding.ASCII.GetBytes("if" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _names[index] = text;
        return text;
    }

    [LibraryImport("libc", EntryPoint = "if_indextoname")]
    private static partial nint IfIndexToName(uint index, ref byte name);
}
