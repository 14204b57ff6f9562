namespace SsNotebook.Recording;

/// <summary>
/// Writes one raw DEFLATE stream made of independently compressed segments (one per sample): each segment comes
/// from a fresh compressor, ended by a sync flush (so it is byte-aligned and refers to nothing before it), and an
/// empty final block closes the whole. Any inflater reads it as one stream. Matches never reach across samples, so
/// a recording inflates about as much as one sample does (5–15 times), not as much as a run of identical idle
/// samples would (over 40 times): well within <see cref="RecordingLimits.MaxInflationRatio"/>.
/// </summary>
internal sealed class SegmentedDeflate(Stream output, CompressionLevel level) : WriteOnlyStream
{
    /// <summary>An empty final block with fixed codes: BFINAL 1, BTYPE 01, end-of-block.</summary>
    private static readonly byte[] FinalBlock = [0x03, 0x00];

    private readonly MemoryStream _segment = new();
    private DeflateStream? _deflate;
    private BufferedStream? _buffered;

    /// <summary>The bytes written so far, before compression.</summary>
    public long InflatedLength { get; private set; }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffered is null)
        {
            _segment.SetLength(0);
            _deflate = new DeflateStream(_segment, level, leaveOpen: true);
            _buffered = new BufferedStream(_deflate, 1 << 16);
        }
        _buffered.Write(buffer);
        InflatedLength += buffer.Length;
    }

    /// <summary>Ends the current segment: what follows is compressed without reference to it.</summary>
    public void Cut()
    {
        if (_buffered is null)
        {
            return;
        }
        _buffered.Flush();
        _deflate!.Flush();
        output.Write(_segment.GetBuffer(), 0, (int)_segment.Length);
        // Disposing would add the compressor's own final block to the segment, which is dropped.
        _buffered.Dispose();
        _buffered = null;
        _deflate = null;
    }

    /// <summary>Ends the last segment and the stream.</summary>
    public void Complete()
    {
        Cut();
        output.Write(FinalBlock);
    }

    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _buffered?.Dispose();
            _segment.Dispose();
        }
        base.Dispose(disposing);
    }
}
