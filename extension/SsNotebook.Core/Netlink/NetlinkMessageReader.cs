namespace SsNotebook.Netlink;

/// <summary>
/// Walks the netlink messages of one receive buffer. Every header is validated before its payload is exposed:
/// nlmsg_len at least 16 and within the remaining bytes. After the last message, <see cref="Error"/> says whether
/// the buffer ended cleanly (null) or with a malformed header (with its byte offset); the first error stops the walk.
/// </summary>
internal ref struct NetlinkMessageReader
{
    private readonly bool _paddingRequired;
    private ReadOnlySpan<byte> _remaining;
    private int _offset;

    /// <param name="buffer">The messages.</param>
    /// <param name="paddingRequired">True when the last message must be followed by its padding too, as in a file
    /// ss reads with NLMSG_ALIGN(len); a received datagram may end right after its last message.</param>
    public NetlinkMessageReader(ReadOnlySpan<byte> buffer, bool paddingRequired = false)
    {
        _remaining = buffer;
        _paddingRequired = paddingRequired;
    }

    /// <summary>Why reading stopped early, or null when the buffer was consumed completely.</summary>
    public string? Error { get; private set; }

    public readonly int RemainingBytes => _remaining.Length;

    /// <summary>The byte offset of the next message in the buffer.</summary>
    public readonly int Offset => _offset;

    public bool TryReadMessage(out NetlinkMessage message)
    {
        message = default;
        if (Error is not null || _remaining.IsEmpty)
        {
            return false;
        }
        if (_remaining.Length < Nl.HeaderLength)
        {
            return Fail($"netlink message at byte {_offset} truncated: {_remaining.Length} bytes left, need {Nl.HeaderLength}");
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_remaining);
        if (length < Nl.HeaderLength)
        {
            return Fail($"netlink message at byte {_offset} has length {length}, shorter than its header");
        }
        var needed = _paddingRequired ? (uint)Nl.Align((int)Math.Min(length, int.MaxValue - 3)) : length;
        if (needed > (uint)_remaining.Length)
        {
            return Fail($"netlink message at byte {_offset} has length {length} but {_remaining.Length} bytes are left");
        }
        var whole = _remaining[..(int)length];
        message = new NetlinkMessage(
            BinaryPrimitives.ReadUInt16LittleEndian(_remaining[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(_remaining[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(_remaining[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(_remaining[12..]),
            whole[Nl.HeaderLength..],
            whole);
        // Messages are 4-byte aligned; the padding after the last one may be absent.
        var advance = Math.Min(Nl.Align((int)length), _remaining.Length);
        _remaining = _remaining[advance..];
        _offset += advance;
        return true;
    }

    private bool Fail(string error)
    {
        Error = error;
        _remaining = default;
        return false;
    }
}
