using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SsNotebook.Netlink;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>
/// A private network namespace holding a loopback listener and one connection that has carried data, made from this
/// process on a thread inside the namespace. Everything is closed and the namespace deleted on dispose.
/// </summary>
internal sealed class NamespaceSockets : IDisposable
{
    public const int Port = 40123;
    public const int Bytes = 100_000;

    private readonly List<IDisposable> _owned = [];

    public NamespaceSockets()
    {
        Name = $"ssnb-test-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        Ip($"netns add {Name}");
        try
        {
            Ip($"-n {Name} link set lo up");
            NetworkNamespace.Run(Name, () =>
            {
                var listener = Own(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
                listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
                listener.Listen(8);
                var client = Own(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
                client.Connect(new IPEndPoint(IPAddress.Loopback, Port));
                var server = Own(listener.Accept());
                client.Send(new byte[Bytes]);
                var buffer = new byte[Bytes];
                var received = 0;
                while (received < Bytes)
                {
                    received += server.Receive(buffer, received, Bytes - received, SocketFlags.None);
                }
                ClientPort = (ushort)((IPEndPoint)client.LocalEndPoint!).Port;
            });
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name { get; }

    public ushort ClientPort { get; private set; }

    private T Own<T>(T resource) where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    private static void Ip(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments}: {error}");
        }
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
        _owned.Clear();
        try
        {
            Ip($"netns delete {Name}");
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
