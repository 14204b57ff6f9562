using System.Diagnostics;
using System.Net.Sockets;
using SsNotebook.Netlink;

namespace SsNotebook.Core.Tests.Support;

/// <summary>
/// A private network namespace for one test (class): created with <c>ip netns add</c>, loopback up, deleted on
/// dispose. Sockets are made inside it from this process by creating them on a thread that entered the namespace
/// (<see cref="Run{T}"/>); they stay in the namespace for their whole life and can be used from any thread.
/// Everything the namespace holds is closed by <see cref="Dispose"/> before the namespace is deleted.
/// </summary>
public sealed class TestNamespace : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public TestNamespace(string prefix = "ssn-test")
    {
        Name = $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        RunIp($"netns add {Name}");
        try
        {
            RunIp($"-n {Name} link set lo up");
        }
        catch
        {
            RunIp($"netns delete {Name}", throwOnError: false);
            throw;
        }
    }

    /// <summary>The name under /var/run/netns (what <c>ss -N</c> takes).</summary>
    public string Name { get; }

    /// <summary>Runs <c>ip -n NAME ARGUMENTS</c> (e.g. "link add v0 type veth peer name v1").</summary>
    public void Ip(string arguments) => RunIp($"-n {Name} {arguments}");

    /// <summary>Runs <paramref name="work"/> on a thread inside the namespace.</summary>
    public T Run<T>(Func<T> work) => NetworkNamespace.Run(Name, work);

    public void Run(Action work) => NetworkNamespace.Run(Name, work);

    /// <summary>Creates a socket inside the namespace; it is closed when the namespace is disposed.</summary>
    public Socket CreateSocket(AddressFamily family, SocketType type, ProtocolType protocol)
    {
        var socket = Run(() => new Socket(family, type, protocol));
        Own(socket);
        return socket;
    }

    /// <summary>Closes <paramref name="resource"/> when the namespace is disposed.</summary>
    public T Own<T>(T resource) where T : IDisposable
    {
        lock (_owned)
        {
            _owned.Add(resource);
        }
        return resource;
    }

    /// <summary>The inode of a socket, read as ss sees it: /proc/self/fd/N → "socket:[INODE]".</summary>
    public static uint InodeOf(Socket socket)
    {
        var target = new FileInfo($"/proc/self/fd/{socket.SafeHandle.DangerousGetHandle()}").LinkTarget
            ?? throw new InvalidOperationException("socket fd is not a link");
        const string prefix = "socket:[";
        if (!target.StartsWith(prefix, StringComparison.Ordinal) || !target.EndsWith(']'))
        {
            throw new InvalidOperationException($"unexpected fd link {target}");
        }
        return uint.Parse(target.AsSpan(prefix.Length, target.Length - prefix.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        lock (_owned)
        {
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }
            _owned.Clear();
        }
        RunIp($"netns delete {Name}", throwOnError: false);
    }

    private static void RunIp(string arguments, bool throwOnError = true)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ip");
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new TimeoutException($"ip {arguments} did not finish");
        }
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed ({process.ExitCode}): {error}");
        }
    }
}
