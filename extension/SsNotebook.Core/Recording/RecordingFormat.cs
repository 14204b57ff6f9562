namespace SsNotebook.Recording;

/// <summary>
/// The layout of a recording file (version 1). All integers little-endian.
/// <code>
/// "SSNREC" u16:version                         8 bytes, uncompressed, so a wrong file is named before inflating
/// i64:compressed length                        so a cut file is always detected
/// raw DEFLATE stream of chunks:  u8:kind u32:length payload[length]
///   Header      str:tool str:host str:kernel i64:created(unix ms) u32:argc str*argc
///   SampleBegin i64:timestamp(UTC .NET ticks, 100 ns) u8:hasProcesses
///   Reply       u8:table u8:family bytes:buffer(the rest of the chunk)
///   ProcRecord  a /proc socket (see ProcRecordCodec)
///   Holder      u32:inode i32:pid i32:fd i32:tid str:command
///   Diagnostic  str
///   SampleEnd   (empty)
///   End         u32:sample count — required: a file without it is truncated
/// str = u32:byte length + UTF-8
/// </code>
/// Chunks of unknown kind inside a sample are skipped, so later minor additions stay readable.
/// </summary>
internal static class RecordingFormat
{
    public static ReadOnlySpan<byte> Magic => "SSNREC"u8;

    public const ushort Version = 1;

    public const int PreambleLength = 8;

    /// <summary>Refuse to inflate beyond this: a recording this big is not one we wrote.</summary>
    public const long MaxBodyLength = int.MaxValue - 64;
}

internal enum ChunkKind : byte
{
    Header = 1,
    SampleBegin = 2,
    Reply = 3,
    ProcRecord = 4,
    Holder = 5,
    Diagnostic = 6,
    SampleEnd = 7,
    End = 0x7f,
}
