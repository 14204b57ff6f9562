using System.IO.Compression;
using SsNotebook.Recording;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// A recording file, read, replayed and printed as the notebook's <c>--replay</c> does. Contract: anything wrong
/// with the file is a <see cref="RecordingException"/>, and only that.
/// </summary>
public sealed class RecordingFileTarget : FuzzTarget
{
    public override string Name => "recording";

    public override string Contract => "Recording.Read + Replay + text: RecordingException only";

    public override bool IsRejection(Exception exception) => exception is RecordingException;

    public override void Run(ReadOnlySpan<byte> input) => ReplayAndPrint(input.ToArray());

    public static void ReplayAndPrint(byte[] file) => Print(ReadAndReplay(file));

    /// <summary>What <c>--replay</c> does before drawing anything: read the file and rebuild every sample.</summary>
    public static ReplayedRecording ReadAndReplay(byte[] file) =>
        SsRecording.Read(new MemoryStream(file, writable: false)).Replay(FuzzEnvironment.Neutral);

    /// <summary>The ss text of every replayed sample, written nowhere.</summary>
    public static void Print(ReplayedRecording replayed)
    {
        foreach (var sample in replayed.Samples)
        {
            FuzzEnvironment.Print(replayed.Query, sample.Snapshot.Sockets, sample.Processes, 0, replayed.Environment);
        }
    }
}

/// <summary>
/// The inflated body of a recording (its chunks), wrapped into a well-formed file before reading: mutations reach
/// the chunk parser and the replay instead of dying in DEFLATE. Same contract as <see cref="RecordingFileTarget"/>.
/// </summary>
public sealed class RecordingBodyTarget : FuzzTarget
{
    public override string Name => "recording-body";

    public override string Contract => "Recording.Read + Replay + text of a well-wrapped body: RecordingException only";

    public override bool IsRejection(Exception exception) => exception is RecordingException;

    /// <summary>Input: one byte that picks format version 1, 2 or 3 (its value modulo 3, plus 1), then the inflated body.</summary>
    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        RecordingFileTarget.ReplayAndPrint(Wrap(input[1..], (ushort)(1 + (input[0] % 3))));
    }

    /// <summary>A recording file around <paramref name="body"/>: preamble, compressed length, raw DEFLATE.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> body, ushort version)
    {
        var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(body);
        }
        var file = new byte[16 + compressed.Length];
        "SSNREC"u8.CopyTo(file);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(6), version);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(8), compressed.Length);
        compressed.GetBuffer().AsSpan(0, (int)compressed.Length).CopyTo(file.AsSpan(16));
        return file;
    }

    /// <summary>The inflated body of a recording file (for seeds); null when it is not one.</summary>
    public static byte[]? Unwrap(byte[] file)
    {
        if (file.Length < 16 || !file.AsSpan(0, 6).SequenceEqual("SSNREC"u8))
        {
            return null;
        }
        using var deflate = new DeflateStream(new MemoryStream(file, 16, file.Length - 16), CompressionMode.Decompress);
        var body = new MemoryStream();
        deflate.CopyTo(body);
        return body.ToArray();
    }
}
