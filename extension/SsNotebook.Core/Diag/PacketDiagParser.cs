using System.Buffers.Binary;
using SsNotebook.Netlink;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Decodes one packet_diag reply (struct packet_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
public static class PacketDiagParser
{
    public const int MessageLength = 16;

    private const ushort AttributeInfo = 0;
    private const ushort AttributeRxRing = 2;
    private const ushort AttributeTxRing = 3;
    private const ushort AttributeFanout = 4;
    private const ushort AttributeUid = 5;
    private const ushort AttributeMemInfo = 6;
    private const ushort AttributeFilter = 7;

    private const int InfoLength = 24;
    private const int RingLength = 28;
    private const byte SockRaw = 3;

    /// <summary>
    /// Parses <paramref name="payload"/>. <paramref name="hasMemInfo"/> is false when the reply lacks
    /// PACKET_DIAG_MEMINFO: ss then abandons the dump and reads /proc/net/packet instead.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out bool hasMemInfo, out string? error)
    {
        hasMemInfo = false;
        if (payload.Length < MessageLength)
        {
            error = $"packet_diag_msg truncated: {payload.Length} bytes, need {MessageLength}";
            return false;
        }
        var details = new PacketSocketDetails { Protocol = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]) };
        into.Family = payload[0];
        into.Table = payload[1] == SockRaw ? SocketTable.PacketRaw : SocketTable.PacketDgram;
        into.State = SocketState.Close;
        into.Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        into.Cookie = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        into.Local = details;
        var attributes = new NetlinkAttributeReader(payload[MessageLength..]);
        while (attributes.TryReadAttribute())
        {
            var data = attributes.Payload;
            switch (attributes.Type)
            {
                case AttributeInfo when UnixDiagParser.Require(ref attributes, InfoLength):
                    var info = new PacketInfo(U32(data, 0), U32(data, 4), U32(data, 8), U32(data, 12), U32(data, 16), U32(data, 20));
                    details.Info = info;
                    into.InterfaceIndex = info.InterfaceIndex;
                    break;
                case AttributeRxRing when UnixDiagParser.Require(ref attributes, RingLength):
                    details.RxRing = ReadRing(data);
                    break;
                case AttributeTxRing when UnixDiagParser.Require(ref attributes, RingLength):
                    details.TxRing = ReadRing(data);
                    break;
                case AttributeFanout when UnixDiagParser.Require(ref attributes, 4):
                    details.Fanout = U32(data, 0);
                    break;
                case AttributeUid when UnixDiagParser.Require(ref attributes, 4):
                    into.Uid = U32(data, 0);
                    break;
                case AttributeMemInfo when UnixDiagParser.Require(ref attributes, 7 * 4):
                    hasMemInfo = true;
                    into.SkMemInfo = InetDiagParser.ReadSkMemInfo(data);
                    into.Present |= SocketAttributes.SkMemInfo;
                    into.RecvQ = into.SkMemInfo.RmemAlloc;
                    break;
                case AttributeFilter:
                    details.Filter = data.ToArray();
                    break;
            }
        }
        error = attributes.Error;
        return error is null;
    }

    private static PacketRing ReadRing(ReadOnlySpan<byte> data) =>
        new(U32(data, 0), U32(data, 4), U32(data, 8), U32(data, 12), U32(data, 16), U32(data, 20), U32(data, 24));

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
}
