using System.Net;
using SsNotebook.CommandLine;
using SsNotebook.Processes;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Sampling.Tests;

/// <summary>
/// A hand-built run of 4 samples 250 ms apart (from 2026-12-04T10:00:00Z) of <c>ss -tip</c>, with known values:
/// <list type="bullet">
/// <item>A (sk:31dcc, iperf3, cubic) 10.0.0.1:40000→10.0.0.2:5201 sends 1 MB per sample; rtt 10, 20, 30, 40 ms;
/// cwnd 10…40; total_retrans 0, 0, 2, 5; over the run 80 % busy of which 50 % rwnd- and 10 % sndbuf-limited.</item>
/// <item>B (sk:31dcd, iperf3, cubic) 10.0.0.2:5201→10.0.0.1:40000, A's receiver: receives 1 MB per sample.</item>
/// <item>C (sk:5, sshd, cubic) 10.0.0.1:22→10.0.0.3:50000: established, moves nothing (idle).</item>
/// <item>D (sk:31dce, iperf3, bbr) 10.0.0.1:40002→10.0.0.2:5202, in samples 1 and 2 only: sends 2 MB per sample,
/// busy the whole time and limited by nothing else.</item>
/// </list>
/// </summary>
internal static class ConstructedRun
{
    public static readonly DateTimeOffset Start = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    public const ulong SenderCookie = 0x31dcc;
    public const ulong ReceiverCookie = 0x31dcd;
    public const ulong IdleCookie = 0x5;
    public const ulong BbrCookie = 0x31dce;

    public const string SenderLabel = "iperf3 cubic 10.0.0.1:40000→10.0.0.2:5201";
    public const string ReceiverLabel = "iperf3 cubic 10.0.0.2:5201→10.0.0.1:40000";
    public const string IdleLabel = "sshd cubic 10.0.0.1:22→10.0.0.3:50000";
    public const string BbrLabel = "iperf3 bbr 10.0.0.1:40002→10.0.0.2:5202";

    /// <param name="withTcpInfo">False for a run sampled without -i.</param>
    public static SampleSet Build(bool withTcpInfo = true)
    {
        var environment = new SsEnvironment();
        var arguments = withTcpInfo ? new[] { "-tip" } : ["-tp"];
        var query = SsCommandLine.Parse(arguments, environment, TextReader.Null).Query;
        var processes = ProcessTable.FromHolders(
        [
            (100u, new SocketUser("iperf3", 1234, 5)),
            (101u, new SocketUser("iperf3", 1235, 6)),
            (102u, new SocketUser("sshd", 99, 3)),
            (103u, new SocketUser("iperf3", 1234, 7)),
        ]);
        var samples = new Sample[4];
        for (var i = 0; i < samples.Length; i++)
        {
            var sockets = new List<SocketRecord>
            {
                Socket(SenderCookie, 100, "10.0.0.1", 40000, "10.0.0.2", 5201, "cubic", withTcpInfo, sendQ: 1000, info =>
                {
                    info.Rtt = (uint)(10_000 * (i + 1));
                    info.Rttvar = 1000;
                    info.MinRtt = 9000;
                    info.SndCwnd = (uint)(10 * (i + 1));
                    info.SndSsthresh = i < 2 ? 0x7fffffffu : 25u;
                    info.Unacked = 30;
                    info.Sacked = 2;
                    info.Lost = 1;
                    info.Retrans = 3;
                    info.BytesAcked = 1_000_000UL * (ulong)i;
                    info.TotalRetrans = (uint)(i < 2 ? 0 : i == 2 ? 2 : 5);
                    info.BusyTime = 200_000UL * (ulong)i;
                    info.RwndLimited = 125_000UL * (ulong)i;
                    info.SndbufLimited = 25_000UL * (ulong)i;
                    info.DeliveryRate = 4_000_000;
                    info.PacingRate = 5_000_000;
                    info.SndWnd = 65535;
                    info.RcvWnd = 131072;
                    return info;
                }),
                Socket(ReceiverCookie, 101, "10.0.0.2", 5201, "10.0.0.1", 40000, "cubic", withTcpInfo, sendQ: 0, info =>
                {
                    info.Rtt = 5000;
                    info.SndCwnd = 10;
                    info.BytesReceived = 1_000_000UL * (ulong)i;
                    return info;
                }),
                Socket(IdleCookie, 102, "10.0.0.1", 22, "10.0.0.3", 50000, "cubic", withTcpInfo, sendQ: 0, info =>
                {
                    info.Rtt = 1000;
                    info.SndCwnd = 10;
                    info.BytesAcked = 500;
                    return info;
                }),
            };
            if (i is 1 or 2)
            {
                sockets.Add(Socket(BbrCookie, 103, "10.0.0.1", 40002, "10.0.0.2", 5202, "bbr", withTcpInfo, sendQ: 0, info =>
                {
                    info.Rtt = 2000;
                    info.SndCwnd = 50;
                    info.BytesAcked = 2_000_000UL * (ulong)(i - 1);
                    info.BusyTime = 250_000UL * (ulong)(i - 1);
                    info.DeliveryRate = 8_000_000;
                    return info;
                }));
            }
            samples[i] = new Sample(i, Start.AddMilliseconds(250 * i), sockets, processes);
        }
        return new SampleSet(arguments, query, samples, null) { Environment = environment };
    }

    private static SocketRecord Socket(ulong cookie, uint inode, string local, ushort localPort, string peer, ushort peerPort,
        string congestion, bool withTcpInfo, uint sendQ, Func<TcpInfo, TcpInfo> fill)
    {
        var socket = new SocketRecord
        {
            Table = SocketTable.Tcp,
            Family = AddressFamilies.Inet,
            State = SocketState.Established,
            LocalAddress = InetAddress.FromIPAddress(IPAddress.Parse(local)),
            LocalPort = localPort,
            PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse(peer)),
            PeerPort = peerPort,
            SendQ = sendQ,
            Inode = inode,
            Cookie = cookie,
        };
        if (withTcpInfo)
        {
            socket.Present = SocketAttributes.TcpInfo | SocketAttributes.Congestion;
            socket.Congestion = congestion;
            socket.SetTcpInfo(fill(new TcpInfo { Length = TcpInfo.KnownSize, State = 1 }));
        }
        return socket;
    }
}
