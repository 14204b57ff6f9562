using System.Net;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Text;

/// <summary>
/// The -i text of synthetic tcp_info payloads, every field set: pinned from the printer as it was when it matched
/// ss 6.10 field by field, so a printer that walks a table of fields must print the same bytes, including the
/// fields ss prints with %d (a high bit prints negative), the ones it skips at a sentinel (ssthresh of 0xFFFF or
/// more, reordering 3, minrtt 0 or ~0) and sacked, which a listener never shows.
/// </summary>
public class TcpInfoTextTests
{
    private static SocketRecord Socket(SocketState state, Func<int, byte> fill)
    {
        var bytes = new byte[TcpInfo.KnownSize];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = fill(i);
        }
        var socket = new SocketRecord
        {
            Table = SocketTable.Tcp,
            Family = AddressFamilies.Inet,
            State = state,
            LocalAddress = InetAddress.FromIPAddress(IPAddress.Parse("10.0.0.1")),
            LocalPort = 22,
            PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")),
            PeerPort = 50312,
            Present = SocketAttributes.TcpInfo,
        };
        socket.SetTcpInfo(TcpInfo.Read(bytes));
        return socket;
    }

    /// <summary>Each 32-bit word holds its index plus one in its low byte: a small, distinct value in every
    /// field.</summary>
    private static byte Small(int offset) => offset % 4 == 0 ? (byte)(offset / 4 + 1) : (byte)0;

    private static string Text(SocketRecord socket, string flags) =>
        TextTestSupport.Render(TextTestSupport.TcpQuery("-Ha", flags), [socket]);

    [Theory]
    [InlineData("small", SocketState.Established, "-tnio", "ESTAB 0      0      10.0.0.1:22 10.0.0.2:50312\n\t rto:0.003 backoff:2 rtt:0.018/0.019 ato:0.004 mss:5 pmtu:16 rcvmss:6 advmss:22 cwnd:21 ssthresh:20 bytes_sent:223338299443 bytes_retrans:231928234037 bytes_acked:137438953503 bytes_received:146028888097 segs_out:35 segs_in:36 data_segs_out:40 data_segs_in:39 send 46666667bps lastsnd:12 lastrcv:14 lastack:15 pacing_rate 962072674520bps/1030792151272bps delivery_rate 1443109011784bps delivered:49 delivered_ce:50 busy:188978561ms rwnd_limited:197568495ms(104.5%) sndbuf_limited:206158430ms(109.1%) unacked:7 retrans:10/26 lost:9 sacked:8 dsack_dups:55 fackets:11 reordering:23 reord_seen:56 rcv_rtt:0.024 rcv_space:25 rcv_ssthresh:17 notsent:37 minrtt:0.038 rcv_ooopack:57 snd_wnd:58 rcv_wnd:59 rehash:60\n")]
    [InlineData("small", SocketState.Listen, "-tnio", "LISTEN 0      0      10.0.0.1:22 10.0.0.2:50312\n\t rto:0.003 backoff:2 rtt:0.018/0.019 ato:0.004 mss:5 pmtu:16 rcvmss:6 advmss:22 cwnd:21 ssthresh:20 bytes_sent:223338299443 bytes_retrans:231928234037 bytes_acked:137438953503 bytes_received:146028888097 segs_out:35 segs_in:36 data_segs_out:40 data_segs_in:39 send 46666667bps lastsnd:12 lastrcv:14 lastack:15 pacing_rate 962072674520bps/1030792151272bps delivery_rate 1443109011784bps delivered:49 delivered_ce:50 busy:188978561ms rwnd_limited:197568495ms(104.5%) sndbuf_limited:206158430ms(109.1%) unacked:7 retrans:10/26 lost:9 dsack_dups:55 fackets:11 reordering:23 reord_seen:56 rcv_rtt:0.024 rcv_space:25 rcv_ssthresh:17 notsent:37 minrtt:0.038 rcv_ooopack:57 snd_wnd:58 rcv_wnd:59 rehash:60\n")]
    [InlineData("small", SocketState.Established, "-tio", "ESTAB 0      0      10.0.0.1:ssh 10.0.0.2:50312\n\t rto:0.003 backoff:2 rtt:0.018/0.019 ato:0.004 mss:5 pmtu:16 rcvmss:6 advmss:22 cwnd:21 ssthresh:20 bytes_sent:223338299443 bytes_retrans:231928234037 bytes_acked:137438953503 bytes_received:146028888097 segs_out:35 segs_in:36 data_segs_out:40 data_segs_in:39 send 46.7Mbps lastsnd:12 lastrcv:14 lastack:15 pacing_rate 962Gbps/1.03Tbps delivery_rate 1.44Tbps delivered:49 delivered_ce:50 busy:188978561ms rwnd_limited:197568495ms(104.5%) sndbuf_limited:206158430ms(109.1%) unacked:7 retrans:10/26 lost:9 sacked:8 dsack_dups:55 fackets:11 reordering:23 reord_seen:56 rcv_rtt:0.024 rcv_space:25 rcv_ssthresh:17 notsent:37 minrtt:0.038 rcv_ooopack:57 snd_wnd:58 rcv_wnd:59 rehash:60\n")]
    [InlineData("pattern", SocketState.Established, "-tnio", "ESTAB 0      0      10.0.0.1:22 10.0.0.2:50312\n\t fastopen wscale:11,2 rto:1.31329e+06 backoff:29 rtt:4.07555e+06/235340 ato:1.7849e+06 mss:-2038466447 pmtu:3132337317 rcvmss:-1566862195 advmss:1650152525 cwnd:1178548273 bytes_sent:12295843573806891129 bytes_retrans:16346893252739184817 bytes_acked:8823515277579210825 bytes_received:12874564956511504513 segs_out:3469197497 segs_in:3940801749 data_segs_out:1515408453 data_segs_in:1043804201 send 5220199296808708bps lastsnd:1245920309 lastrcv:2189128813 lastack:2660733065 pacing_rate 5773587988118177792bps/38179724789175336960bps delivery_rate 84477435405544407040bps delivered:1448036417 delivered_ce:1919640669 busy:14610729104625344ms rwnd_limited:215034709848086ms(1.5%) sndbuf_limited:4193744215942303ms(28.7%) unacked:3199709353 retrans:302712061/3536569533 lost:4142917857 sacked:3671313605 dsack_dups:4277661929 fackets:774316057 reordering:2121756777 reord_seen:437455877 rcv_rtt:2.59336e+06 rcv_space:-1230002015 rcv_ssthresh:3603941569 notsent:117438705 minrtt:572200 rcv_ooopack:909060129 snd_wnd:1380664381 rcv_wnd:1852268633 rehash:2323872885\n")]
    [InlineData("pattern", SocketState.Established, "-tio", "ESTAB 0      0      10.0.0.1:ssh 10.0.0.2:50312\n\t fastopen wscale:11,2 rto:1.31329e+06 backoff:29 rtt:4.07555e+06/235340 ato:1.7849e+06 mss:-2038466447 pmtu:3132337317 rcvmss:-1566862195 advmss:1650152525 cwnd:1178548273 bytes_sent:12295843573806891129 bytes_retrans:16346893252739184817 bytes_acked:8823515277579210825 bytes_received:12874564956511504513 segs_out:3469197497 segs_in:3940801749 data_segs_out:1515408453 data_segs_in:1043804201 send 5.22e+03Tbps lastsnd:1245920309 lastrcv:2189128813 lastack:2660733065 pacing_rate 5.77e+06Tbps/3.82e+07Tbps delivery_rate 8.45e+07Tbps delivered:1448036417 delivered_ce:1919640669 busy:14610729104625344ms rwnd_limited:215034709848086ms(1.5%) sndbuf_limited:4193744215942303ms(28.7%) unacked:3199709353 retrans:302712061/3536569533 lost:4142917857 sacked:3671313605 dsack_dups:4277661929 fackets:774316057 reordering:2121756777 reord_seen:437455877 rcv_rtt:2.59336e+06 rcv_space:-1230002015 rcv_ssthresh:3603941569 notsent:117438705 minrtt:572200 rcv_ooopack:909060129 snd_wnd:1380664381 rcv_wnd:1852268633 rehash:2323872885\n")]
    [InlineData("high", SocketState.Established, "-tni", "ESTAB 0      0      10.0.0.1:22 10.0.0.2:50312\n\t rto:2.15591e+06 backoff:128 rtt:2.15591e+06/2.15591e+06 ato:2.15591e+06 mss:-2139062144 pmtu:2155905152 rcvmss:-2139062144 advmss:-2139062144 cwnd:2155905152 bytes_sent:9259542123273814144 bytes_retrans:9259542123273814144 bytes_acked:9259542123273814144 bytes_received:9259542123273814144 segs_out:2155905152 segs_in:2155905152 data_segs_out:2155905152 data_segs_in:2155905152 send 17247241216000000bps lastsnd:2155905152 lastrcv:2155905152 lastack:2155905152 pacing_rate 74076336986190512128bps/74076336986190512128bps delivery_rate 74076336986190512128bps delivered:2155905152 delivered_ce:2155905152 busy:9259542123273814ms rwnd_limited:9259542123273814ms(100.0%) sndbuf_limited:9259542123273814ms(100.0%) unacked:2155905152 retrans:2155905152/2155905152 lost:2155905152 sacked:2155905152 dsack_dups:2155905152 fackets:2155905152 reordering:-2139062144 reord_seen:-2139062144 rcv_rtt:2.15591e+06 rcv_space:-2139062144 rcv_ssthresh:2155905152 notsent:2155905152 minrtt:2.15591e+06 rcv_ooopack:2155905152 snd_wnd:2155905152 rcv_wnd:2155905152 rehash:2155905152\n")]
    [InlineData("sentinels", SocketState.Established, "-tni", "ESTAB 0      0      10.0.0.1:22 10.0.0.2:50312\n\t\n")]
    public void PrintsEveryFieldAsSs610(string payload, SocketState state, string flags, string expected)
    {
        var socket = Socket(state, payload switch
        {
            "small" => Small,
            // Bytes that vary across every field and set high bits, so signed fields go negative and rates are large.
            "pattern" => offset => (byte)(offset * 7 + 1),
            // Every byte 0x80: the high bit of each field.
            "high" => _ => 0x80,
            // ssthresh 0xFFFF (infinite), reordering 3, minrtt ~0: none printed; everything else zero.
            "sentinels" => offset => offset switch
            {
                76 or 77 => 0xff,
                88 => 3,
                >= 148 and < 152 => 0xff,
                _ => 0,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(payload)),
        });
        var actual = Text(socket, flags);
        Assert.Equal(expected, actual);
    }
}
