namespace SsNotebook.Processes;

/// <summary>One process (or thread, with -T) holding a socket: ss's users:(("comm",pid=N,fd=N)). With -Z and -z
/// also the task's SELinux context and the socket's (null when they were not read or could not be).</summary>
/// <param name="Command">The process's command name (/proc/PID/stat comm, at most 15 characters).</param>
/// <param name="Pid">The process id.</param>
/// <param name="Fd">The descriptor number the process holds the socket under.</param>
/// <param name="Tid">The thread id with -T (ss's tid=), 0 otherwise.</param>
/// <param name="ProcessContext">The task's SELinux context with -Z or -z (ss's proc_ctx=), else null.</param>
/// <param name="SocketContext">The socket's SELinux context with -z (ss's fd_ctx=), else null.</param>
public readonly record struct SocketUser(string Command, int Pid, int Fd, int Tid = 0, string? ProcessContext = null, string? SocketContext = null);

/// <summary>
/// Which processes hold which socket inodes, from one walk of PROC_ROOT/[pid]/fd (and task/[tid]/fd with -T).
/// Building it is linear in the number of descriptors.
/// </summary>
public sealed class ProcessTable
{
    private static readonly ProcessTable EmptyTable = new(new Dictionary<uint, Range>(), []);

    // Each inode's holders sit together in _users; the range locates them.
    private readonly Dictionary<uint, Range> _ranges;
    private readonly SocketUser[] _users;

    private ProcessTable(Dictionary<uint, Range> ranges, SocketUser[] users, ContextKinds contexts = default)
    {
        _ranges = ranges;
        _users = users;
        HasProcessContexts = contexts.Processes;
        HasSocketContexts = contexts.Sockets;
    }

    /// <summary>Which contexts a table was asked to carry, whether or not any could be read.</summary>
    private readonly record struct ContextKinds(bool Processes, bool Sockets);

    /// <summary>The scan read each holder's task context (-Z or -z): <see cref="SocketUser.ProcessContext"/> is
    /// set wherever it could be read.</summary>
    public bool HasProcessContexts { get; }

    /// <summary>The scan read each holder's socket descriptor context (-z): <see cref="SocketUser.SocketContext"/>
    /// is set wherever it could be read.</summary>
    public bool HasSocketContexts { get; }

    /// <summary>A table holding no socket at all.</summary>
    public static ProcessTable Empty => EmptyTable;

    /// <summary>Walks <paramref name="procRoot"/> as ss does: every [0-9]* directory's fd/ (and, with
    /// <paramref name="includeThreads"/>, the fd/ of each other thread listed in its task/). Processes that vanish
    /// meanwhile are skipped; an unreadable root gives an empty table.</summary>
    public static ProcessTable Scan(string procRoot, bool includeThreads) =>
        ProcFdWalker.Walk(procRoot, includeThreads, null) is { } found ? Build(found) : EmptyTable;

    /// <summary><see cref="ScanFor"/> started on the thread pool, so that the /proc walk overlaps the netlink dump
    /// (each takes most of a core at scale); already complete, with null, when the query shows no holders.</summary>
    internal static Task<ProcessTable?> StartScanFor(SsQuery query, SsEnvironment environment) =>
        query.Show.Processes ? Task.Run(() => ScanFor(query, environment)) : Task.FromResult<ProcessTable?>(null);

    /// <summary>The table <paramref name="query"/> shows (under the environment's PROC_ROOT), or null when it shows
    /// no holders: only -p shows the Process column (ss 6.10 prints -Z's users:(…) there too, so -Z without -p shows
    /// nothing). -Z adds each task's context, -z each socket descriptor's as well, read through
    /// <see cref="SsEnvironment.SecurityContexts"/>; without them no context is read.</summary>
    public static ProcessTable? ScanFor(SsQuery query, SsEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(environment);
        var show = query.Show;
        if (!show.Processes)
        {
            return null;
        }
        var kinds = new ContextKinds(show.ProcessContext || show.SocketContext, show.SocketContext);
        var contexts = kinds.Processes ? new ContextReads(environment.SecurityContexts, kinds.Sockets) : null;
        return Build(ProcFdWalker.Walk(environment.ProcRoot, show.Threads, contexts) ?? [], kinds);
    }

    /// <summary>A table holding exactly <paramref name="holders"/>, each inode's holders listed in the order
    /// <see cref="UsersOf"/> returns them (used to replay recordings), carrying the contexts the flags say.</summary>
    internal static ProcessTable FromHolders(IReadOnlyList<(uint Inode, SocketUser User)> holders, bool processContexts = false, bool socketContexts = false)
    {
        ArgumentNullException.ThrowIfNull(holders);
        var found = holders.ToArray();
        // Build lists the first one found last: feed them in reverse to keep the given order.
        Array.Reverse(found);
        return Build(found, new ContextKinds(processContexts || socketContexts, socketContexts));
    }

    /// <summary>The number of (socket, holder) pairs found.</summary>
    public int Count => _users.Length;

    /// <summary>The holders of <paramref name="inode"/>, in ss's order (newest first), or empty.</summary>
    public ReadOnlySpan<SocketUser> UsersOf(uint inode) =>
        _ranges.TryGetValue(inode, out var range) ? _users.AsSpan(range) : [];

    /// <summary>Groups the holders by inode. ss chains each new holder in front of the older ones, so within one
    /// inode the last one found is listed first.</summary>
    private static ProcessTable Build(IReadOnlyList<(uint Inode, SocketUser User)> found, ContextKinds contexts = default)
    {
        var counts = new Dictionary<uint, int>(found.Count);
        foreach (var (inode, _) in found)
        {
            counts[inode] = counts.GetValueOrDefault(inode) + 1;
        }
        var ranges = new Dictionary<uint, Range>(counts.Count);
        var next = 0;
        foreach (var (inode, count) in counts)
        {
            ranges[inode] = new Range(next, next + count);
            next += count;
        }
        // Fill every range from its end, so the first holder found lands last.
        var users = new SocketUser[found.Count];
        foreach (var (inode, user) in found)
        {
            var left = counts[inode] - 1;
            counts[inode] = left;
            users[ranges[inode].Start.Value + left] = user;
        }
        return new ProcessTable(ranges, users, contexts);
    }
}
