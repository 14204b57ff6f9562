using System.Net;
using System.Net.Sockets;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>
/// A population for ss -K in a namespace of its own, on fixed ports so that two of them (one for ssn, one for the
/// oracle) print the same lines: TCP listeners on 127.0.0.1:5001 and [::1]:5002, pairs from 127.0.0.1:40001 and
/// :40002 and from [::1]:40003, UDP 127.0.0.1:6001 connected to :6002, UDP 127.0.0.1:6003 and [::1]:6004 bound.
/// Which sockets were closed is read from the sockets themselves: SO_ERROR is ECONNABORTED for a socket
/// SOCK_DESTROY closed, ECONNRESET for the peer its reset reached, 0 for the others.
/// </summary>
internal sealed class KillPopulation : IDisposable
{
    public const int Aborted = 103;
    public const int Reset = 104;

    private readonly Dictionary<string, Socket> _sockets = [];

    public KillPopulation()
    {
        Namespace = new TestNamespace("ssn-kill");
        try
        {
            var listen4 = Listen("listen4", IPAddress.Loopback, 5001);
            Connect("client4a", "server4a", listen4, IPAddress.Loopback, 40001);
            Connect("client4b", "server4b", listen4, IPAddress.Loopback, 40002);
            var listen6 = Listen("listen6", IPAddress.IPv6Loopback, 5002);
            Connect("client6", "server6", listen6, IPAddress.IPv6Loopback, 40003);
            var connected = Udp("udp4conn", IPAddress.Loopback, 6001);
            connected.Connect(new IPEndPoint(IPAddress.Loopback, 6002));
            Udp("udp4", IPAddress.Loopback, 6003);
            Udp("udp6", IPAddress.IPv6Loopback, 6004);
        }
        catch
        {
            Namespace.Dispose();
            throw;
        }
    }

    public TestNamespace Namespace { get; }

    public IReadOnlyCollection<string> Names => _sockets.Keys;

    public Socket Socket(string name) => _sockets[name];

    /// <summary>Every socket's pending error (read once: SO_ERROR clears it).</summary>
    public SortedDictionary<string, int> Errors()
    {
        var errors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, socket) in _sockets)
        {
            // .NET hands SO_ERROR back as a SocketError; the errno is what ss and the kernel speak.
            errors[name] = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)! switch
            {
                SocketError.Success => 0,
                SocketError.ConnectionAborted => Aborted,
                SocketError.ConnectionReset => Reset,
                var other => (int)other,
            };
        }
        return errors;
    }

    public void Dispose() => Namespace.Dispose();

    private Socket Listen(string name, IPAddress address, int port)
    {
        var socket = Add(name, Namespace.CreateSocket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        socket.Bind(new IPEndPoint(address, port));
        socket.Listen(128);
        return socket;
    }

    private void Connect(string client, string server, Socket listener, IPAddress address, int port)
    {
        var socket = Add(client, Namespace.CreateSocket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        socket.Bind(new IPEndPoint(address, port));
        socket.Connect(listener.LocalEndPoint!);
        Add(server, Namespace.Own(listener.Accept()));
    }

    private Socket Udp(string name, IPAddress address, int port)
    {
        var socket = Add(name, Namespace.CreateSocket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp));
        socket.Bind(new IPEndPoint(address, port));
        return socket;
    }

    private Socket Add(string name, Socket socket)
    {
        _sockets.Add(name, socket);
        return socket;
    }
}
