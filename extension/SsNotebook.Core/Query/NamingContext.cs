using SsNotebook.Interop;

namespace SsNotebook.Query;

/// <summary>
/// The naming tables ss's text and filter read from the machine, kept as the files' text: the services and
/// protocols databases (service and protocol names, <c>:ssh</c>-style ports in filters) and ip_local_port_range
/// (ports inside it are never named; the <c>autobound</c> filter). A recording carries one so a replay, on any
/// machine or OS, names ports exactly as the recording machine did. A null member means the file could not be read
/// there, which ss treats as an empty database (or the default range).
/// </summary>
internal sealed record NamingContext
{
    /// <summary>The services database text (/etc/services, or the -N namespace's own).</summary>
    public string? Services { get; init; }

    /// <summary>The protocols database text (/etc/protocols, or the -N namespace's own).</summary>
    public string? Protocols { get; init; }

    /// <summary>The ip_local_port_range text ("32768\t60999\n").</summary>
    public string? PortRange { get; init; }

    /// <summary>The network interfaces, one "INDEX NAME" line each (names never hold blanks): the <c>%dev</c> of
    /// device-bound sockets and <c>dev NAME</c> in filters. Null when they could not be listed.</summary>
    public string? Interfaces { get; init; }

    /// <summary>The name of interface <paramref name="index"/> in <see cref="Interfaces"/>, or null.</summary>
    public string? InterfaceName(uint index)
    {
        foreach (var (number, name) in InterfaceEntries())
        {
            if (number == index)
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>The index of interface <paramref name="name"/> in <see cref="Interfaces"/>, or 0 (if_nametoindex's "none").</summary>
    public uint InterfaceIndex(string name)
    {
        foreach (var (number, entry) in InterfaceEntries())
        {
            if (entry == name)
            {
                return number;
            }
        }
        return 0;
    }

    private IEnumerable<(uint Index, string Name)> InterfaceEntries()
    {
        var reader = new StringReader(Interfaces ?? "");
        while (reader.ReadLine() is { } line)
        {
            var blank = line.IndexOf(' ');
            if (blank > 0 && uint.TryParse(line.AsSpan(0, blank), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                yield return (index, line[(blank + 1)..]);
            }
        }
    }

    /// <summary>Reads the tables <paramref name="environment"/> would use for a query in <paramref name="networkNamespace"/>
    /// (its own <see cref="SsEnvironment.Naming"/> when it has one). The databases are kept in
    /// <see cref="CompactTable"/> form, which halves a recording's share of them.</summary>
    public static NamingContext Capture(SsEnvironment environment, string? networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Naming ?? new NamingContext
        {
            Services = CompactTable(environment.ReadServices(networkNamespace)),
            Protocols = CompactTable(environment.ReadProtocols(networkNamespace)),
            PortRange = environment.ReadPortRange(),
            Interfaces = ListInterfaces(networkNamespace),
        };
    }

    /// <summary>if_nameindex in <paramref name="networkNamespace"/> (ss's view with -N), or null when it cannot be
    /// listed (not Linux, the namespace is gone).</summary>
    private static string? ListInterfaces(string? networkNamespace)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            return networkNamespace is null ? InterfaceList.Read() : Netlink.NetworkNamespace.Run(networkNamespace, InterfaceList.Read);
        }
        catch (Netlink.NetlinkException)
        {
            return null;
        }
    }

    /// <summary>
    /// A services or protocols database without what its readers skip: '#' comments, blank lines and runs of
    /// blanks (fields are split on spaces and tabs), one entry per line, in order — so it names exactly as the
    /// original does.
    /// </summary>
    public static string? CompactTable(string? table)
    {
        if (table is null)
        {
            return null;
        }
        var compact = new System.Text.StringBuilder(table.Length / 2);
        var reader = new StringReader(table);
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#');
            var fields = (hash >= 0 ? line[..hash] : line).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                compact.AppendJoin(' ', fields).Append('\n');
            }
        }
        return compact.ToString();
    }

    /// <summary>The text of <paramref name="path"/>, or null when it cannot be read (as libc sees a missing database).</summary>
    internal static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>The interfaces of the calling thread's network namespace as "INDEX NAME" lines (if_nameindex).</summary>
internal static unsafe class InterfaceList
{
    public static string? Read()
    {
        var list = LibC.IfNameIndex();
        if (list == null)
        {
            return null;
        }
        try
        {
            var text = new System.Text.StringBuilder();
            for (var entry = list; entry->Index != 0; entry++)
            {
                var name = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(entry->Name);
                if (!string.IsNullOrEmpty(name) && !name.Contains(' ') && !name.Contains('\n'))
                {
                    text.Append(entry->Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(name).Append('\n');
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
