using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>
/// ss -E in a namespace of the test's own: sockets closed while it follows are printed as ss prints them, the filter
/// applied (a closed socket it rejects prints nothing), and it stops when interrupted. The waits below only bound a
/// failure: each step waits for a state it can see (the subscription in /proc/net/netlink, a line of output).
/// </summary>
public sealed class DestroyEventTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly string[] Arguments = ["-E", "-n", "sport = :6001 or sport = :5002"];

    /// <summary>The header comes out with the first event, and each event is laid out on its own (ss renders once
    /// per message).</summary>
    private const string Expected =
        "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n" +
        "udp   ESTAB 0      -1         127.0.0.1:6001    127.0.0.1:6002\n" +
        "tcp   UNCONN 0      0              [::1]:5002            *:*   \n";

    private const string FirstLine = "127.0.0.1:6002\n";
    private const string LastLine = "*:*   \n";

    [Fact]
    public async Task SsnPrintsTheSelectedDestroyedSocketsUntilStopped()
    {
        using var population = new KillPopulation();
        using var output = new SharedOutput();
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();
        var name = population.Namespace.Name;
        var run = Task.Run(() => SsApplication.Run(["-N", name, .. Arguments], TextReader.Null, output, error, SsEnvironment.FromProcess(),
            TextLayout.Compact, stop.Token));

        await CloseInOrder(population, output.Text, () => run.IsCompleted);
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(Patience));
        Assert.Equal("", error.ToString());
        Assert.Equal(Expected, output.Text());
    }

    [Fact]
    public async Task TheOracleAndTheSsnExecutablePrintTheSameAndDieOfTheSignal()
    {
        var ssn = Path.Combine(SsOracle.RepositoryRoot(), "artifacts", "ssn", "ssn");
        var tools = new List<(string Tool, int Signal)>();
        if (File.Exists(ssn))
        {
            tools.Add((ssn, 15));
            tools.Add((ssn, 2));
        }
        if (SsOracle.Find() is { } oracle)
        {
            tools.Add((oracle, 15));
        }
        foreach (var (tool, signal) in tools)
        {
            using var population = new KillPopulation();
            // ss 6.10 never flushes while following: through a pipe its events would wait in stdio's buffer.
            var start = new ProcessStartInfo("stdbuf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["-o0", tool, "-N", population.Namespace.Name, .. Arguments])
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var text = new StringBuilder();
            var reader = Task.Run(async () =>
            {
                var buffer = new char[4096];
                int read;
                while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
                {
                    lock (text)
                    {
                        text.Append(buffer, 0, read);
                    }
                }
            });
            string Text()
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
            await CloseInOrder(population, Text, () => process.HasExited);
            using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(Patience);
            await reader.WaitAsync(Patience);

            Assert.Equal((tool, 128 + signal, Expected), (tool, process.ExitCode, Text()));
        }
    }

    [Fact]
    public async Task TheLibraryYieldsEachEventWithTheFinalStateAndCounters()
    {
        using var population = new KillPopulation();
        var query = SsCommandLine.Parse(["-N", population.Namespace.Name, "-t", "sport = :40001"], SsEnvironment.FromProcess()).Query;
        using var listener = DestroyEventListener.Open(query);
        using var stop = new CancellationTokenSource(Patience);
        var client = population.Socket("client4a");
        var server = population.Socket("server4a");
        client.Send("hello"u8);
        Assert.Equal(5, server.Receive(new byte[16]));
        // The server closes first, so the client ends in LAST-ACK and is freed (its event sent) once acknowledged.
        server.Close();
        client.Close();

        SocketEvent? first = null;
        await foreach (var item in listener.ReadAllAsync(stop.Token))
        {
            first = item;
            break;
        }

        Assert.NotNull(first);
        var socket = first.Socket;
        Assert.Equal(
            // Inode 0: the kernel describes a socket being freed.
            (SocketTable.Tcp, AddressFamilies.Inet, SocketState.Close, "127.0.0.1", (ushort)40001, "127.0.0.1", (ushort)5001, 0u),
            (socket.Table, socket.Family, socket.State, socket.LocalAddress.ToString(), socket.LocalPort, socket.PeerAddress.ToString(), socket.PeerPort, socket.Inode));
        Assert.True(socket.Has(SocketAttributes.TcpInfo));
        // The final counters: five bytes sent, and the server's FIN counted as one received.
        Assert.Equal((5ul, 1ul), (socket.TcpInfo.BytesSent, socket.TcpInfo.BytesReceived));
    }

    /// <summary>Waits for the follower's subscription, then closes the UDP socket on :6001 (selected), the one on
    /// :6003 (rejected by the filter) and the IPv6 listener on :5002 (selected), each after the previous line.</summary>
    private static async Task CloseInOrder(KillPopulation population, Func<string> output, Func<bool> ended)
    {
        await WaitFor(() => Subscribed(population.Namespace), ended, "the destroy-group subscription");
        population.Socket("udp4conn").Close();
        await WaitFor(() => output().EndsWith(FirstLine, StringComparison.Ordinal), ended, "the first event");
        population.Socket("udp4").Close();
        population.Socket("listen6").Close();
        await WaitFor(() => output().EndsWith(LastLine, StringComparison.Ordinal), ended, "the last event");
    }

    /// <summary>A sock_diag socket in the namespace has joined multicast groups: /proc/net/netlink's Eth 4, Groups ≠ 0.</summary>
    private static bool Subscribed(TestNamespace space) =>
        space.Run(() => File.ReadAllLines("/proc/thread-self/net/netlink")
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields[1] == "4" && fields[3] != "00000000"));

    private static async Task WaitFor(Func<bool> condition, Func<bool> ended, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (ended() || clock.Elapsed > Patience)
            {
                throw new TimeoutException($"no sign of {what}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Standard output written by one thread and read by another.</summary>
    private sealed class SharedOutput : WriteOnlyStream
    {
        private readonly MemoryStream _bytes = new();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (_bytes)
            {
                _bytes.Write(buffer);
            }
        }

        public override void Flush()
        {
        }

        public string Text()
        {
            lock (_bytes)
            {
                return Encoding.UTF8.GetString(_bytes.GetBuffer(), 0, (int)_bytes.Length);
            }
        }
    }
}
