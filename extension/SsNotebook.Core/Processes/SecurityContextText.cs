namespace SsNotebook.Processes;

/// <summary>How libselinux turns what the kernel hands out into a context string: everything before the first NUL.
/// Also the process label (getpidcon), which is PROC_ROOT/PID/attr/current.</summary>
internal static class SecurityContextText
{
    // libselinux reads at most a page less its NUL.
    private const int MaximumLength = 4095;

    /// <summary>What ss prints for a context it could not read.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The text before the first NUL of <paramref name="label"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> label)
    {
        var end = label.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? label : label[..end]);
    }

    /// <summary>getpidcon(<paramref name="pid"/>): PROC_ROOT/PID/attr/current, or null when it cannot be read or
    /// is empty (libselinux then gives no context at all).</summary>
    public static string? ProcessContext(string procRoot, int pid) =>
        ReadFile(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "attr", "current"), allowEmpty: false);

    /// <summary>The first <see cref="MaximumLength"/> bytes of <paramref name="path"/>, decoded; null when the file
    /// cannot be read (or is empty, unless <paramref name="allowEmpty"/>).</summary>
    public static string? ReadFile(string path, bool allowEmpty)
    {
        Span<byte> buffer = stackalloc byte[MaximumLength];
        int length;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            length = file.Read(buffer);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return length > 0 || allowEmpty ? Decode(buffer[..length]) : null;
    }
}
