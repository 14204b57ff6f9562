using System.Net;
using System.Net.Sockets;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Sampling.Tests;

/// <summary>An established TCP connection over loopback inside a test namespace; the server side drains what
/// the client sends so the counters keep moving.</summary>
internal sealed class LoopbackConnection
{
    public LoopbackConnection(TestNamespace ns)
    {
        var listener = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        Client = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Client.Connect(listener.LocalEndPoint!);
        Server = ns.Own(listener.Accept());
        ListenPort = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public Socket Client { get; }

    public Socket Server { get; }

    public int ListenPort { get; }

    /// <summary>Sends <paramref name="count"/> bytes client → server and reads them on the server.</summary>
    public void Transfer(int count)
    {
        var data = new byte[count];
        Client.Send(data);
        var buffer = new byte[65536];
        var received = 0;
        while (received < count)
        {
            received += Server.Receive(buffer);
        }
    }
}

/// <summary>Runs an action synchronously on every report (Progress&lt;T&gt; would post it elsewhere).</summary>
internal sealed class InlineProgress(Action<SampleProgress> onReport) : IProgress<SampleProgress>
{
    public void Report(SampleProgress value) => onReport(value);
}
