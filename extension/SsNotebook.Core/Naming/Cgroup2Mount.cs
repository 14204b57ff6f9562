namespace SsNotebook.Naming;

/// <summary>Where the cgroup v2 hierarchy is mounted, as iproute2's find_cgroup2_mount reads it (without mounting one
/// when there is none): both cgroup directions, path → id and id → path, start from it.</summary>
internal static class Cgroup2Mount
{
    public const string MountsFile = "/proc/mounts";

    /// <summary>The mount point of the first cgroup2 line of <paramref name="mountsFile"/>, or null;
    /// <paramref name="hideSys"/> passes over mounts at or below /sys, which ss -N's fresh sysfs hides.</summary>
    public static string? Find(string mountsFile = MountsFile, bool hideSys = false)
    {
        try
        {
            foreach (var line in File.ReadLines(mountsFile))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3 && fields[2] == "cgroup2" && !(hideSys && IsAtOrBelowSys(fields[1])))
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

    private static bool IsAtOrBelowSys(string mountPoint) =>
        mountPoint == "/sys" || mountPoint.StartsWith("/sys/", StringComparison.Ordinal);
}
