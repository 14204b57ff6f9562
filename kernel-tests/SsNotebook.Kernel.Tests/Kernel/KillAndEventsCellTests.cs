using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.DotNet.Interactive.Events;
using SsNotebook.Netlink;

namespace SsNotebook.Kernel.Tests.Kernel;

/// <summary>#!ss -K and #!ss -E, only ever in a namespace of the test's own (-N).</summary>
public sealed class KillAndEventsCellTests : IDisposable
{
    private const int UdpPort = 40200;

    private readonly NamespaceSockets _sockets = new();

    public void Dispose() => _sockets.Dispose();

    [Fact]
    public async Task AKillCellReturnsTheSocketsItClosed()
    {
        using var notebook = TestNotebook.WithRealSs();
        // What a -K run prints is the listing of what it closed: the same lines as before the kill.
        var before = Ss.Run($"-N {_sockets.Name} -tn 'sport = :{NamespaceSockets.Port}'").Text;

        var result = await notebook.SubmitAsync($"#!ss --name killed -N {_sockets.Name} -K -tn 'sport = :{NamespaceSockets.Port}'");

        TestNotebook.AssertSucceeded(result);
        Assert.Equal(1L, await notebook.EvaluateAsync("killed.Sockets.Rows.Count"));
        Assert.Equal(
            $"ESTAB|{NamespaceSockets.Port}|{_sockets.ClientPort}",
            await notebook.EvaluateAsync("string.Join(\"|\", killed.Sockets[\"State\"][0], killed.Sockets[\"LocalPort\"][0], killed.Sockets[\"PeerPort\"][0])"));
        var text = (string)(await notebook.EvaluateAsync("killed.Text"))!;
        Assert.Equal(before, text);
        Assert.Contains($"ESTAB 0      0          127.0.0.1:{NamespaceSockets.Port}    127.0.0.1:{_sockets.ClientPort}", text, StringComparison.Ordinal);
        // The server was closed, and its reset closed the client: only the listener is left.
        var left = Ss.Run($"-N {_sockets.Name} -tan");
        Assert.Equal(["LISTEN"], left.Sockets["State"].Cast<string>());
    }

    [Fact]
    public async Task AnEventsCellShowsDestroyedSocketsLiveAndKeepsAnEventsFrame()
    {
        using var notebook = TestNotebook.WithRealSs();
        // Two UDP sockets closed while the cell follows; the filter selects one.
        var other = NetworkNamespace.Run(_sockets.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        other.Bind(new IPEndPoint(IPAddress.Loopback, UdpPort + 1));
        var udpSelected = NetworkNamespace.Run(_sockets.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        udpSelected.Bind(new IPEndPoint(IPAddress.Loopback, UdpPort));

        var cell = notebook.SubmitAsync($"#!ss --name events --duration 4s -N {_sockets.Name} -E -n 'sport = :{UdpPort}'");
        await WaitForSubscription();
        other.Close();
        udpSelected.Close();
        var result = await cell;

        TestNotebook.AssertSucceeded(result);
        Assert.Equal(1L, await notebook.EvaluateAsync("events.Events.Rows.Count"));
        Assert.Equal(
            $"udp|UNCONN|{UdpPort}|True",
            await notebook.EvaluateAsync(
                "string.Join(\"|\", events.Events[\"Netid\"][0], events.Events[\"State\"][0], events.Events[\"LocalPort\"][0], events.Events.Columns[0].Name == \"Time\")"));
        var text = (string)(await notebook.EvaluateAsync("events.Text"))!;
        // As ss renders: the header with the first message (the rejected socket's, so alone), then each event on its
        // own widths; a UDP socket being freed has a send queue of -1.
        Assert.Equal(
            "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
            $"udp   UNCONN 0      -1         127.0.0.1:{UdpPort}      0.0.0.0:*   \n",
            text);
        // One output, shown when following began and updated in place: after each message (the rejected one, then the
        // selected one), then with the frame.
        var shown = Assert.Single(result.Events.OfType<DisplayedValueProduced>(), d => d.FormattedValues.Any(v => v.Value.Contains("ss-events", StringComparison.Ordinal)));
        var updates = result.Events.OfType<DisplayedValueUpdated>().Where(u => u.ValueId == shown.ValueId).ToArray();
        Assert.Equal(3, updates.Length);
        Assert.Contains("0 events", updates[0].FormattedValues.Single(v => v.MimeType == "text/html").Value, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{UdpPort}", updates[1].FormattedValues.Single(v => v.MimeType == "text/plain").Value, StringComparison.Ordinal);
        Assert.Contains("Events: 1 rows", updates[2].FormattedValues.Single(v => v.MimeType == "text/html").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InterruptingAnEventsCellKeepsTheEventsSoFar()
    {
        using var notebook = TestNotebook.WithRealSs();
        var selected = NetworkNamespace.Run(_sockets.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        selected.Bind(new IPEndPoint(IPAddress.Loopback, UdpPort + 2));
        var eventShown = new TaskCompletionSource();
        using var watch = notebook.Root.KernelEvents.Subscribe(e =>
        {
            if (e is DisplayedValueUpdated updated && updated.FormattedValues.Any(v => v.Value.Contains($"127.0.0.1:{UdpPort + 2}", StringComparison.Ordinal)))
            {
                eventShown.TrySetResult();
            }
        });

        var running = notebook.SubmitAsync($"#!ss --name gone -N {_sockets.Name} -E -n 'sport = :{UdpPort + 2}'");
        await WaitForSubscription();
        selected.Close();
        await eventShown.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await notebook.Root.SendAsync(new Microsoft.DotNet.Interactive.Commands.Cancel());
        var stopped = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Command cancelled.", TestNotebook.AssertFailed(stopped).Message);
        var log = await notebook.WaitForValueAsync<SsEventLog>("gone");
        Assert.Equal((1L, UdpPort + 2), (log.Events.Rows.Count, (int)log.Events["LocalPort"][0]));
    }

    /// <summary>A sock_diag socket in the namespace has joined the destroy groups (/proc/net/netlink: Eth 4, Groups ≠ 0).</summary>
    private async Task WaitForSubscription()
    {
        var clock = Stopwatch.StartNew();
        while (!NetworkNamespace.Run(_sockets.Name, () => File.ReadAllLines("/proc/thread-self/net/netlink")
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields[1] == "4" && fields[3] != "00000000")))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the events cell never subscribed");
            await Task.Delay(20);
        }
    }
}
