using System.Globalization;
using System.Runtime.InteropServices;
using SsNotebook.Interop;

namespace SsNotebook.Text;

/// <summary>
/// cgroup id → path, as ss's cg_id_to_path: one walk of the cgroup2 mount (a cgroup's id is its directory's
/// inode number), paths relative to the mount ("/" for the root), <c>unreachable:ID</c> when unknown.
/// </summary>
internal sealed class CgroupPaths
{
    private Dictionary<ulong, string>? _paths;

    public string PathOf(ulong id)
    {
        _paths ??= Walk();
        return _paths.TryGetValue(id, out var path) ? path : "unreachable:" + id.ToString("x", CultureInfo.InvariantCulture);
    }

    private static Dictionary<ulong, string> Walk()
    {
        var paths = new Dictionary<ulong, string>();
        var mount = FindCgroup2Mount();
        if (mount is null || !TryStat(mount, out var rootDevice, out var rootInode))
        {
            return paths;
        }
        paths.TryAdd(rootInode, "/");
        var pending = new Stack<string>();
        pending.Push(mount);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var child in children)
            {
                if (!TryStat(child, out var device, out var inode) || device != rootDevice)
                {
                    continue;
                }
                paths.TryAdd(inode, child[mount.TrimEnd('/').Length..]);
                pending.Push(child);
            }
        }
        return paths;
    }

    private static string? FindCgroup2Mount()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/mounts"))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3 && fields[2] == "cgroup2")
                {
                    return fields[1];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static bool TryStat(string path, out ulong device, out ulong inode)
    {
        // struct stat begins with st_dev and st_ino (8 bytes each) on every 64-bit Linux ABI.
        Span<byte> buffer = stackalloc byte[256];
        if (LibC.Stat(path, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            device = inode = 0;
            return false;
        }
        device = MemoryMarshal.Read<ulong>(buffer);
        inode = MemoryMarshal.Read<ulong>(buffer[8..]);
        return true;
    }
}
