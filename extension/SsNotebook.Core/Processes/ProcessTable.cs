namespace SsNotebook.Processes;

/// <summary>One process (or thread, with -T) holding a socket: ss's users:(("comm",pid=N,fd=N)).</summary>
public readonly record struct SocketUser(string Command, int Pid, int Fd, int Tid = 0);

/// <summary>
/// Which processes hold which socket inodes, from one walk of PROC_ROOT/[pid]/fd (and task/[tid]/fd with -T).
/// Building it is linear in the number of descriptors.
/// </summary>
public sealed class ProcessTable
{
    public static ProcessTable Scan(string procRoot, bool includeThreads) =>
        throw new NotImplementedException("owned by the command-line work: Processes/");

    /// <summary>The holders of <paramref name="inode"/>, in ss's order (newest first), or empty.</summary>
    public ReadOnlySpan<SocketUser> UsersOf(uint inode) =>
        throw new NotImplementedException("owned by the command-line work: Processes/");
}
