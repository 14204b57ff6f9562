namespace SsNotebook.Netlink;

/// <summary>
/// Runs code inside a named network namespace (/var/run/netns/NAME, as <c>ip netns</c> creates) without moving the
/// whole process: a dedicated thread calls setns(CLONE_NEWNET), runs the work and ends. Sockets created on that thread
/// (netlink or .NET sockets) stay in the namespace for their whole life, and /proc/thread-self/net shows its files.
/// </summary>
internal static class NetworkNamespace
{
    public const string RunDirectory = "/var/run/netns";

    /// <summary>The /proc/net directory of the calling thread's namespace (use it from inside <see cref="Run{T}"/>).</summary>
    public const string ThreadProcNet = "/proc/thread-self/net";

    /// <summary>
    /// Runs <paramref name="work"/> in namespace <paramref name="name"/> and returns its result; exceptions are
    /// rethrown on the caller. A namespace that cannot be entered throws <see cref="NetlinkException"/> with ss's message.
    /// </summary>
    public static T Run<T>(string name, Func<T> work)
    {
        var path = name.Contains('/') ? name : Path.Combine(RunDirectory, name);
        var fd = LibC.Open(path, LibC.ORdOnly | LibC.OCloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new NetlinkException(errno, $"Cannot open network namespace \"{name}\": {LibC.ErrorText(errno)}");
        }
        try
        {
            return RunOnThread(fd, name, work);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    public static void Run(string name, Action work) => Run(name, () =>
    {
        work();
        return 0;
    });

    private static T RunOnThread<T>(int namespaceFd, string name, Func<T> work)
    {
        T? result = default;
        Exception? failure = null;
        // The thread is never returned to a pool: it dies with its namespace, so nothing else runs in it by accident.
        var thread = new Thread(() =>
        {
            try
            {
                if (LibC.SetNs(namespaceFd, LibC.CloneNewNet) < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw new NetlinkException(errno, $"setting the network namespace \"{name}\" failed: {LibC.ErrorText(errno)}");
                }
                result = work();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        })
        {
            IsBackground = true,
            Name = $"netns {name}",
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return result!;
    }
}
