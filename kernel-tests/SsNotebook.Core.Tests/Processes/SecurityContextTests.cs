using System.Globalization;
using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Text;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Processes;

/// <summary>-Z and -z with SELinux "enabled" over a fake PROC_ROOT and a fake label source (this machine has no
/// SELinux), plus the refusal when it is not enabled.</summary>
public sealed class SecurityContextTests : IDisposable
{
    private const string SshdContext = "system_u:system_r:sshd_t:s0-s0:c0.c1023";
    private const string SshdSocketContext = "system_u:system_r:sshd_t:s0-s0:c0.c1023:sock";
    private const string KernelContext = "system_u:system_r:kernel_t:s0";
    private const string WebContext = "system_u:system_r:httpd_t:s0";

    // The text tests' fixture directory, found through a file TextTestSupport names there.
    private static readonly string BasicDump =
        Path.Combine(Path.GetDirectoryName(TextTestSupport.Environment.IpLocalPortRangeFile)!, "basic.dump");

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ssn-selinux-");
    private readonly FakeContextSource _labels = new();

    public SecurityContextTests()
    {
        // basic.dump's ESTAB 10.0.0.1:22 is inode 4000000002, its ESTAB 127.0.0.1:80 is 4000000003.
        AddTask(100, "100 (sshd) S 1", SshdContext + "\0", (3, "socket:[4000000002]"), (4, "/dev/null"));
        AddTask(200, "200 (httpd) S 1", null, (5, "socket:[4000000003]"));
        _labels.Files[Path.Combine(_root.FullName, "100", "fd", "3")] = SshdSocketContext;
    }

    public void Dispose() => _root.Delete(recursive: true);

    private SsEnvironment Environment => TextTestSupport.Environment with
    {
        SelinuxEnabled = true,
        ProcRoot = _root.FullName,
        SecurityContexts = _labels,
        TcpDiagFile = BasicDump,
    };

    private void AddTask(int pid, string stat, string? context, params (int Fd, string Target)[] fds)
    {
        var path = Path.Combine(_root.FullName, Number(pid));
        Directory.CreateDirectory(Path.Combine(path, "fd"));
        Directory.CreateDirectory(Path.Combine(path, "attr"));
        File.WriteAllText(Path.Combine(path, "stat"), stat);
        if (context is not null)
        {
            File.WriteAllText(Path.Combine(path, "attr", "current"), context);
        }
        foreach (var (fd, target) in fds)
        {
            File.CreateSymbolicLink(Path.Combine(path, "fd", Number(fd)), target);
        }
    }

    private void AddThread(int pid, int tid, string context)
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, Number(pid), "task", Number(pid)));
        Directory.CreateDirectory(Path.Combine(_root.FullName, Number(pid), "task", Number(tid)));
        AddTask(tid, $"{tid} (httpd-worker) S 1", context, (5, "socket:[4000000003]"));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private (int ExitCode, string Stdout, string Stderr) Run(SsEnvironment environment, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = SsApplication.Run(args, TextReader.Null, stdout, stderr, environment, TextLayout.Compact);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    /// <summary>The text after the peer of the line whose local address is <paramref name="local"/>.</summary>
    private static string UsersOf(string output, string local)
    {
        var line = output.Split('\n').Single(line => line.Contains(" " + local + " ", StringComparison.Ordinal));
        var users = line.IndexOf(" users:", StringComparison.Ordinal);
        return users < 0 ? "" : line[users..].TrimEnd();
    }

    [Fact]
    public void ProcessContextGoesBeforeTheDescriptor()
    {
        var (exit, stdout, stderr) = Run(Environment, "-tnpZ");
        Assert.Equal((0, ""), (exit, stderr));
        Assert.Equal($" users:((\"sshd\",pid=100,proc_ctx={SshdContext},fd=3))", UsersOf(stdout, "10.0.0.1:22"));
        // httpd has no attr/current to read.
        Assert.Equal(" users:((\"httpd\",pid=200,proc_ctx=unavailable,fd=5))", UsersOf(stdout, "127.0.0.1:80"));
    }

    [Fact]
    public void SocketContextFollowsTheDescriptor()
    {
        var (exit, stdout, stderr) = Run(Environment, "-tnpz");
        Assert.Equal((0, ""), (exit, stderr));
        Assert.Equal($" users:((\"sshd\",pid=100,proc_ctx={SshdContext},fd=3,sock_ctx={SshdSocketContext}))", UsersOf(stdout, "10.0.0.1:22"));
        // No label for PROC_ROOT/200/fd/5: getfilecon fails.
        Assert.Equal(" users:((\"httpd\",pid=200,proc_ctx=unavailable,fd=5,sock_ctx=unavailable))", UsersOf(stdout, "127.0.0.1:80"));
        Assert.Equal([Path.Combine(_root.FullName, "100", "fd", "3"), Path.Combine(_root.FullName, "200", "fd", "5")],
            _labels.FilesAsked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ThreadsReadTheirOwnContext()
    {
        // A web server thread whose label is readable (ROOT/201 is also a process of its own in this fake tree).
        AddThread(200, 201, WebContext);
        var table = ProcessTable.ScanFor(SsCommandLine.Parse(["-tnpTZ"], Environment).Query, Environment)!;
        var users = table.UsersOf(4000000003).ToArray();
        Assert.Contains(new SocketUser("httpd", 200, 5, 200), users);
        Assert.Contains(new SocketUser("httpd-worker", 200, 5, 201, WebContext), users);
        Assert.Contains(new SocketUser("httpd-worker", 201, 5, 201, WebContext), users);
        Assert.Equal(3, users.Length);

        var (_, stdout, _) = Run(Environment, "-tnpTZ");
        Assert.Contains($"(\"httpd-worker\",pid=200,tid=201,proc_ctx={WebContext},fd=5)", UsersOf(stdout, "127.0.0.1:80"), StringComparison.Ordinal);
        Assert.Contains("(\"httpd\",pid=200,tid=200,proc_ctx=unavailable,fd=5)", UsersOf(stdout, "127.0.0.1:80"), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutProcessColumnNothingShows()
    {
        // ss 6.10 prints users:(…) into the Process column, which only -p turns on: -Z alone shows no holder.
        var (exit, stdout, _) = Run(Environment, "-tnZ");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("users:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("proc_ctx", stdout, StringComparison.Ordinal);
        Assert.Empty(_labels.FilesAsked);
    }

    [Fact]
    public void ContextsAreReadOnlyWhenAskedFor()
    {
        var query = SsCommandLine.Parse(["-tnp"], Environment).Query;
        var table = ProcessTable.ScanFor(query, Environment)!;
        Assert.Equal([new SocketUser("sshd", 100, 3)], table.UsersOf(4000000002).ToArray());
        Assert.Empty(_labels.FilesAsked);

        var withProcessContexts = ProcessTable.ScanFor(SsCommandLine.Parse(["-tnpZ"], Environment).Query, Environment)!;
        Assert.Equal([new SocketUser("sshd", 100, 3, 0, SshdContext)], withProcessContexts.UsersOf(4000000002).ToArray());
        Assert.Empty(_labels.FilesAsked);

        Assert.Null(ProcessTable.ScanFor(SsCommandLine.Parse(["-tnZ"], Environment).Query, Environment));
    }

    [Fact]
    public void NetlinkShowsTheOwnersContextAfterThePeer()
    {
        _labels.Kernel = KernelContext;
        SocketRecord Netlink(byte protocol, int portId) => new()
        {
            Table = SocketTable.Netlink,
            Family = 16,
            State = SocketState.Close,
            Local = new NetlinkSocketDetails { Protocol = protocol, PortId = portId },
        };
        var query = new SsQuery
        {
            Tables = TableSet.Of(SocketTable.Netlink),
            States = StateSet.Of(SocketState.Close),
            Show = new ShowOptions { Processes = true, ProcessContext = true, Numeric = true, NoHeader = true, NoQueues = true },
        };
        SocketRecord[] sockets = [Netlink(0, 0), Netlink(0, 100), Netlink(0, 200), Netlink(0, -77), Netlink(0, 999)];
        using var stream = new MemoryStream();
        new SsTextWriter(Environment).Write(query, sockets, ProcessTable.Empty, stream, TextLayout.Compact);
        // Without -p the Process column, where ss 6.10 prints it, is off.
        using var withoutProcesses = new MemoryStream();
        new SsTextWriter(Environment).Write(query with { Show = query.Show with { Processes = false } }, sockets, null, withoutProcesses, TextLayout.Compact);
        Assert.Equal("0:0   *\n0:100 *\n0:200 *\n0:-77 *\n0:999 *\n", Encoding.UTF8.GetString(withoutProcesses.ToArray()));
        Assert.Equal(
            [
                $"0:0 * proc_ctx={KernelContext}",
                $"0:100 * proc_ctx={SshdContext}",
                "0:200 * proc_ctx=unavailable",
                "0:-77 * proc_ctx=unavailable",
                "0:999 * proc_ctx=unavailable",
            ],
            Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n').Split('\n').Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public void NetlinkKernelContextUnreadableIsUnavailable()
    {
        var names = new NetlinkPortOwners(_root.FullName, numeric: true, _labels);
        Assert.Equal("unavailable", names.OwnerContext(0));
        _labels.Kernel = KernelContext;
        Assert.Equal(KernelContext, names.OwnerContext(0));
    }

    [Theory]
    [InlineData("-tZ")]
    [InlineData("-tz")]
    [InlineData("--context")]
    [InlineData("--contexts")]
    public void WithoutSelinuxTheOptionsRefuse(string option)
    {
        var environment = Environment with { SelinuxEnabled = false };
        Assert.Equal((1, "", "ss: SELinux is not enabled.\n"), Run(environment, option));
        Assert.Empty(_labels.FilesAsked);
    }

    [Fact]
    public void TheMachinesSourceGivesNoLabelForAMissingFile()
    {
        Assert.Null(SelinuxContextSource.Instance.FileContext(Path.Combine(_root.FullName, "absent")));
    }

    private sealed class FakeContextSource : ISecurityContextSource
    {
        public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

        public List<string> FilesAsked { get; } = [];

        public string? Kernel { get; set; }

        public string? FileContext(string path)
        {
            lock (FilesAsked)
            {
                FilesAsked.Add(path);
            }
            return Files.GetValueOrDefault(path);
        }

        public string? KernelInitialContext() => Kernel;
    }
}
