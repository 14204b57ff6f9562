namespace SsNotebook.Diag;

/// <summary>Decodes one xdp_diag reply (struct xdp_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
internal static class XdpDiagParser
{
    private const ushort AttributeInfo = 1;
    private const ushort AttributeUid = 2;
    private const ushort AttributeRxRing = 3;
    private const ushort AttributeTxRing = 4;
    private const ushort AttributeUmem = 5;
    private const ushort AttributeFillRing = 6;
    private const ushort AttributeCompletionRing = 7;
    private const ushort AttributeMemInfo = 8;
    private const ushort AttributeStats = 9;

    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out string? error)
    {
        var reader = new NetlinkAttributeReader(payload);
        if (reader.TryReadHeader<SockDiagHeader>("xdp_diag_msg", out var header))
        {
            var details = new XdpSocketDetails();
            header.CopyTo(into, SocketTable.Xdp, SocketState.Close, details);
            while (reader.TryReadAttribute())
            {
                ReadAttribute(ref reader, into, details);
            }
        }
        error = reader.Error;
        return error is null;
    }

    private static void ReadAttribute(ref NetlinkAttributeReader reader, SocketRecord into, XdpSocketDetails details)
    {
        switch (reader.Type)
        {
            case AttributeInfo:
                var info = reader.Read<XdpDiagInfo>();
                into.InterfaceIndex = info.InterfaceIndex;
                details.QueueId = info.QueueId;
                break;
            case AttributeUid:
                into.Uid = reader.UInt32();
                break;
            case AttributeRxRing:
                details.RxRingEntries = reader.UInt32();
                break;
            case AttributeTxRing:
                details.TxRingEntries = reader.UInt32();
                break;
            case AttributeUmem:
                details.Umem = reader.Read<XdpUmem>();
                break;
            case AttributeFillRing:
                details.FillRingEntries = reader.UInt32();
                break;
            case AttributeCompletionRing:
                details.CompletionRingEntries = reader.UInt32();
                break;
            case AttributeMemInfo:
                into.SkMemInfo = SockDiag.ReadSkMemInfo(ref reader, minimumCount: 7);
                into.Present |= SocketAttributes.SkMemInfo;
                into.RecvQ = into.SkMemInfo.RmemAlloc;
                break;
            case AttributeStats:
                details.Statistics = reader.Read<XdpStatistics>();
                break;
        }
    }

    /// <summary>struct xdp_diag_info.</summary>
    private readonly record struct XdpDiagInfo(uint InterfaceIndex, uint QueueId);
}
