using Microsoft.Data.Analysis;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Sampling.Tests;

public sealed class SamplerTests : IDisposable
{
    private readonly TestNamespace _ns = new("ssn-smp");

    public void Dispose() => _ns.Dispose();

    private string[] Arguments(LoopbackConnection connection) =>
        ["-tin", "-N", _ns.Name, "state", "established", $"( sport = :{connection.ListenPort} or dport = :{connection.ListenPort} )"];

    [Fact]
    public void SamplesHaveOneRowPerSocketPerSampleWithIncreasingTimestampsAndExactRates()
    {
        var connection = new LoopbackConnection(_ns);
        var options = new SamplingOptions { Samples = 3, Interval = TimeSpan.FromMilliseconds(100) };
        var set = Sampler.Run(Arguments(connection), options, progress: new InlineProgress(_ => connection.Transfer(10_000)));

        Assert.Equal(3, set.Count);
        Assert.All(set.Snapshots, sample => Assert.Equal(2, sample.Sockets.Count));
        var frame = set.Samples;
        Assert.Equal(6, frame.Rows.Count);
        var timestamps = (PrimitiveDataFrameColumn<DateTime>)frame.Columns["Timestamp"];
        var samples = (Int32DataFrameColumn)frame.Columns["Sample"];
        for (var row = 0; row < 6; row++)
        {
            Assert.Equal(row / 2, samples[row]);
            Assert.Equal(set.Snapshots[row / 2].Timestamp.UtcDateTime, timestamps[row]);
        }
        Assert.True(timestamps[0] < timestamps[2] && timestamps[2] < timestamps[4]);

        // The client's bytes_acked grows by exactly what was sent between two samples.
        var clientPort = ((System.Net.IPEndPoint)connection.Client.LocalEndPoint!).Port;
        var localPorts = (Int32DataFrameColumn)frame.Columns["LocalPort"];
        var acked = (UInt64DataFrameColumn)frame.Columns["bytes_acked"];
        var rate = (DoubleDataFrameColumn)frame.Columns["bytes_acked_per_sec"];
        var clientRows = Enumerable.Range(0, 6).Where(row => localPorts[row] == clientPort).ToArray();
        Assert.Equal(3, clientRows.Length);
        Assert.Null(rate[clientRows[0]]);
        for (var i = 1; i < 3; i++)
        {
            var delta = acked[clientRows[i]]!.Value - acked[clientRows[i - 1]]!.Value;
            Assert.Equal(10_000UL, delta);
            var seconds = (timestamps[clientRows[i]]!.Value - timestamps[clientRows[i - 1]]!.Value).TotalSeconds;
            Assert.Equal(10_000 / seconds, rate[clientRows[i]]!.Value, 6);
        }
        var received = (DoubleDataFrameColumn)frame.Columns["bytes_received_per_sec"];
        var serverRow = Enumerable.Range(0, 6).Last(row => localPorts[row] == connection.ListenPort);
        Assert.True(received[serverRow] > 0);
        Assert.Contains("snd_cwnd", frame.Columns.Select(column => column.Name));
        Assert.Equal(0, set.Appeared.Rows.Count);
        Assert.Equal(0, set.Disappeared.Rows.Count);
    }

    [Fact]
    public void CancellingStopsWithinOneIntervalAndKeepsTheSamplesTaken()
    {
        var connection = new LoopbackConnection(_ns);
        using var cancel = new CancellationTokenSource();
        var options = new SamplingOptions { Interval = TimeSpan.FromSeconds(30) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var set = Sampler.Run(Arguments(connection), options, cancel.Token,
            new InlineProgress(progress =>
            {
                if (progress.Samples == 1)
                {
                    cancel.CancelAfter(50);
                }
            }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(1, set.Count);
        Assert.True(set.WasCancelled);
        Assert.Equal(2, set.Samples.Rows.Count);
    }

    [Fact]
    public void AppearingAndDisappearingSocketsAreTrackedByCookie()
    {
        var connection = new LoopbackConnection(_ns);
        LoopbackConnection? second = null;
        var reports = new List<SampleProgress>();
        var options = new SamplingOptions { Samples = 3, Interval = TimeSpan.FromMilliseconds(50) };
        var set = Sampler.Run(["-tn", "-N", _ns.Name, "state", "established"], options, progress: new InlineProgress(progress =>
        {
            reports.Add(progress);
            if (progress.Samples == 1)
            {
                second = new LoopbackConnection(_ns);
            }
            else if (progress.Samples == 2)
            {
                second!.Client.Close();
                second.Server.Close();
            }
        }));
        Assert.Equal([2, 4, 2], set.Snapshots.Select(sample => sample.Sockets.Count));
        Assert.Equal(2, set.Appeared.Rows.Count);
        Assert.All(set.Appeared.Rows, row => Assert.Equal(1, (int)row[0]));
        Assert.Equal(2, set.Disappeared.Rows.Count);
        Assert.All(set.Disappeared.Rows, row => Assert.Equal(2, (int)row[0]));
        Assert.Equal([2, 4, 2], reports.Select(report => report.Sockets));
        Assert.Equal([2, 4, 4], reports.Select(report => report.SocketsSeen));
        // Each report's set is the samples taken until then, unchanged by the samples taken after it.
        Assert.Equal([1, 2, 3], reports.Select(report => report.Current.Count));
        Assert.Same(set.Snapshots[0], reports[0].Current.Snapshots[0]);
        Assert.Equal(2, reports[0].Current.Samples.Rows.Count);
        GC.KeepAlive(connection);
    }

    [Fact]
    public void EverySampleNamesTheProcessHoldingEachSocket()
    {
        var connection = new LoopbackConnection(_ns);
        string[] arguments = ["-tnp", "-N", _ns.Name, "state", "established", $"( sport = :{connection.ListenPort} or dport = :{connection.ListenPort} )"];
        var set = Sampler.Run(arguments, new SamplingOptions { Samples = 2, Interval = TimeSpan.FromMilliseconds(20) });

        var command = File.ReadAllText($"/proc/{Environment.ProcessId}/comm").TrimEnd('\n');
        var frame = set.Samples;
        Assert.Equal(4, frame.Rows.Count);
        Assert.All(Enumerable.Range(0, 4), row =>
        {
            Assert.Equal(command, frame.Columns["Process"][row]);
            Assert.Equal(Environment.ProcessId, Convert.ToInt32(frame.Columns["Pid"][row]));
        });
        GC.KeepAlive(connection);
    }

    [Fact]
    public void SamplesKeptAsRepliesHoldTheRecordsTheCollectorBuilds()
    {
        var connection = new LoopbackConnection(_ns);
        connection.Transfer(12_345);
        var arguments = Arguments(connection);
        var set = Sampler.Run(arguments, new SamplingOptions { Samples = 2, Interval = TimeSpan.FromMilliseconds(20), KeepRecording = false });
        var environment = Query.SsEnvironment.FromProcess();
        var live = new Diag.SocketCollector(environment)
            .Collect(CommandLine.SsCommandLine.Parse(arguments, environment, TextReader.Null).Query).Sockets;

        Assert.Null(set.Recording);
        foreach (var sample in set.Snapshots)
        {
            Assert.Equal(2, sample.Sockets.Count);
            Assert.Equal(live.Select(Stable), sample.Sockets.Select(Stable));
            Assert.Same(sample.Sockets[0], sample.Sockets[0]);
        }
    }

    [Fact]
    public void OneKernelWalkForBothFamiliesListsIpv4ThenIpv6AsTwoDumpsDo()
    {
        // Several sockets of each family, listening and connected, so the kernel's walk interleaves them.
        for (var i = 0; i < 3; i++)
        {
            _ = new LoopbackConnection(_ns);
            var listener6 = _ns.CreateSocket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            listener6.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 0));
            listener6.Listen();
            var client6 = _ns.CreateSocket(System.Net.Sockets.AddressFamily.InterNetworkV6, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            client6.Connect(listener6.LocalEndPoint!);
            _ns.Own(listener6.Accept());
        }
        string[] arguments = ["-tain", "-N", _ns.Name];
        var environment = Query.SsEnvironment.FromProcess();
        var query = CommandLine.SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;

        var set = Sampler.Run(arguments, new SamplingOptions { Samples = 1, Interval = TimeSpan.FromMilliseconds(20) });
        var live = new Diag.SocketCollector(environment).Collect(query).Sockets;
        var replayed = SampleSet.Replay(set.Recording!);

        Assert.Equal(18, live.Count);
        Assert.Equal(live.Select(Stable), set.Snapshots[0].Sockets.Select(Stable));
        Assert.Equal(live.Select(Stable), replayed.Snapshots[0].Sockets.Select(Stable));
        Assert.Equal([.. Enumerable.Repeat((byte)2, 9), .. Enumerable.Repeat((byte)10, 9)], set.Snapshots[0].Sockets.Select(s => s.Family));
        Assert.All(set.Recording!.Samples[0].Replies, reply => Assert.Equal(Diag.InetDiag.BothFamilies, reply.Family));
    }

    /// <summary>What does not move on an idle connection.</summary>
    private static string[] Names(DataFrame frame) => [.. frame.Columns.Select(c => c.Name)];

    private static string Stable(SocketRecord socket) =>
        $"{socket.Table} {socket.Family} {socket.State} {socket.Cookie} {socket.LocalAddress}:{socket.LocalPort} " +
        $"{socket.PeerAddress}:{socket.PeerPort} {socket.Inode} {socket.Present} {socket.Congestion} {socket.TcpInfo.Length} " +
        $"{socket.TcpInfo.BytesAcked} {socket.TcpInfo.BytesReceived} {socket.TcpInfo.SegsOut} {socket.TcpInfo.SndCwnd}";

    [Fact]
    public void SamplesFrameHoldsExactTcpInfoValuesAndRates()
    {
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var before = Connection(cookie: 7, rtt: 1234, bytesAcked: 1000, segsOut: 10);
        var after = Connection(cookie: 7, rtt: 2345, bytesAcked: 6000, segsOut: 30);
        var udp = new SocketRecord
        {
            Table = SocketTable.Udp,
            Family = AddressFamilies.Inet,
            State = SocketState.Close,
            LocalAddress = InetAddress.FromIPAddress(System.Net.IPAddress.Loopback),
            LocalPort = 53,
            Cookie = 9,
            Present = SocketAttributes.SkMemInfo,
            SkMemInfo = new SkMemInfo(1, 2, 3, 4, 5, 6, 7, 8, 0, 8),
        };
        Sample[] samples =
        [
            new(0, start, [before], null),
            new(1, start.AddMilliseconds(500), [after, udp], null),
        ];

        var frame = SamplesFrameBuilder.Build(samples, withProcesses: false);

        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal([0, 1, 1], frame["Sample"].Cast<int>());
        Assert.Equal([start.UtcDateTime, start.AddMilliseconds(500).UtcDateTime, start.AddMilliseconds(500).UtcDateTime],
            ((PrimitiveDataFrameColumn<DateTime>)frame["Timestamp"]).Cast<DateTime>());
        Assert.Equal(["127.0.0.1:5000→127.0.0.2:80", "127.0.0.1:5000→127.0.0.2:80", "127.0.0.1:53→*:*"], frame["Socket"].Cast<string>());
        Assert.Equal([1234u, 2345u, null], ((UInt32DataFrameColumn)frame["rtt"]).Cast<uint?>());
        Assert.Equal([1000UL, 6000UL, null], ((UInt64DataFrameColumn)frame["bytes_acked"]).Cast<ulong?>());
        Assert.Equal([null, 10_000.0, null], ((DoubleDataFrameColumn)frame["bytes_acked_per_sec"]).Cast<double?>());
        Assert.Equal([null, 40.0, null], ((DoubleDataFrameColumn)frame["segs_out_per_sec"]).Cast<double?>());
        Assert.Equal([null, 0.0, null], ((DoubleDataFrameColumn)frame["bytes_received_per_sec"]).Cast<double?>());
        Assert.Equal(["cubic", "cubic", null], frame["congestion"].Cast<string?>());
        Assert.Equal([null, null, 2u], ((UInt32DataFrameColumn)frame["rcvbuf"]).Cast<uint?>());
        Assert.Equal([null, null, null], ((UInt32DataFrameColumn)frame["drops"]).Cast<uint?>());
        Assert.Equal(["on", "on", null], frame["Timer"].Cast<string?>());
        Assert.Equal([200u, 200u, null], ((UInt32DataFrameColumn)frame["ExpiresMs"]).Cast<uint?>());
    }

    [Fact]
    public void SocketsSharingACookieKeepTheirOwnNames()
    {
        // Sockets read from /proc have no cookie: every one of them is cookie 0.
        var first = Connection(cookie: 0, rtt: 1, bytesAcked: 0, segsOut: 0);
        var second = Connection(cookie: 0, rtt: 1, bytesAcked: 0, segsOut: 0);
        second.LocalPort = 6000;

        var frame = SamplesFrameBuilder.Build([new Sample(0, DateTimeOffset.UnixEpoch, [first, second], null)], withProcesses: false);

        Assert.Equal(["127.0.0.1:5000→127.0.0.2:80", "127.0.0.1:6000→127.0.0.2:80"], frame["Socket"].Cast<string>());
    }

    [Fact]
    public void SamplesFrameLeadsWithTheKeyFiguresAndNamesUnixSocketsByPath()
    {
        var unix = new SocketRecord
        {
            Table = SocketTable.UnixStream,
            State = SocketState.Established,
            Cookie = 11,
            Local = new UnixSocketDetails { Name = "/run/app.sock" },
        };

        var frame = SamplesFrameBuilder.Build([new Sample(0, DateTimeOffset.UnixEpoch, [Connection(7, 1234, 0, 0), unix], null)], withProcesses: false);

        Assert.Equal(
            ["Sample", "Timestamp", "Socket", "Netid", "State", "rtt", "rttvar", "min_rtt", "snd_cwnd", "snd_ssthresh",
             "bytes_acked_per_sec", "bytes_received_per_sec", "delivery_rate", "pacing_rate", "total_retrans", "retrans_per_sec",
             "RecvQ", "SendQ", "notsent_bytes", "congestion", "LocalAddress", "LocalPort", "PeerAddress", "PeerPort", "Cookie"],
            frame.Columns.Take(25).Select(c => c.Name));
        Assert.Equal(["127.0.0.1", "/run/app.sock"], frame["LocalAddress"].Cast<string>());
        Assert.Equal(["127.0.0.2", "*"], frame["PeerAddress"].Cast<string>());
        Assert.Equal([5000, null], ((Int32DataFrameColumn)frame["LocalPort"]).Cast<int?>());
        Assert.Equal([80, null], ((Int32DataFrameColumn)frame["PeerPort"]).Cast<int?>());
    }

    [Fact]
    public void ASampleSetShowsTheLastSamplesFramesAndTheirSchemaWhenEmpty()
    {
        var unix = new SocketRecord
        {
            Table = SocketTable.UnixStream,
            State = SocketState.Established,
            Inode = 41,
            Cookie = 11,
            Local = new UnixSocketDetails { Name = "/run/app.sock", PeerInode = 42 },
        };
        var set = new SampleSet(["-xa"], new SsQuery(), [new Sample(0, DateTimeOffset.UnixEpoch, [unix], null)], null);
        var none = new SampleSet(["-xa"], new SsQuery(), [], null);

        Assert.Equal("/run/app.sock", set.Last.Unix["Name"][0]);
        Assert.Equal(42u, set.Last.Unix["PeerInode"][0]);
        Assert.Equal(0, set.Last.Packet.Rows.Count);
        Assert.Equal(1, set.Sockets.Rows.Count);
        Assert.Equal(0, none.Count);
        Assert.Equal("", none.Text);
        Assert.Equal(0, none.Table.Rows.Count);
        Assert.Equal(Names(SsNotebook.Frames.UnixFrameBuilder.Build([])), Names(none.Last.Unix));
        Assert.Equal(Names(SsNotebook.Frames.InetFrameBuilder.Build([])), Names(none.Last.Inet));
        Assert.Equal(Names(SsNotebook.Frames.TipcFrameBuilder.Build([])), Names(none.Last.Tipc));
        Assert.Contains("PeerName", Names(none.Last.Unix));
        Assert.Contains("rtt", Names(none.TcpInfo));
    }

    [Fact]
    public void AnEmptySamplesFrameKeepsEveryColumn()
    {
        var frame = SamplesFrameBuilder.Build([], withProcesses: false);

        Assert.Equal(0, frame.Rows.Count);
        Assert.IsType<UInt32DataFrameColumn>(frame["rtt"]);
        Assert.IsType<UInt32DataFrameColumn>(frame["rcvbuf"]);
        Assert.IsType<DoubleDataFrameColumn>(frame["bytes_acked_per_sec"]);
    }

    private static SocketRecord Connection(ulong cookie, uint rtt, ulong bytesAcked, uint segsOut)
    {
        var record = new SocketRecord
        {
            Table = SocketTable.Tcp,
            Family = AddressFamilies.Inet,
            State = SocketState.Established,
            Timer = 1,
            Expires = 200,
            LocalAddress = InetAddress.FromIPAddress(System.Net.IPAddress.Loopback),
            LocalPort = 5000,
            PeerAddress = InetAddress.FromIPAddress(System.Net.IPAddress.Parse("127.0.0.2")),
            PeerPort = 80,
            Cookie = cookie,
            Present = SocketAttributes.TcpInfo | SocketAttributes.Congestion,
            Congestion = "cubic",
        };
        var info = TcpInfo.Read(new byte[TcpInfo.KnownSize]);
        info.Rtt = rtt;
        info.BytesAcked = bytesAcked;
        info.SegsOut = segsOut;
        record.SetTcpInfo(info);
        return record;
    }

    [Fact]
    public void IntervalWordsParseAndBadOnesAreRejected()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), SamplingOptions.ParseInterval("250ms"));
        Assert.Equal(TimeSpan.FromSeconds(1.5), SamplingOptions.ParseInterval("1.5s"));
        Assert.Equal(TimeSpan.FromMinutes(2), SamplingOptions.ParseInterval("2m"));
        Assert.Equal(TimeSpan.FromSeconds(3), SamplingOptions.ParseInterval("3"));
        var error = Assert.Throws<Query.SsException>(() => SamplingOptions.ParseInterval("fast"));
        Assert.Equal("ss: invalid interval \"fast\": use e.g. 250ms, 1s, 2m", error.Message);
        Assert.Throws<Query.SsException>(() => SamplingOptions.ParseInterval("-1s"));
    }

    [Fact]
    public void SocketsAreLabelledLocalToPeer()
    {
        var v4 = new SocketRecord
        {
            LocalAddress = InetAddress.FromIPAddress(System.Net.IPAddress.Loopback),
            LocalPort = 80,
            PeerAddress = InetAddress.FromIPAddress(System.Net.IPAddress.Parse("10.0.0.1")),
            PeerPort = 5000,
        };
        Assert.Equal("127.0.0.1:80→10.0.0.1:5000", SocketLabels.Of(v4));
        var v6 = new SocketRecord
        {
            LocalAddress = InetAddress.FromIPAddress(System.Net.IPAddress.IPv6Loopback),
            LocalPort = 22,
            PeerAddress = InetAddress.FromIPAddress(System.Net.IPAddress.IPv6Any),
            PeerPort = 0,
        };
        Assert.Equal("[::1]:22→[::]:*", SocketLabels.Of(v6));
    }
}
