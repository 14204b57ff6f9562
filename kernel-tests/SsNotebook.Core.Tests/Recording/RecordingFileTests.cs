using SsNotebook.Query;
using SsNotebook.Recording;

namespace SsNotebook.Core.Tests.Recording;

/// <summary>The recording file format: what it refuses, and how its naming tables round-trip.</summary>
public class RecordingFileTests
{
    [Fact]
    public void NotARecordingAndNewerVersionsAreRejectedWithClearMessages()
    {
        var error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream("hello world"u8.ToArray())));
        Assert.Equal("Not an ss recording: the file does not start with SSNREC", error.Message);
        error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream([])));
        Assert.Equal("Not an ss recording: the file does not start with SSNREC", error.Message);
        error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream("SSNREC\x09\0"u8.ToArray())));
        Assert.Equal("Unsupported recording format version 9 (this version reads up to 3)", error.Message);
        error = Assert.Throws<RecordingException>(() => SsRecording.Open(Path.Combine(Path.GetTempPath(), $"ssn-missing-{Environment.ProcessId}.ssrec")));
        Assert.StartsWith("Cannot read recording ", error.Message);
    }

    [Fact]
    public void ChunkTagsKeepTheirStoredNumbers()
    {
        byte[] tags = [(byte)ChunkKind.Header, (byte)ChunkKind.SampleBegin, (byte)ChunkKind.Reply, (byte)ChunkKind.ProcRecord,
            (byte)ChunkKind.Holder, (byte)ChunkKind.Diagnostic, (byte)ChunkKind.SampleEnd, (byte)ChunkKind.Naming, (byte)ChunkKind.Cgroups, (byte)ChunkKind.End];
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 0x7f], tags);
    }

    [Fact]
    public void InflatedBodyCorruptionIsCaughtByStructureChecks()
    {
        var header = new RecordingHeader("h", "k", ["-tn"], DateTimeOffset.UnixEpoch);
        var stream = new MemoryStream();
        new SsRecording(header, []).Write(stream);
        var body = Inflate(stream.ToArray());
        // Claim two samples in the End marker while there are none.
        body[^4] = 2;
        var error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(body))));
        Assert.Equal("Corrupt recording: the end marker counts 2 samples but 0 were read", error.Message);
        error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(body[..^9]))));
        Assert.Equal("Truncated recording: it ends after 0 complete samples without its end marker", error.Message);
    }

    [Fact]
    public void NamingTablesRoundTripAndTheirCorruptionIsARecordingError()
    {
        var header = new RecordingHeader("h", "k", ["-tl"], DateTimeOffset.UnixEpoch);
        var naming = new NamingContext { Services = "web 8080/tcp\n", Protocols = null, PortRange = "9000 9100\n", Interfaces = "1 lo\n" };
        var stream = new MemoryStream();
        new SsRecording(header, [], naming).Write(stream);
        var file = stream.ToArray();
        Assert.Equal(3, BitConverter.ToUInt16(file.AsSpan(6, 2)));
        Assert.Equal(naming, SsRecording.Read(new MemoryStream(file)).Naming);

        var body = Inflate(file);
        var headerLength = 5 + BitConverter.ToInt32(body.AsSpan(1, 4));
        Assert.Equal(8, body[headerLength]);
        var namingLength = 5 + BitConverter.ToInt32(body.AsSpan(headerLength + 1, 4));
        var namingChunk = body.AsSpan(headerLength, namingLength).ToArray();

        var damaged = (byte[])body.Clone();
        damaged[headerLength + 5] = 2;
        var error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(damaged))));
        Assert.Equal($"Corrupt recording: services table flag 2 at offset {headerLength + 5} is not 0 or 1", error.Message);

        error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(body, version: 1))));
        Assert.Equal($"Corrupt recording: unexpected Naming chunk at offset {headerLength}", error.Message);

        byte[] twice = [.. body.AsSpan(0, headerLength + namingLength), .. namingChunk, .. body.AsSpan(headerLength + namingLength)];
        error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(twice))));
        Assert.Equal($"Corrupt recording: unexpected Naming chunk at offset {headerLength + namingLength}", error.Message);

        // Shorten the chunk's declared length so a string runs past its end.
        var cut = (byte[])body.Clone();
        BitConverter.TryWriteBytes(cut.AsSpan(headerLength + 1, 4), namingLength - 5 - 3);
        Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(cut))));
        for (var length = 0; length < body.Length; length++)
        {
            Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(body[..length]))));
        }
    }

    [Fact]
    public void CgroupHierarchiesRoundTripAndTheirCorruptionIsARecordingError()
    {
        var header = new RecordingHeader("h", "k", ["-tle"], DateTimeOffset.UnixEpoch);
        var cgroups = new SsNotebook.Naming.CgroupSnapshot(false, new Dictionary<ulong, string> { [1] = "/", [0x2a] = "/a b.slice" });
        var stream = new MemoryStream();
        new SsRecording(header, [], new NamingContext { Cgroups = cgroups }).Write(stream);
        var body = Inflate(stream.ToArray());

        var read = SsRecording.Read(new MemoryStream(Deflate(body, version: 3))).Naming!.Cgroups!;
        Assert.False(read.MountFound);
        Assert.Equal(cgroups.Paths.OrderBy(entry => entry.Key), read.Paths.OrderBy(entry => entry.Key));

        var headerLength = 5 + BitConverter.ToInt32(body.AsSpan(1, 4));
        var namingLength = 5 + BitConverter.ToInt32(body.AsSpan(headerLength + 1, 4));
        var at = headerLength + namingLength;
        Assert.Equal(9, body[at]);
        string Refusal(byte[] damaged, byte version = 3) =>
            Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(damaged, version)))).Message;

        Assert.Equal($"Corrupt recording: unexpected Cgroups chunk at offset {at}", Refusal(body, version: 2));
        var flag = (byte[])body.Clone();
        flag[at + 5] = 7;
        Assert.Equal($"Corrupt recording: cgroup mount flag 7 at offset {at + 5} is not 0 or 1", Refusal(flag));
        var count = (byte[])body.Clone();
        BitConverter.TryWriteBytes(count.AsSpan(at + 6, 4), 1_000_000u);
        Assert.Equal("Corrupt recording: 1000000 cgroups cannot fit in the Cgroups chunk", Refusal(count));
        var twice = (byte[])body.Clone();
        twice[at + 10] = 0x2a;
        Assert.Equal($"Corrupt recording: cgroup 2a at offset {at + 10 + 8 + 4 + 1} is listed twice", Refusal(twice));
        for (var length = 0; length < body.Length; length++)
        {
            Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(Deflate(body[..length], version: 3))));
        }
    }

    [Fact]
    public void Version1BodyReadsWithoutNamingTables()
    {
        // A version 1 body (no Naming chunk) in a version 1 file reads, with no naming tables.
        var header = new RecordingHeader("h", "k", ["-tln"], DateTimeOffset.UnixEpoch);
        var stream = new MemoryStream();
        new SsRecording(header, [], naming: null).Write(stream);
        var v1 = SsRecording.Read(new MemoryStream(Deflate(Inflate(stream.ToArray()), version: 1)));
        Assert.Null(v1.Naming);
        Assert.Equal(["-tln"], v1.Header.Arguments);
    }

    private static byte[] Inflate(byte[] file)
    {
        using var deflate = new System.IO.Compression.DeflateStream(new MemoryStream(file[16..]), System.IO.Compression.CompressionMode.Decompress);
        var output = new MemoryStream();
        deflate.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Deflate(byte[] body, byte version = 2)
    {
        var output = new MemoryStream();
        output.Write("SSNREC"u8);
        output.Write([version, 0]);
        var compressed = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(body);
        }
        output.Write(BitConverter.GetBytes(compressed.Length));
        output.Write(compressed.ToArray());
        return output.ToArray();
    }
}
