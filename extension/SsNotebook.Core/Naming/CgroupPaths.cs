namespace SsNotebook.Naming;

/// <summary>
/// cgroup id → path, as ss's cg_id_to_path: one walk of the cgroup2 mount (a cgroup's id is its directory's
/// inode number), paths relative to the mount ("/" for the root), <c>unreachable:ID</c> when unknown.
/// Without a cgroup2 mount ss says "Failed to find cgroup2 mount" on stderr when it first builds its map and again
/// on every lookup (each misses, and each looks for the mount again): so do these, into <paramref name="messages"/>.
/// </summary>
internal sealed class CgroupPaths(List<string> messages, string mountsFile = Cgroup2Mount.MountsFile)
{
    private const string NoMount = "Failed to find cgroup2 mount";

    private Dictionary<ulong, string>? _paths;
    private bool _mounted;

    public string PathOf(ulong id)
    {
        if (_paths is null)
        {
            _paths = Walk(mountsFile, out _mounted);
            if (!_mounted)
            {
                messages.Add(NoMount);
            }
        }
        if (_paths.TryGetValue(id, out var path))
        {
            return path;
        }
        if (!_mounted)
        {
            messages.Add(NoMount);
        }
        return "unreachable:" + id.ToString("x", CultureInfo.InvariantCulture);
    }

    private static Dictionary<ulong, string> Walk(string mountsFile, out bool mounted)
    {
        var paths = new Dictionary<ulong, string>();
        var mount = Cgroup2Mount.Find(mountsFile);
        mounted = mount is not null;
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
