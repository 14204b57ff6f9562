namespace SsNotebook.Netlink;

/// <summary>Why <see cref="NetlinkReplyReader.TryReadMessage"/> stopped.</summary>
internal enum NetlinkReplyEnd
{
    /// <summary>Not stopped, or the buffer ended (more datagrams follow).</summary>
    None,

    /// <summary>NLMSG_DONE: the dump is complete (or failed, when <see cref="NetlinkReplyReader.Status"/> is negative).</summary>
    Done,

    /// <summary>NLMSG_ERROR: <see cref="NetlinkReplyReader.Status"/> is the negative errno, 0 for an acknowledgement.</summary>
    Error,
}

/// <summary>
/// The one walker of dump replies — live datagrams, recorded replies, TCPDIAG_FILE and the tests: yields the data
/// messages of a buffer and stops at NLMSG_DONE or NLMSG_ERROR, reading its status. It skips NLMSG_NOOP and, when
/// given a sequence number or port id, the messages addressed to another request (as a live socket must); it notes
/// NLM_F_DUMP_INTR. What a DONE or ERROR means is the caller's policy: a live dump raises it, a replay reproduces
/// the live dump's fallback, a TCPDIAG_FILE replay reports it as ss does. After an ERROR the walk may go on.
/// </summary>
internal ref struct NetlinkReplyReader
{
    private readonly uint? _sequence;
    private readonly uint? _portId;
    private NetlinkMessageReader _messages;

    /// <param name="buffer">The messages of one datagram (or of a whole file).</param>
    /// <param name="sequence">When set, messages with another sequence number are skipped.</param>
    /// <param name="portId">When set, messages addressed to another port are skipped.</param>
    /// <param name="paddingRequired">See <see cref="NetlinkMessageReader(ReadOnlySpan{byte}, bool)"/>.</param>
    public NetlinkReplyReader(ReadOnlySpan<byte> buffer, uint? sequence = null, uint? portId = null, bool paddingRequired = false)
    {
        _messages = new NetlinkMessageReader(buffer, paddingRequired);
        _sequence = sequence;
        _portId = portId;
    }

    public NetlinkReplyEnd End { get; private set; }

    /// <summary>The int that leads the DONE or ERROR payload (null when that payload is too short to hold it).</summary>
    public int? Status { get; private set; }

    /// <summary>True once a message carried NLM_F_DUMP_INTR: the kernel's tables changed during the dump.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>A malformed message (with its byte offset), or null.</summary>
    public readonly string? Error => _messages.Error;

    public bool TryReadMessage(out NetlinkMessage message)
    {
        if (End == NetlinkReplyEnd.Done)
        {
            message = default;
            return false;
        }
        End = NetlinkReplyEnd.None;
        while (_messages.TryReadMessage(out message))
        {
            if ((_sequence is { } sequence && message.Sequence != sequence) || (_portId is { } portId && message.PortId != portId))
            {
                continue;
            }
            if ((message.Flags & Nl.FlagDumpIntr) != 0)
            {
                Interrupted = true;
            }
            switch (message.Type)
            {
                case Nl.MsgNoop:
                    continue;
                case Nl.MsgDone:
                    return Stop(NetlinkReplyEnd.Done, message.Payload, sizeof(int));
                case Nl.MsgError:
                    // struct nlmsgerr: the error, then the header of the request it answers.
                    return Stop(NetlinkReplyEnd.Error, message.Payload, sizeof(int) + Nl.HeaderLength);
                default:
                    return true;
            }
        }
        return false;
    }

    private bool Stop(NetlinkReplyEnd end, scoped ReadOnlySpan<byte> payload, int minimum)
    {
        End = end;
        Status = payload.Length >= minimum ? BinaryPrimitives.ReadInt32LittleEndian(payload) : null;
        return false;
    }
}
