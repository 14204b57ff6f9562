using System.Net;
using System.Net.Sockets;
using SsNotebook.Processes;

namespace SsNotebook.Core.Tests.Processes;

public sealed class ProcessTableTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ssn-proc-");

    public void Dispose() => _root.Delete(recursive: true);

    private void AddProcess(int pid, string stat, params (int Fd, string Target)[] fds) =>
        AddTask(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), stat, fds);

    private void AddTask(string directory, string? stat, params (int Fd, string Target)[] fds)
    {
        var path = Path.Combine(_root.FullName, directory);
        Directory.CreateDirectory(Path.Combine(path, "fd"));
        if (stat is not null)
        {
            File.WriteAllText(Path.Combine(path, "stat"), stat);
        }
        foreach (var (fd, target) in fds)
        {
            File.CreateSymbolicLink(Path.Combine(path, "fd", fd.ToString(System.Globalization.CultureInfo.InvariantCulture)), target);
        }
    }

    /// <summary>The pids in the order the directory lists them (ss's order of discovery).</summary>
    private List<int> PidsInDirectoryOrder() =>
        Directory.EnumerateDirectories(_root.FullName).Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _)).Select(name => int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public void FindsSocketsAndCommandNames()
    {
        AddProcess(100, "100 (nginx) S 1 100 100 0 -1", (3, "socket:[123]"), (4, "/dev/null"), (5, "socket:[456]"), (6, "pipe:[789]"));
        var table = ProcessTable.Scan(_root.FullName, includeThreads: false);
        Assert.Equal(2, table.Count);
        Assert.Equal([new SocketUser("nginx", 100, 3)], table.UsersOf(123).ToArray());
        Assert.Equal([new SocketUser("nginx", 100, 5)], table.UsersOf(456).ToArray());
        Assert.True(table.UsersOf(789).IsEmpty);
        Assert.True(table.UsersOf(1).IsEmpty);
    }

    [Fact]
    public void SharedSocketListsTheLastFoundFirst()
    {
        AddProcess(100, "100 (one) S", (3, "socket:[123]"));
        AddProcess(200, "200 (two) S", (7, "socket:[123]"));
        AddProcess(300, "300 (three) S", (9, "socket:[123]"));
        var table = ProcessTable.Scan(_root.FullName, includeThreads: false);
        var names = new Dictionary<int, string> { [100] = "one", [200] = "two", [300] = "three" };
        var fds = new Dictionary<int, int> { [100] = 3, [200] = 7, [300] = 9 };
        var expected = PidsInDirectoryOrder().AsEnumerable().Reverse().Select(pid => new SocketUser(names[pid], pid, fds[pid])).ToArray();
        Assert.Equal(expected, table.UsersOf(123).ToArray());
    }

    [Fact]
    public void CommandStopsAtTheFirstClosingParenthesisAsSsReadsIt()
    {
        AddProcess(42, "42 (a) b) S 1", (3, "socket:[5]"));
        AddProcess(43, "43 (tmux: server) S 1", (3, "socket:[6]"));
        var table = ProcessTable.Scan(_root.FullName, includeThreads: false);
        Assert.Equal("a", table.UsersOf(5)[0].Command);
        Assert.Equal("tmux: server", table.UsersOf(6)[0].Command);
    }

    [Fact]
    public void SkipsNonNumericEntriesAndBadLinks()
    {
        AddProcess(10, "10 (x) S", (3, "socket:[abc]"), (4, "socket:[77]"), (5, "socket:"), (6, "sock:[78]"));
        AddTask("self", "1 (self) S", (3, "socket:[99]"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "sys"));
        File.WriteAllText(Path.Combine(_root.FullName, "uptime"), "1.0 2.0");
        // A process whose fd directory is gone (it exited) is skipped.
        Directory.CreateDirectory(Path.Combine(_root.FullName, "11"));
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "10", "fd", "notanumber"), "socket:[88]");
        var table = ProcessTable.Scan(_root.FullName, includeThreads: false);
        Assert.Equal(1, table.Count);
        Assert.Equal([new SocketUser("x", 10, 4)], table.UsersOf(77).ToArray());
        Assert.True(table.UsersOf(99).IsEmpty);
        Assert.True(table.UsersOf(88).IsEmpty);
    }

    [Fact]
    public void UnreadableStatGivesAnEmptyCommand()
    {
        AddProcess(10, "10 (x) S", (3, "socket:[1]"));
        File.Delete(Path.Combine(_root.FullName, "10", "stat"));
        Assert.Equal([new SocketUser("", 10, 3)], ProcessTable.Scan(_root.FullName, false).UsersOf(1).ToArray());
    }

    [Fact]
    public void MissingRootGivesAnEmptyTable() =>
        Assert.Equal(0, ProcessTable.Scan(Path.Combine(_root.FullName, "absent"), false).Count);

    [Fact]
    public void ThreadsAddOneEntryPerOtherThreadReadFromTheRoot()
    {
        AddProcess(100, "100 (main) S", (3, "socket:[123]"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "100", "task", "100"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "100", "task", "101"));
        // As ss does, the thread's descriptors are read at ROOT/TID/fd.
        AddTask("101", "101 (worker) S", (3, "socket:[123]"));

        var withThreads = ProcessTable.Scan(_root.FullName, includeThreads: true).UsersOf(123).ToArray();
        Assert.Contains(new SocketUser("main", 100, 3, 100), withThreads);
        Assert.Contains(new SocketUser("worker", 100, 3, 101), withThreads);
        // ROOT/101 is also a process directory of its own in this fake tree.
        Assert.Contains(new SocketUser("worker", 101, 3, 101), withThreads);
        Assert.Equal(3, withThreads.Length);

        var withoutThreads = ProcessTable.Scan(_root.FullName, includeThreads: false).UsersOf(123).ToArray();
        Assert.Equal(2, withoutThreads.Length);
        Assert.All(withoutThreads, user => Assert.Equal(0, user.Tid));
    }

    [Fact]
    public void ManyDescriptorsAreSplitAcrossThreadsWithoutChangingTheOrder()
    {
        var fds = Enumerable.Range(3, 6000).Select(fd => (fd, $"socket:[{(fd % 1000) + 1}]")).ToArray();
        AddProcess(500, "500 (big) S", fds);
        var table = ProcessTable.Scan(_root.FullName, includeThreads: false);
        Assert.Equal(6000, table.Count);
        var expectedOrder = Directory.EnumerateFileSystemEntries(Path.Combine(_root.FullName, "500", "fd"))
            .Select(path => int.Parse(Path.GetFileName(path), System.Globalization.CultureInfo.InvariantCulture))
            .Where(fd => (fd % 1000) + 1 == 7).Reverse().ToArray();
        Assert.Equal(expectedOrder, table.UsersOf(7).ToArray().Select(user => user.Fd).ToArray());
    }

    [Fact]
    public void FindsOwnSocketInRealProc()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var fd = (int)socket.SafeHandle.DangerousGetHandle();
        var link = new FileInfo($"/proc/self/fd/{fd}").LinkTarget!;
        Assert.StartsWith("socket:[", link, StringComparison.Ordinal);
        var inode = uint.Parse(link[8..^1], System.Globalization.CultureInfo.InvariantCulture);
        var stat = File.ReadAllText("/proc/self/stat");
        var command = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.IndexOf(')', StringComparison.Ordinal)];

        var users = ProcessTable.Scan("/proc", includeThreads: false).UsersOf(inode).ToArray();
        Assert.Contains(new SocketUser(command, Environment.ProcessId, fd), users);
    }
}
