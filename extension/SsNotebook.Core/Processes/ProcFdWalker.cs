namespace SsNotebook.Processes;

/// <summary>Which SELinux contexts a scan reads (-Z: each task's; -z: each socket descriptor's too) and from where.</summary>
internal sealed record ContextReads(ISecurityContextSource Source, bool Sockets);

/// <summary>
/// The /proc walk behind <see cref="ProcessTable"/>, on descriptors rather than path strings: one getdents64 pass
/// lists the tasks and their descriptor numbers, then readlinkat resolves each "N" relative to its task's fd
/// directory (split over two threads when there are many), then each task holding a socket gets its command name
/// from TID/stat. Nothing throws for a process that vanished: its calls just fail and it is skipped.
/// </summary>
internal static unsafe class ProcFdWalker
{
    private const int ParallelThreshold = 4096;
    private const int DirentBufferSize = 64 * 1024;

    /// <summary>One task whose descriptors were listed: its fds are Fds[FirstFd .. FirstFd+FdCount).</summary>
    private readonly record struct TaskEntry(int Pid, int Tid, int FirstFd, int FdCount);

    public static List<(uint Inode, SocketUser User)>? Walk(string procRoot, bool includeThreads, ContextReads? contexts)
    {
        var rootFd = LibC.Open(LibC.AtFdCwd, procRoot, LibC.ORdOnly | LibC.ODirectory);
        if (rootFd < 0)
        {
            return null;
        }
        try
        {
            var tasks = new List<TaskEntry>();
            var fds = new List<int>();
            ListTasks(rootFd, includeThreads, tasks, fds);
            var inodes = ResolveSockets(rootFd, tasks, fds);
            var users = CollectUsers(rootFd, tasks, fds, inodes, includeThreads);
            if (contexts is not null)
            {
                AddContexts(procRoot, users, contexts);
            }
            return users;
        }
        finally
        {
            LibC.Close(rootFd);
        }
    }

    private static void ListTasks(int rootFd, bool includeThreads, List<TaskEntry> tasks, List<int> fds)
    {
        var buffer = new byte[DirentBufferSize];
        var pids = new List<int>();
        ReadNumericNames(rootFd, buffer, pids);
        var tids = new List<int>();
        Span<byte> path = stackalloc byte[64];
        foreach (var pid in pids)
        {
            AddTask(rootFd, pid, pid, buffer, tasks, fds);
            if (!includeThreads)
            {
                continue;
            }
            var taskDir = OpenNumbered(rootFd, pid, "/task"u8, LibC.ODirectory, path);
            if (taskDir < 0)
            {
                continue;
            }
            tids.Clear();
            ReadNumericNames(taskDir, buffer, tids);
            LibC.Close(taskDir);
            foreach (var tid in tids)
            {
                if (tid != pid)
                {
                    AddTask(rootFd, pid, tid, buffer, tasks, fds);
                }
            }
        }
    }

    private static void AddTask(int rootFd, int pid, int tid, byte[] buffer, List<TaskEntry> tasks, List<int> fds)
    {
        Span<byte> path = stackalloc byte[64];
        var fdDir = OpenNumbered(rootFd, tid, "/fd"u8, LibC.ODirectory, path);
        if (fdDir < 0)
        {
            return;
        }
        var first = fds.Count;
        ReadNumericNames(fdDir, buffer, fds);
        LibC.Close(fdDir);
        if (fds.Count > first)
        {
            tasks.Add(new TaskEntry(pid, tid, first, fds.Count - first));
        }
    }

    /// <summary>Opens "ROOT/NUMBER SUFFIX" relative to the root descriptor; -1 on failure.</summary>
    private static int OpenNumbered(int rootFd, int number, ReadOnlySpan<byte> suffix, int flags, Span<byte> path)
    {
        FormatPath(path, number, suffix, -1);
        fixed (byte* pointer = path)
        {
            return LibC.OpenAt(rootFd, pointer, LibC.ORdOnly | LibC.OCloexec | flags, 0);
        }
    }

    /// <summary>Writes "NUMBER SUFFIX[FD]\0" into <paramref name="path"/>; returns its length without the NUL.</summary>
    private static int FormatPath(Span<byte> path, int number, ReadOnlySpan<byte> suffix, int fd)
    {
        number.TryFormat(path, out var length);
        suffix.CopyTo(path[length..]);
        length += suffix.Length;
        if (fd >= 0)
        {
            fd.TryFormat(path[length..], out var fdLength);
            length += fdLength;
        }
        path[length] = 0;
        return length;
    }

    /// <summary>Appends, in directory order, the numbers of the entries whose names start with a number
    /// (ss's sscanf("%d")), skipping the rest.</summary>
    private static void ReadNumericNames(int directoryFd, byte[] buffer, List<int> numbers)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var read = LibC.GetDents64(directoryFd, start, (nuint)buffer.Length);
                if (read <= 0)
                {
                    return;
                }
                var offset = 0;
                // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, char name[].
                while (offset + 19 < read)
                {
                    var recordLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 16, 2));
                    if (recordLength < 20 || offset + recordLength > read)
                    {
                        return;
                    }
                    if (ParseLeadingNumber(buffer.AsSpan(offset + 19, recordLength - 19)) is { } number)
                    {
                        numbers.Add(number);
                    }
                    offset += recordLength;
                }
            }
        }
    }

    private static int? ParseLeadingNumber(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || !char.IsAsciiDigit((char)name[0]))
        {
            return null;
        }
        long value = 0;
        foreach (var c in name)
        {
            if (!char.IsAsciiDigit((char)c))
            {
                break;
            }
            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                return null;
            }
        }
        return (int)value;
    }

    /// <summary>The socket inode behind each listed descriptor (0 when it is not a socket or is gone).</summary>
    private static uint[] ResolveSockets(int rootFd, List<TaskEntry> tasks, List<int> fds)
    {
        var inodes = new uint[fds.Count];
        if (tasks.Count == 0)
        {
            return inodes;
        }
        if (fds.Count < ParallelThreshold)
        {
            ResolveDescriptors(rootFd, tasks, fds, inodes, 0, fds.Count);
            return inodes;
        }
        // Split the tasks at the descriptor midpoint; one huge task is split on its own descriptors.
        var half = fds.Count / 2;
        var helper = new Thread(() => ResolveDescriptors(rootFd, tasks, fds, inodes, half, fds.Count), 256 * 1024);
        helper.Start();
        ResolveDescriptors(rootFd, tasks, fds, inodes, 0, half);
        helper.Join();
        return inodes;
    }

    /// <summary>Resolves fds[from..to), walking the tasks that own them.</summary>
    private static void ResolveDescriptors(int rootFd, List<TaskEntry> tasks, List<int> fds, uint[] inodes, int from, int to)
    {
        Span<byte> path = stackalloc byte[64];
        Span<byte> link = stackalloc byte[64];
        var taskIndex = FindTask(tasks, from);
        fixed (byte* pathPointer = path)
        fixed (byte* linkPointer = link)
        {
            for (; taskIndex < tasks.Count; taskIndex++)
            {
                var task = tasks[taskIndex];
                var first = Math.Max(from, task.FirstFd);
                var end = Math.Min(to, task.FirstFd + task.FdCount);
                if (first >= end)
                {
                    break;
                }
                // Each thread opens the task's fd directory itself, so readlinkat only looks up the number.
                var fdDir = OpenNumbered(rootFd, task.Tid, "/fd"u8, LibC.ODirectory, path);
                if (fdDir < 0)
                {
                    continue;
                }
                for (var index = first; index < end; index++)
                {
                    fds[index].TryFormat(path, out var written);
                    path[written] = 0;
                    // ss reads at most 63 bytes of the link.
                    var length = LibC.ReadLinkAt(fdDir, pathPointer, linkPointer, 63);
                    if (length > 0)
                    {
                        inodes[index] = ParseSocketInode(link[..(int)length]);
                    }
                }
                LibC.Close(fdDir);
            }
        }
    }

    private static int FindTask(List<TaskEntry> tasks, int fdIndex)
    {
        int low = 0, high = tasks.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (tasks[middle].FirstFd <= fdIndex)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }

    /// <summary>The number in "socket:[NUMBER]" (sscanf "%u": digits, wrapping), or 0.</summary>
    private static uint ParseSocketInode(ReadOnlySpan<byte> link)
    {
        if (!link.StartsWith("socket:["u8))
        {
            return 0;
        }
        var digits = link[8..];
        if (digits.IsEmpty || !char.IsAsciiDigit((char)digits[0]))
        {
            return 0;
        }
        uint value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit((char)c))
            {
                break;
            }
            value = unchecked((value * 10) + (uint)(c - '0'));
        }
        return value;
    }

    private static List<(uint Inode, SocketUser User)> CollectUsers(int rootFd, List<TaskEntry> tasks, List<int> fds, uint[] inodes, bool includeThreads)
    {
        var users = new List<(uint, SocketUser)>();
        Span<byte> path = stackalloc byte[64];
        Span<byte> stat = stackalloc byte[512];
        foreach (var task in tasks)
        {
            string? command = null;
            for (var index = task.FirstFd; index < task.FirstFd + task.FdCount; index++)
            {
                if (inodes[index] == 0)
                {
                    continue;
                }
                command ??= ReadCommand(rootFd, task.Tid, path, stat);
                users.Add((inodes[index], new SocketUser(command, task.Pid, fds[index], includeThreads ? task.Tid : 0)));
            }
        }
        return users;
    }

    /// <summary>The command name in TID/stat as ss's fscanf("%*d (%[^)])") reads it: from after the first '('
    /// up to the next ')'. Empty when the file cannot be read.</summary>
    private static string ReadCommand(int rootFd, int tid, Span<byte> path, Span<byte> stat)
    {
        var fd = OpenNumbered(rootFd, tid, "/stat"u8, 0, path);
        if (fd < 0)
        {
            return "";
        }
        nint length;
        fixed (byte* pointer = stat)
        {
            length = LibC.Read(fd, pointer, (nuint)stat.Length);
        }
        LibC.Close(fd);
        if (length <= 0)
        {
            return "";
        }
        var text = stat[..(int)length];
        var open = text.IndexOf((byte)'(');
        if (open < 0)
        {
            return "";
        }
        var name = text[(open + 1)..];
        var close = name.IndexOf((byte)')');
        if (close >= 0)
        {
            name = name[..close];
        }
        return Encoding.UTF8.GetString(name);
    }

    /// <summary>ss reads getpidcon(TID) once per task and getfilecon(PROC_ROOT/TID/fd/N) per socket descriptor;
    /// a context that cannot be read stays null, printed as "unavailable".</summary>
    private static void AddContexts(string procRoot, List<(uint Inode, SocketUser User)> users, ContextReads contexts)
    {
        var taskContexts = new Dictionary<int, string?>();
        for (var index = 0; index < users.Count; index++)
        {
            var (inode, user) = users[index];
            var tid = user.Tid == 0 ? user.Pid : user.Tid;
            if (!taskContexts.TryGetValue(tid, out var taskContext))
            {
                taskContext = SecurityContextText.ProcessContext(procRoot, tid);
                taskContexts[tid] = taskContext;
            }
            var socketContext = contexts.Sockets
                ? contexts.Source.FileContext(Path.Combine(procRoot, tid.ToString(CultureInfo.InvariantCulture), "fd", user.Fd.ToString(CultureInfo.InvariantCulture)))
                : null;
            users[index] = (inode, user with { ProcessContext = taskContext, SocketContext = socketContext });
        }
    }
}
