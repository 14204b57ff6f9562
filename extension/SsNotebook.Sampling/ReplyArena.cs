namespace SsNotebook.Sampling;

/// <summary>
/// Native memory holding the raw replies of one sampling run, until the run's last sample is collected. At 10k
/// sockets each sample keeps ~4.5 MB: on the managed heap, chunks that size live on the large object heap, whose
/// budget then forces a full collection every few samples, and every 4 KB page of them costs a first-touch fault.
/// Outside the heap nothing triggers a collection, and on Linux the regions are 2 MB-aligned and advised as huge
/// pages, so a sample faults in a couple of pages instead of a thousand.
/// </summary>
internal sealed unsafe partial class ReplyArena : IReplyMemory
{
    private const nuint HugePage = 2 << 20;
    private const nuint RegionBytes = 2 * HugePage;
    private const int MadviseHugePage = 14;

    private readonly List<nint> _regions = [];
    private byte* _region;
    private nuint _size;
    private nuint _used;

    /// <summary>Copies <paramref name="bytes"/> into the arena and returns where they now are.</summary>
    public nint Keep(ReadOnlySpan<byte> bytes)
    {
        var length = (nuint)bytes.Length;
        if (_size - _used < length)
        {
            NewRegion(Math.Max(RegionBytes, (length + HugePage - 1) / HugePage * HugePage));
        }
        var at = _region + _used;
        bytes.CopyTo(new Span<byte>(at, bytes.Length));
        _used += length;
        return (nint)at;
    }

    /// <summary>A copy of <paramref name="length"/> bytes at <paramref name="address"/>, an address
    /// <see cref="Keep"/> returned.</summary>
    public byte[] Copy(nint address, int length)
    {
        var copy = new ReadOnlySpan<byte>((void*)address, length).ToArray();
        GC.KeepAlive(this);
        return copy;
    }

    private void NewRegion(nuint size)
    {
        var region = (byte*)NativeMemory.AlignedAlloc(size, HugePage);
        _regions.Add((nint)region);
        if (OperatingSystem.IsLinux())
        {
            // Only advice: without transparent huge pages this changes nothing.
            _ = Madvise((nint)region, size, MadviseHugePage);
        }
        _region = region;
        _size = size;
        _used = 0;
    }

    ~ReplyArena()
    {
        foreach (var region in _regions)
        {
            NativeMemory.AlignedFree((void*)region);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
