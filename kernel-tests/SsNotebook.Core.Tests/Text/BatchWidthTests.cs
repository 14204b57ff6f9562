using System.Security.Cryptography;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Text;

/// <summary>
/// ss renders every time a line ends with 5 MiB-chunks of tokens allocated, so widths change between batches and
/// only ever grow. The expectation is what ss printed (TCPDIAG_FILE replay, -tanp) for the same 150000 sockets,
/// built by the generator below (mirrored in Python to make the dump): its line count, the batch boundaries seen
/// as line lengths, and a SHA-256 of the whole output.
/// </summary>
public class BatchWidthTests
{
    private const int Count = 150000;

    private static SocketRecord Make(int i)
    {
        Span<byte> src = stackalloc byte[16];
        Span<byte> dst = stackalloc byte[16];
        src.Clear();
        dst.Clear();
        byte family;
        if (i % 50000 == 49999)
        {
            family = AddressFamilies.Inet6;
            ReadOnlySpan<ushort> high = [0x2001, 0xdb8, 0x1234, 0x5678, 0x9abc, 0xdef0];
            for (var w = 0; w < 6; w++)
            {
                src[2 * w] = (byte)(high[w] >> 8);
                src[2 * w + 1] = (byte)high[w];
            }
            dst[0] = 0xfe;
            dst[1] = 0x80;
            src[12] = dst[12] = (byte)(i >> 24);
            src[13] = dst[13] = (byte)(i >> 16);
            src[14] = dst[14] = (byte)(i >> 8);
            src[15] = dst[15] = (byte)i;
        }
        else
        {
            family = AddressFamilies.Inet;
            src[0] = 10;
            src[1] = (byte)(i >> 16);
            src[2] = (byte)(i >> 8);
            src[3] = (byte)i;
            dst[0] = 127;
            dst[2] = (byte)(i >> 8);
            dst[3] = (byte)i;
        }
        return new SocketRecord
        {
            Table = SocketTable.Tcp,
            Family = family,
            State = i % 3 == 0 ? SocketState.Listen : SocketState.Established,
            LocalAddress = new InetAddress(family, src),
            PeerAddress = new InetAddress(family, dst),
            LocalPort = (ushort)(1 + i % 65535),
            PeerPort = (ushort)(i * 7 % 65536),
            RecvQ = (uint)(i % 1000),
            SendQ = (uint)(i * 13 % 100000),
            Inode = (uint)(4000000000L + i),
        };
    }

    [Fact]
    public void BatchBoundariesAndWidthsMatchSs()
    {
        var sockets = new SocketRecord[Count];
        for (var i = 0; i < Count; i++)
        {
            sockets[i] = Make(i);
        }

        var text = TextTestSupport.Render(TextTestSupport.TcpQuery("-tanp"), sockets);

        var lines = text.Split('\n')[..^1];
        Assert.Equal(Count + 1, lines.Length);
        Assert.Equal(57092, lines.TakeWhile(l => l.Length == 91).Count());
        Assert.All(lines.Skip(57092), l => Assert.Equal(92, l.Length));
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Equal("a142e2520ff4bcb4195bd2c392cd86bcf82ed0ca5024da78e34d3068088c124e", hash);
    }
}
