namespace SsNotebook.Recording;

/// <summary>
/// The layout of a recording file (version 3; version 2 is the same without the Cgroups chunk, version 1 without
/// the Naming chunk too). All integers
/// little-endian.
/// <code>
/// "SSNREC" u16:version                         8 bytes, uncompressed, so a wrong file is named before inflating
/// i64:compressed length                        so a cut file is always detected
/// raw DEFLATE stream of chunks:  u8:kind u32:length payload[length]
///   Header      str:tool str:host str:kernel i64:created(unix ms) u32:argc str*argc
///   Naming      (v2, optional, once, right after the header) the recording machine's naming tables:
///               opt:services opt:protocols opt:ip_local_port_range opt:interfaces ("INDEX NAME" lines),
///               opt = u8:0 (could not be read) or u8:1 str
///   Cgroups     (v3, optional, once, after Naming) the cgroup2 hierarchy, for runs whose text names cgroups:
///               u8:ss found the mount u32:count (u64:id str:path)*count
///   SampleBegin i64:timestamp(UTC .NET ticks, 100 ns) u8:hasProcesses
///   Reply       u8:table u8:family bytes:buffer(the rest of the chunk)
///   ProcRecord  a /proc socket (see ProcRecordCodec)
///   Holder      u32:inode i32:pid i32:fd i32:tid str:command
///   Diagnostic  str
///   SampleEnd   (empty)
///   End         u32:sample count — required: a file without it is truncated
/// str = u32:byte length + UTF-8
/// </code>
/// Chunks of unknown kind inside a sample are skipped, so later minor additions stay readable. A version 2 file
/// without a Naming chunk replays, as version 1 files do, with the replaying machine's names.
/// </summary>
internal static class RecordingFormat
{
    public static ReadOnlySpan<byte> Magic => "SSNREC"u8;

    public const ushort Version = 3;

    /// <summary>The first version with the Naming chunk.</summary>
    public const ushort NamingVersion = 2;

    /// <summary>The first version with the Cgroups chunk.</summary>
    public const ushort CgroupsVersion = 3;

    public const int PreambleLength = 8;
}

/// <summary>
/// The tag byte of each chunk. Files store these numbers, so kinds are only ever appended (numbered on from
/// <see cref="Header"/> in the order the format gained them, <see cref="End"/> apart at 0x7f). A test pins the
/// numbers.
/// </summary>
internal enum ChunkKind : byte
{
    Header = 1,
    SampleBegin,
    Reply,
    ProcRecord,
    Holder,
    Diagnostic,
    SampleEnd,
    Naming,
    Cgroups,
    End = 0x7f,
}

/// <summary>
/// The bounds every recording reader keeps (docs/hardening.md): a body's declared length is checked against the bytes
/// that arrive before it is allocated, and the body inflates to at most <see cref="InflatedLimit"/>. Reading a file of
/// N bytes therefore holds at most about 2 N (the compressed body, grown by doubling) + 3 × InflatedLimit(N) (the
/// inflated body while it grows, and the replies parsed out of it) bytes: under 200 N + 3 MiB, and under 3.1 GiB
/// for any file.
/// </summary>
internal static class RecordingLimits
{
    /// <summary>The largest compressed body read (it is held in one array).</summary>
    public const long MaxCompressedLength = int.MaxValue - 64;

    /// <summary>
    /// The inflated body may be at most this many times its compressed length, plus <see cref="InflationAllowance"/>:
    /// our recordings inflate 5–10 times (netlink replies, naming tables), so a body inflating further is damaged or a
    /// decompression bomb. This bounds a reader's memory by a multiple of the file's size. The writer keeps to it
    /// (one deflate segment per sample, and no compression for a body that would exceed it).
    /// </summary>
    public const int MaxInflationRatio = 64;

    /// <summary>What any body may inflate to besides its ratio, so small files are not held to the ratio alone.</summary>
    public const int InflationAllowance = 1 << 20;

    /// <summary>No body inflates beyond this (1 GiB), whatever its compressed length.</summary>
    public const long MaxInflatedLength = 1L << 30;

    /// <summary>The inflated size a body of <paramref name="compressedLength"/> bytes may reach.</summary>
    public static long InflatedLimit(long compressedLength) =>
        Math.Min(MaxInflatedLength, InflationAllowance + (MaxInflationRatio * compressedLength));
}
