using System.Diagnostics;
using System.IO.Compression;
using SsNotebook.Fuzz.Targets;
using SsNotebook.Recording;

namespace SsNotebook.Fuzz.Tests;

/// <summary>
/// A recording is only data: 20,000 mutated recordings (half mutated as files, half as inflated bodies re-wrapped in a
/// well-formed file so the chunk parser and the replay see them) are read, replayed and printed in this one process.
/// Each either replays or raises <see cref="RecordingException"/> — no other exception type, no abort — and memory
/// stays bounded: reading and replaying a recording of N bytes allocates at most <see cref="AllocationBound"/>(N) =
/// 1 KiB per byte of the file + 16 MiB (the reader's own bound, 2 N + 3 × its inflation cap of 64 N + 1 MiB, fits well
/// inside; printing the text afterwards is a fixed cost per sample and not counted), and the process's working set
/// stays under 1 GiB throughout.
/// The class runs alone, so no other test's memory is counted.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class MutatedRecordingTests
{
    public const int Count = 20_000;

    public static long AllocationBound(long fileLength) => (1024 * fileLength) + (16L << 20);

    [Fact]
    public void MutatedRecordingsReplayOrRaiseRecordingExceptionWithinTheMemoryBound()
    {
        var files = SmokeRun.LoadInputs(RepositoryFiles.Path("kernel-tests", "fuzz", "corpus", "recording"));
        Assert.True(files.Count >= 7, $"{files.Count} seed recordings");
        var bodies = files.Select(file => RecordingBodyTarget.Unwrap(file)!).ToArray();
        var fileMutator = new Mutator(20261204, files, []);
        var bodyMutator = new Mutator(4122026, bodies, []);
        var unexpected = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        var overBound = new List<string>();
        int replayed = 0, rejected = 0;
        long largestWorkingSet = 0;
        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < Count; i++)
        {
            var file = i % 2 == 0
                ? fileMutator.Mutate(files[i % files.Count])
                : RecordingBodyTarget.Wrap(bodyMutator.Mutate(bodies[i % bodies.Length]), (ushort)(1 + (i / 2 % 2)));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var allocated = 0L;
            try
            {
                var replay = RecordingFileTarget.ReadAndReplay(file);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                RecordingFileTarget.Print(replay);
                replayed++;
            }
            catch (RecordingException)
            {
                rejected++;
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
#pragma warning disable CA1031 // Every other exception is the finding this test reports.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var key = SmokeRun.Signature(exception);
                var (count, example) = unexpected.GetValueOrDefault(key, (0, $"{Describe(i, file)}: {SmokeRun.Shorten(exception.Message.Split('\n')[0])}"));
                unexpected[key] = (count + 1, example);
            }
            if (allocated > AllocationBound(file.Length))
            {
                overBound.Add($"{Describe(i, file)} allocated {allocated} bytes (bound {AllocationBound(file.Length)})");
            }
            if (i % 100 == 0)
            {
                self.Refresh();
                largestWorkingSet = Math.Max(largestWorkingSet, self.WorkingSet64);
            }
        }
        Assert.True(unexpected.Count == 0,
            $"{replayed} replayed, {rejected} RecordingException, others:\n" +
            string.Join('\n', unexpected.Select(u => $"  {u.Value.Count} × {u.Key} (first: {u.Value.Example})")));
        Assert.True(overBound.Count == 0, $"{overBound.Count} over the bound:\n{string.Join('\n', overBound.Take(5))}");
        Assert.Equal(Count, replayed + rejected);
        Assert.True(replayed > 100, $"only {replayed} of {Count} mutants replayed: the mutations no longer reach the replay");
        Assert.True(largestWorkingSet < 1L << 30, $"working set reached {largestWorkingSet} bytes");
    }

    /// <summary>A small file whose body inflates to 200 MiB of zeros (a decompression bomb) is refused as a
    /// recording, within the same bound.</summary>
    [Fact]
    public void DecompressionBombIsARecordingExceptionWithinTheMemoryBound()
    {
        var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 200; i++)
            {
                deflate.Write(zeros);
            }
        }
        var file = new byte[16 + compressed.Length];
        "SSNREC"u8.CopyTo(file);
        file[6] = 2;
        BitConverter.TryWriteBytes(file.AsSpan(8), compressed.Length);
        compressed.GetBuffer().AsSpan(0, (int)compressed.Length).CopyTo(file.AsSpan(16));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<RecordingException>(() => SsRecording.Read(new MemoryStream(file)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= AllocationBound(file.Length), $"{allocated} bytes for a {file.Length}-byte file");
    }

    private static string Describe(int index, byte[] file) =>
        $"mutant {index}, {file.Length} bytes" + (file.Length <= 64 ? $", base64 {Convert.ToBase64String(file)}" : "");
}

/// <summary>Tests that measure this process's memory run alone.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;
