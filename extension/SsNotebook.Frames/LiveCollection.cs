namespace SsNotebook;

/// <summary>
/// Live collection talks NETLINK_SOCK_DIAG and reads /proc: Linux only. Checked before the first P/Invoke, so
/// elsewhere (VS Code on Windows or macOS) the caller gets one clear line instead of "Unable to load DLL 'libc'".
/// Replaying a recording needs neither and works everywhere.
/// </summary>
public static class LiveCollection
{
    public const string NeedsLinux = "live collection needs Linux; --replay (SampleSet.Replay) works everywhere";

    /// <summary>Throws <see cref="LiveCollectionNotSupportedException"/> unless this is Linux.</summary>
    public static void EnsureSupported() => EnsureSupported(OperatingSystem.IsLinux());

    /// <summary>Throws <see cref="LiveCollectionNotSupportedException"/> unless <paramref name="isLinux"/>.</summary>
    public static void EnsureSupported(bool isLinux)
    {
        if (!isLinux)
        {
            throw new LiveCollectionNotSupportedException();
        }
    }
}

/// <summary>Live collection was asked for off Linux (see <see cref="LiveCollection"/>).</summary>
public sealed class LiveCollectionNotSupportedException : PlatformNotSupportedException
{
    public LiveCollectionNotSupportedException() : base(LiveCollection.NeedsLinux)
    {
    }

    public LiveCollectionNotSupportedException(string message) : base(message)
    {
    }

    public LiveCollectionNotSupportedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
