namespace SsNotebook.Naming;

/// <summary>
/// cgroup v2 ids and paths as one ss invocation sees them, for the filter (path → id) and the text (id → path).
/// </summary>
/// <remarks>
/// ss -N switches into a mount namespace of its own and mounts a fresh sysfs over /sys, which hides every mount below
/// /sys — where cgroup2 usually is. There ss finds no cgroup2 mount: its text says "Failed to find cgroup2 mount"
/// and prints <c>unreachable:ID</c>, and its cgroup filter cannot resolve a path through that mount either. A replay
/// of a recording that kept the hierarchy (<see cref="CgroupSnapshot"/>) reads it instead of this machine's.
/// </remarks>
/// <param name="switchedNamespace">True under -N (ss has remounted /sys).</param>
/// <param name="mountsFile">The mount table to read (/proc/mounts).</param>
internal sealed class CgroupNames(bool switchedNamespace, string mountsFile = Cgroup2Mount.MountsFile)
{
    private const string NoMount = "Failed to find cgroup2 mount";

    private readonly CgroupSnapshot? _recorded;
    private IReadOnlyDictionary<ulong, string>? _paths;
    private bool _ssFoundMount;
    private bool _mapBuilt;

    /// <summary>A replay's view: the recording machine's hierarchy; with <paramref name="asSsSawIt"/> a missing
    /// mount is reported and every id unreachable, as ss printed them there.</summary>
    private CgroupNames(CgroupSnapshot recorded, bool asSsSawIt)
        : this(switchedNamespace: false)
    {
        _recorded = recorded;
        _ssFoundMount = !asSsSawIt || recorded.MountFound;
        _paths = _ssFoundMount ? recorded.Paths : new Dictionary<ulong, string>();
    }

    /// <summary>The names a replay prints: the recording machine's cgroups, as ss saw them there.</summary>
    public static CgroupNames Replaying(CgroupSnapshot recorded) =>
        new(recorded ?? throw new ArgumentNullException(nameof(recorded)), asSsSawIt: true);

    /// <summary>The names for a frame's <c>cgroup</c> column: the same hierarchy, but where ss lost the mount (under
    /// -N) the frame still names each cgroup.</summary>
    public CgroupNames ForFrames() =>
        _recorded is { } recorded ? new CgroupNames(recorded, asSsSawIt: false) : new CgroupNames(switchedNamespace: false, mountsFile);

    /// <summary>The hierarchy as a recording keeps it: this process's view of the cgroup2 mount, and whether ss
    /// (under -N: <paramref name="switchedNamespace"/>) would have found it.</summary>
    public static CgroupSnapshot Capture(bool switchedNamespace, string mountsFile = Cgroup2Mount.MountsFile) =>
        new(Cgroup2Mount.Find(mountsFile, hideSys: switchedNamespace) is not null,
            Cgroup2Mount.Find(mountsFile) is { } mount ? Walk(mount) : new Dictionary<ulong, string>());

    /// <summary>The id of <paramref name="path"/>, as ss's cgroup filter resolves it, or null with ss's messages in
    /// <paramref name="messages"/>.</summary>
    public ulong? IdOf(string path, List<string> messages) =>
        CgroupIds.Resolve(path, messages, MountSsSees, directly: !IsHiddenFromSs(path));

    /// <summary>
    /// The path of cgroup <paramref name="id"/>, as ss's cg_id_to_path: one walk of the mount (a cgroup's id is its
    /// directory's inode number), paths relative to it ("/" for the root), <c>unreachable:ID</c> when unknown.
    /// Without a mount ss says "Failed to find cgroup2 mount" when it first builds its map and again on every
    /// lookup (each misses, and each looks for the mount again): so does this, into <paramref name="messages"/>.
    /// </summary>
    public string PathOf(ulong id, List<string> messages)
    {
        if (!_mapBuilt)
        {
            _mapBuilt = true;
            if (_paths is null)
            {
                var mount = MountSsSees();
                _ssFoundMount = mount is not null;
                _paths = mount is null ? new Dictionary<ulong, string>() : Walk(mount);
            }
            if (!_ssFoundMount)
            {
                messages.Add(NoMount);
            }
        }
        if (_paths!.TryGetValue(id, out var path))
        {
            return path;
        }
        if (!_ssFoundMount)
        {
            messages.Add(NoMount);
        }
        return "unreachable:" + id.ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>The mount ss's find_cgroup2_mount would find, or null (a replay's filter never resolves a path).</summary>
    private string? MountSsSees() => _recorded is null ? Cgroup2Mount.Find(mountsFile, hideSys: switchedNamespace) : null;

    /// <summary>True for a path that exists for this process but not for ss -N: one on a cgroup2 mount below /sys.</summary>
    private bool IsHiddenFromSs(string path) =>
        switchedNamespace && MountSsSees() is null && Cgroup2Mount.Find(mountsFile) is { } hidden
        && (path == hidden || path.StartsWith(hidden.TrimEnd('/') + "/", StringComparison.Ordinal));

    private static Dictionary<ulong, string> Walk(string mount)
    {
        var paths = new Dictionary<ulong, string>();
        if (!TryStat(mount, out var rootDevice, out var rootInode))
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
