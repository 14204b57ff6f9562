namespace SsNotebook.Naming;

/// <summary>
/// Interface names both ways, as iproute2's ll_map does: index → name for the text (<c>%dev</c>, packet and xdp
/// sockets; "ifN" when unknown) and name → index for <c>dev NAME</c> filters ("ifN" accepted for an unnamed one).
/// Either the live interfaces of a network namespace (if_indextoname / if_nametoindex there, as ss, which has
/// switched into the -N namespace, sees them) or a recorded list, never both: a replay asks this machine nothing.
/// </summary>
internal sealed class InterfaceNames
{
    private readonly Dictionary<uint, byte[]>? _recordedNames;
    private readonly Dictionary<string, uint>? _recordedIndexes;
    private readonly string? _networkNamespace;
    private readonly Dictionary<uint, byte[]> _names = [];
    private readonly Dictionary<uint, string> _strings = [];
    private readonly Lock _lock = new();

    private InterfaceNames(Dictionary<uint, byte[]>? recordedNames, Dictionary<string, uint>? recordedIndexes, string? networkNamespace)
    {
        _recordedNames = recordedNames;
        _recordedIndexes = recordedIndexes;
        _networkNamespace = networkNamespace;
    }

    /// <summary>The interfaces of <paramref name="networkNamespace"/> (null: the caller's), looked up as needed.</summary>
    public static InterfaceNames Live(string? networkNamespace) => new(null, null, networkNamespace);

    /// <summary>A recorded list of "INDEX NAME" lines (<see cref="NamingContext.Interfaces"/>); null knows no names.</summary>
    public static InterfaceNames Recorded(string? list)
    {
        var names = new Dictionary<uint, byte[]>();
        var indexes = new Dictionary<string, uint>(StringComparer.Ordinal);
        var reader = new StringReader(list ?? "");
        while (reader.ReadLine() is { } line)
        {
            var blank = line.IndexOf(' ');
            if (blank > 0 && uint.TryParse(line.AsSpan(0, blank), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                var name = line[(blank + 1)..];
                names.TryAdd(index, Encoding.UTF8.GetBytes(name));
                indexes.TryAdd(name, index);
            }
        }
        return new InterfaceNames(names, indexes, null);
    }

    /// <summary>ll_index_to_name: the name of interface <paramref name="index"/> as bytes, or "ifN".</summary>
    public byte[] NameOf(uint index)
    {
        lock (_lock)
        {
            if (!_names.TryGetValue(index, out var name))
            {
                name = (_recordedNames is null ? Live(() => SystemName(index)) : _recordedNames.GetValueOrDefault(index))
                    ?? Encoding.ASCII.GetBytes("if" + index.ToString(CultureInfo.InvariantCulture));
                _names[index] = name;
            }
            return name;
        }
    }

    /// <summary>The name as a string (frames show it as ss's text does, after a '%').</summary>
    public string Name(uint index)
    {
        var bytes = NameOf(index);
        lock (_lock)
        {
            if (!_strings.TryGetValue(index, out var name))
            {
                name = Encoding.UTF8.GetString(bytes);
                _strings[index] = name;
            }
            return name;
        }
    }

    /// <summary>ll_name_to_index: the index of interface <paramref name="name"/>, "ifN" read as N, or 0 when unknown.</summary>
    public uint IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = _recordedIndexes is null ? Live(() => SystemIndex(name)) : _recordedIndexes.GetValueOrDefault(name);
        if (index == 0 && name.StartsWith("if", StringComparison.Ordinal) &&
            uint.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var numbered))
        {
            index = numbered;
        }
        return index;
    }

    private T Live<T>(Func<T> lookup) => _networkNamespace is { } name ? SsNamespace.Run(name, lookup) : lookup();

    private static uint SystemIndex(string name) =>
        name.Length is 0 or >= 16 || name.Contains('\0') ? 0 : LibC.IfNameToIndex(name);

    /// <summary>if_indextoname; null when unknown, or when there is no libc.</summary>
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

    /// <summary>if_nameindex in <paramref name="networkNamespace"/> as "INDEX NAME" lines (what a recording keeps), or
    /// null when it cannot be listed (not Linux, the namespace is gone).</summary>
    public static string? List(string? networkNamespace)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            return networkNamespace is null ? ListHere() : Netlink.NetworkNamespace.Run(networkNamespace, ListHere);
        }
        catch (Netlink.NetlinkException)
        {
            return null;
        }
    }

    private static unsafe string? ListHere()
    {
        var list = LibC.IfNameIndex();
        if (list == null)
        {
            return null;
        }
        try
        {
            var text = new StringBuilder();
            for (var entry = list; entry->Index != 0; entry++)
            {
                var name = Marshal.PtrToStringUTF8(entry->Name);
                if (!string.IsNullOrEmpty(name) && !name.Contains(' ') && !name.Contains('\n'))
                {
                    text.Append(entry->Index.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(name).Append('\n');
                }
            }
            return text.ToString();
        }
        finally
        {
            LibC.IfFreeNameIndex(list);
        }
    }
}
