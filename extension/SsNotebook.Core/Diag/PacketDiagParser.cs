namespace SsNotebook.Diag;

/// <summary>Decodes one packet_diag reply (struct packet_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
internal static class PacketDiagParser
{
    private const ushort AttributeInfo = 0;
    private const ushort AttributeRxRing = 2;
    private const ushort AttributeTxRing = 3;
    private const ushort AttributeFanout = 4;
    private const ushort AttributeUid = 5;
    private const ushort AttributeMemInfo = 6;
    private const ushort AttributeFilter = 7;

    private const byte SockRaw = 3;

    /// <summary>
    /// Parses <paramref name="payload"/>. <paramref name="hasMemInfo"/> is false when the reply lacks
    /// PACKET_DIAG_MEMINFO: ss then abandons the dump and reads /proc/net/packet instead.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out bool hasMemInfo, out string? error)
    {
        hasMemInfo = false;
        var reader = new NetlinkAttributeReader(payload);
        if (reader.TryReadHeader<SockDiagHeader>("packet_diag_msg", out var header))
        {
            var details = new PacketSocketDetails { Protocol = header.Word2 };
            header.CopyTo(into, header.Type == SockRaw ? SocketTable.PacketRaw : SocketTable.PacketDgram, SocketState.Close, details);
            while (reader.TryReadAttribute())
            {
                hasMemInfo |= ReadAttribute(ref reader, into, details);
            }
        }
        error = reader.Error;
        return error is null;
    }

    /// <summary>Reads one attribute; true for PACKET_DIAG_MEMINFO.</summary>
    private static bool ReadAttribute(ref NetlinkAttributeReader reader, SocketRecord into, PacketSocketDetails details)
    {
        switch (reader.Type)
        {
            case AttributeInfo:
                var info = reader.Read<PacketInfo>();
                details.Info = info;
                into.InterfaceIndex = info.InterfaceIndex;
                break;
            case AttributeRxRing:
                details.RxRing = reader.Read<PacketRing>();
                break;
            case AttributeTxRing:
                details.TxRing = reader.Read<PacketRing>();
                break;
            case AttributeFanout:
                details.Fanout = reader.UInt32();
                break;
            case AttributeUid:
                into.Uid = reader.UInt32();
                break;
            case AttributeMemInfo:
                into.SkMemInfo = SockDiag.ReadSkMemInfo(ref reader, minimumCount: 7);
                into.Present |= SocketAttributes.SkMemInfo;
                into.RecvQ = into.SkMemInfo.RmemAlloc;
                return true;
            case AttributeFilter:
                details.Filter = reader.ReadArray<ClassicBpfInstruction>("PACKET_DIAG_FILTER");
                break;
        }
        return false;
    }
}
