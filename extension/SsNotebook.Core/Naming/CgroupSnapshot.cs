namespace SsNotebook.Naming;

/// <summary>
/// The cgroup2 hierarchy of the machine a recording was made on, as its text needs it: each cgroup's id and path
/// (relative to the mount, "/" for the root), and whether ss itself found the mount there (not under -N when the
/// mount was below /sys). A replay prints cgroups from this, not from the replaying machine's hierarchy.
/// </summary>
/// <param name="MountFound">ss found a cgroup2 mount (otherwise its text said "Failed to find cgroup2 mount").</param>
/// <param name="Paths">Every cgroup's path by id; empty when the machine had no cgroup2 mount at all.</param>
internal sealed record CgroupSnapshot(bool MountFound, IReadOnlyDictionary<ulong, string> Paths);
