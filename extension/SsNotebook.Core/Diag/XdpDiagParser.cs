using System.Buffers.Binary;
using SsNotebook.Netlink;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Decodes one xdp_diag reply (struct xdp_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
public static class XdpDiagParser
{
    public const int MessageLength = 16;

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
        if (payload.Length < MessageLength)
        {
            error = $"xdp_diag_msg truncated: {payload.Length} bytes, need {MessageLength}";
            return false;
        }
        var details = new XdpSocketDetails();
        into.Family = payload[0];
        into.Table = SocketTable.Xdp;
        into.State = SocketState.Close;
        into.Inode = U32(payload, 4);
        into.Cookie = ((ulong)U32(payload, 12) << 32) | U32(payload, 8);
        into.Local = details;
        var attributes = new NetlinkAttributeReader(payload[MessageLength..]);
        while (attributes.TryReadAttribute())
        {
            var data = attributes.Payload;
            switch (attributes.Type)
            {
                case AttributeInfo when UnixDiagParser.Require(ref attributes, 8):
                    into.InterfaceIndex = U32(data, 0);
                    details.QueueId = U32(data, 4);
                    break;
                case AttributeUid when UnixDiagParser.Require(ref attributes, 4):
                    into.Uid = U32(data, 0);
                    break;
                case AttributeRxRing when UnixDiagParser.Require(ref attributes, 4):
                    details.RxRingEntries = U32(data, 0);
                    break;
                case AttributeTxRing when UnixDiagParser.Require(ref attributes, 4):
                    details.TxRingEntries = U32(data, 0);
                    break;
                case AttributeUmem when UnixDiagParser.Require(ref attributes, 40):
                    details.Umem = new XdpUmem(BinaryPrimitives.ReadUInt64LittleEndian(data), U32(data, 8), U32(data, 12),
                        U32(data, 16), U32(data, 20), U32(data, 24), U32(data, 28), U32(data, 32), U32(data, 36));
                    break;
                case AttributeFillRing when UnixDiagParser.Require(ref attributes, 4):
                    details.FillRingEntries = U32(data, 0);
                    break;
                case AttributeCompletionRing when UnixDiagParser.Require(ref attributes, 4):
                    details.CompletionRingEntries = U32(data, 0);
                    break;
                case AttributeMemInfo when UnixDiagParser.Require(ref attributes, 7 * 4):
                    into.SkMemInfo = InetDiagParser.ReadSkMemInfo(data);
                    into.Present |= SocketAttributes.SkMemInfo;
                    into.RecvQ = into.SkMemInfo.RmemAlloc;
                    break;
                case AttributeStats when UnixDiagParser.Require(ref attributes, 48):
                    details.Statistics = new XdpStatistics(U64(data, 0), U64(data, 8), U64(data, 16), U64(data, 24), U64(data, 32), U64(data, 40));
                    break;
            }
        }
        error = attributes.Error;
        return error is null;
    }

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);

    private static ulong U64(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);
}
