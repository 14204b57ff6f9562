using System.IO.Compression;
using SsNotebook.Recording;

namespace SsNotebook.Sampling.Tests;

/// <summary>A recording's declared lengths are checked against what arrives before anything is allocated for
/// them, and its body inflates to a bounded multiple of its compressed size.</summary>
public sealed class RecordingBoundsTests
{
    private static byte[] File(long declaredLength, ReadOnlySpan<byte> compressed)
    {
        var output = new MemoryStream();
        output.Write("SSNREC\x02\0"u8);
        output.Write(BitConverter.GetBytes(declaredLength));
        output.Write(compressed);
        return output.ToArray();
    }

    private static byte[] Deflated(long zeros)
    {
        var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var chunk = new byte[1 << 16];
            for (var left = zeros; left > 0; left -= chunk.Length)
            {
                deflate.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
            }
        }
        return compressed.ToArray();
    }

    /// <summary>A stream that cannot seek: its length is unknown until it ends.</summary>
    private sealed class Pipe(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(512L << 20)]
    [InlineData(int.MaxValue - 64L)]
    public void DeclaredBodyLengthsAreNotAllocatedBeforeTheyArrive(long declared)
    {
        // The fuzzer's 16-byte file: its header alone made the reader allocate the declared length.
        var bytes = File(declared, [1, 2]);
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new Pipe(bytes) })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<RecordingException>(() => SsRecording.Read(stream));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
            Assert.Equal($"Truncated recording: the body has 2 of its {declared} bytes", error.Message);
        }
    }

    [Fact]
    public void ImpossibleLengthsAreCorruption()
    {
        Assert.Equal("Corrupt recording: body length -1 is impossible",
            Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(File(-1, [])))).Message);
        Assert.Equal($"Corrupt recording: body length {int.MaxValue} is impossible",
            Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(File(int.MaxValue, [])))).Message);
    }

    [Fact]
    public void ADecompressionBombStopsAtItsRatio()
    {
        // 64 MiB of zeros deflate to about 64 KiB: a thousandfold, where recordings inflate 5 to 10 times.
        var compressed = Deflated(64L << 20);
        var limit = RecordingLimits.InflatedLimit(compressed.Length);
        Assert.Equal((1 << 20) + (64L * compressed.Length), limit);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(File(compressed.Length, compressed))));
        Assert.Equal(
            $"Corrupt recording: the body inflates beyond {limit} bytes (at most 64 times its {compressed.Length} compressed bytes plus 1048576, and never beyond 1073741824)",
            error.Message);
        // The compressed bytes, and the inflated buffer grown by doubling up to the limit.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < (3 * limit) + (2 * compressed.Length));
    }

    [Fact]
    public void ABodyOfExactlyTheLimitIsReadAndStillParsed()
    {
        // Zeros are no recording, but they must reach the parser (which names the first bad chunk), not the limit.
        var compressed = Deflated(1 << 20);
        var error = Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(File(compressed.Length, compressed))));
        Assert.Equal("Corrupt recording: expected the header first, found chunk kind 0", error.Message);
    }

    [Fact]
    public void TheLimitsAreTheDocumentedOnes()
    {
        Assert.Equal(64, RecordingLimits.MaxInflationRatio);
        Assert.Equal(1 << 20, RecordingLimits.InflationAllowance);
        Assert.Equal(1L << 30, RecordingLimits.MaxInflatedLength);
        Assert.Equal(1L << 30, RecordingLimits.InflatedLimit(1L << 30));
    }

    private static double Ratio(byte[] file)
    {
        using var deflate = new DeflateStream(new MemoryStream(file, 16, file.Length - 16), CompressionMode.Decompress);
        var inflated = new MemoryStream();
        deflate.CopyTo(inflated);
        return inflated.Length / (double)(file.Length - 16);
    }

    private static RecordedSample IdleSample(int second, byte[] reply) => new(
        new DateTimeOffset(2026, 1, 1, 0, 0, second % 60, TimeSpan.Zero).AddMinutes(second / 60),
        [new RecordedReply(Sockets.SocketTable.Tcp, 2, reply)], [], null, []);

    [Fact]
    public void IdenticalSamplesDoNotCompressIntoEachOther()
    {
        // An idle namespace sampled 3,000 times: one NLMSG_DONE per sample. One deflate stream over all of them
        // inflated 40 times; compressed per sample, they stay far under the readers' ratio, and read back.
        byte[] done = [20, 0, 0, 0, 3, 0, 2, 0, 0x40, 0xe2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var samples = Enumerable.Range(0, 3000).Select(second => IdleSample(second, done)).ToArray();
        var header = new RecordingHeader("h", "k", ["-tan"], DateTimeOffset.UnixEpoch);
        var stream = new MemoryStream();
        new SsRecording(header, samples, naming: null).Write(stream);
        var file = stream.ToArray();
        Assert.InRange(Ratio(file), 1, 8);
        var read = SsRecording.Read(new MemoryStream(file));
        Assert.Equal(3000, read.Samples.Count);
        Assert.Equal(done, read.Samples[2999].Replies[0].Buffer);
        Assert.Equal(samples[2999].Timestamp, read.Samples[2999].Timestamp);
    }

    [Fact]
    public void ASampleThatWouldInflateBeyondTheRatioIsStoredUncompressed()
    {
        var zeros = new byte[8 << 20];
        var header = new RecordingHeader("h", "k", ["-tan"], DateTimeOffset.UnixEpoch);
        var stream = new MemoryStream();
        new SsRecording(header, [IdleSample(0, zeros)], naming: null).Write(stream);
        var file = stream.ToArray();
        Assert.InRange(Ratio(file), 0.99, 1.01);
        Assert.Equal(zeros, SsRecording.Read(new MemoryStream(file)).Samples[0].Replies[0].Buffer);
    }

    [Fact]
    public void RealRecordingsInflateWellWithinTheRatio()
    {
        var samples = Path.Combine(RecordingTests.RepositoryRoot(), "samples");
        foreach (var path in Directory.GetFiles(samples, "*.ssrec"))
        {
            var bytes = System.IO.File.ReadAllBytes(path);
            using var deflate = new DeflateStream(new MemoryStream(bytes, 16, bytes.Length - 16), CompressionMode.Decompress);
            var inflated = new MemoryStream();
            deflate.CopyTo(inflated);
            Assert.InRange(inflated.Length / (double)(bytes.Length - 16), 1, 16);
            Assert.NotNull(SsRecording.Read(new MemoryStream(bytes)));
        }
    }
}
