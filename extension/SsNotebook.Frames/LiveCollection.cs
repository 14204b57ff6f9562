namespace SsNotebook;

/// <summary>
/// Live collection talks NETLINK_SOCK_DIAG and reads /proc: Linux only. Checked before the first P/Invoke, so
/// elsewhere (VS Code on Windows or macOS) the caller gets one clear line instead of "Unable to load DLL 'libc'".
/// Replaying a recording needs neither and works everywhere.
/// </summary>
internal static class LiveCollection
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

/// <summary>Live collection (<see cref="Ss.Run(string, Query.SsEnvironment)"/>, <c>Sampler.Run</c>) was asked for off
/// Linux, where there is no netlink or /proc; replaying a recording works everywhere.</summary>
public sealed class LiveCollectionNotSupportedException : PlatformNotSupportedException
{
    /// <summary>The exception with the standard message: live collection needs Linux, replays work
    /// everywhere.</summary>
    public LiveCollectionNotSupportedException() : base(LiveCollection.NeedsLinux)
    {
    }

    /// <summary>The exception with <paramref name="message"/>.</summary>
    /// <param name="message">What was asked for.</param>
    public LiveCollectionNotSupportedException(string message) : base(message)
    {
    }

    /// <summary>The exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What was asked for.</param>
    /// <param name="innerException">The failure that showed the platform lacks live collection.</param>
    public LiveCollectionNotSupportedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
