using System.Net;
using SsNotebook.Recording;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Recording;

/// <summary>
/// The ProcRecord chunk's bytes, pinned: recordings already written must replay, so the layout below (taken from
/// the codec as it was when recordings were first made) may not change, and a short chunk must name the field it
/// ran out in and its offset.
/// </summary>
public class ProcRecordCodecTests
{
    /// <summary>Every field in stored order: the name a truncation reports, its offset and width (a string is its
    /// four-byte length, then its UTF-8 bytes under the same name).</summary>
    private static readonly (string Name, int Offset, int Width)[] Layout =
    [
        ("socket table", 0, 1),
        ("proc record family", 1, 1),
        ("proc record state", 2, 1),
        ("proc record timer", 3, 1),
        ("proc record retransmits", 4, 1),
        ("address family", 5, 1),
        ("address", 6, 16),
        ("proc record local port", 22, 2),
        ("address family", 24, 1),
        ("address", 25, 16),
        ("proc record peer port", 41, 2),
        ("proc record interface", 43, 4),
        ("proc record cookie", 47, 8),
        ("proc record expiry", 55, 4),
        ("proc record Recv-Q", 59, 4),
        ("proc record Send-Q", 63, 4),
        ("proc record uid", 67, 4),
        ("proc record inode", 71, 4),
        ("proc record attributes", 75, 4),
        ("proc record refcount", 79, 4),
        ("proc record rto", 83, 4),
        ("proc record ato", 87, 4),
        ("proc record quickack", 91, 4),
        ("proc record cwnd", 95, 4),
        ("proc record ssthresh", 99, 4),
        ("proc record probes", 103, 4),
        ("proc record options", 107, 4),
        ("proc record options", 111, 6),
        ("proc record details flag", 117, 1),
    ];

    private const string Golden =
        "020a0102030a"
        + "20010db8000000000000000000000001" + "3412"
        + "02" + "c0000207000000000000000000000000" + "cdab"
        + "05000000" + "0807060504030201" + "44332211" + "06000000" + "07000000" + "e8030000" + "efbeadde"
        + "00000080"
        + "02000000" + "c8000000" + "28000000" + "01000000" + "0a000000" + "ffffffff" + "04000000"
        + "06000000" + "6f707420c3a9"
        + "01";

    /// <summary>The golden chunk, decoded: every field distinct, so a swapped or shifted field shows.</summary>
    private static SocketRecord Full() => Read(Convert.FromHexString(Golden));

    private static byte[] Payload(SocketRecord record)
    {
        var stream = new MemoryStream();
        var writer = new ChunkWriter(stream);
        writer.Begin();
        ProcRecordCodec.Write(writer, record);
        writer.End(ChunkKind.ProcRecord);
        return stream.ToArray()[5..];
    }

    private static SocketRecord Read(byte[] payload)
    {
        var reader = new ChunkReader(payload, 0);
        var record = ProcRecordCodec.Read(ref reader);
        Assert.True(reader.AtEnd);
        return record;
    }

    [Fact]
    public void ReadsTheRecordedLayoutAndWritesItBack()
    {
        var record = Full();
        Assert.Equal(
            (SocketTable.Tcp, AddressFamilies.Inet6, SocketState.Established, (byte)2, (byte)3,
                InetAddress.FromIPAddress(IPAddress.Parse("2001:db8::1")), (ushort)0x1234,
                InetAddress.FromIPAddress(IPAddress.Parse("192.0.2.7")), (ushort)0xabcd, 5u, 0x0102030405060708ul, 0x11223344u,
                6u, 7u, 1000u, 0xdeadbeefu, SocketAttributes.FromProc),
            (record.Table, record.Family, record.State, record.Timer, record.Retransmits, record.LocalAddress, record.LocalPort,
                record.PeerAddress, record.PeerPort, record.InterfaceIndex, record.Cookie, record.Expires, record.RecvQ,
                record.SendQ, record.Uid, record.Inode, record.Present));
        Assert.Equal(
            new ProcSocketDetails { RefCount = 2, Rto = 200, Ato = 40, QuickAck = 1, Cwnd = 10, Ssthresh = -1, Probes = 4, Options = "opt é" },
            record.Proc);

        var payload = Payload(record);
        Assert.Equal(Golden, Convert.ToHexStringLower(payload));
        Assert.Equal(Layout[^1].Offset + Layout[^1].Width, payload.Length);
    }

    [Fact]
    public void ARecordWithoutProcColumnsStoresZerosAndReadsBackWithout()
    {
        var record = Full();
        record.Proc = null;
        var payload = Payload(record);
        Assert.Equal(Golden[..(79 * 2)] + new string('0', 28 * 2 + 8) + "00", Convert.ToHexStringLower(payload));
        Assert.Null(Read(payload).Proc);
    }

    [Fact]
    public void EveryTruncationNamesTheFieldAndItsOffset()
    {
        var payload = Payload(Full());
        for (var length = 0; length < payload.Length; length++)
        {
            var field = Layout.Last(f => f.Offset <= length);
            var error = Assert.Throws<RecordingException>(() => Read(payload[..length]));
            Assert.Equal(
                $"Truncated recording: {field.Name} at offset {field.Offset} needs {field.Width} bytes, only {length - field.Offset} left",
                error.Message);
        }
    }

    [Fact]
    public void AnUnknownTableOrBadUtf8IsCorrupt()
    {
        var payload = Payload(Full());
        payload[0] = 0xee;
        var error = Assert.Throws<RecordingException>(() => Read(payload));
        Assert.Equal("Corrupt recording: unknown socket table 238 at offset 0", error.Message);

        payload = Payload(Full());
        payload[111] = 0xff;
        error = Assert.Throws<RecordingException>(() => Read(payload));
        Assert.Equal("Corrupt recording: proc record options at offset 117 is not valid UTF-8", error.Message);
    }
}
