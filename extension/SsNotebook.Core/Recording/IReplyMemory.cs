namespace SsNotebook.Recording;

/// <summary>
/// Where a <see cref="DumpRecorder"/> keeps raw replies until a sample is read: by default each reply is its own
/// managed array; the sampler keeps them in native memory instead (see SsNotebook.Sampling's ReplyArena).
/// </summary>
internal interface IReplyMemory
{
    /// <summary>Copies <paramref name="bytes"/> in and returns where they now are.</summary>
    nint Keep(ReadOnlySpan<byte> bytes);

    /// <summary>A managed copy of <paramref name="length"/> bytes at <paramref name="address"/>, an address
    /// <see cref="Keep"/> returned.</summary>
    byte[] Copy(nint address, int length);
}
