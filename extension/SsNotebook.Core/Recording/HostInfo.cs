namespace SsNotebook.Recording;

/// <summary>The host name and kernel release stamped into a recording (uname -n, uname -r).</summary>
internal static class HostInfo
{
    public static string HostName => ReadProc("/proc/sys/kernel/hostname") ?? Environment.MachineName;

    public static string KernelRelease =>
        ReadProc("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString();

    private static string? ReadProc(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
