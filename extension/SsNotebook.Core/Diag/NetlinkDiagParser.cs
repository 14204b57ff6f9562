using System.Buffers.Binary;
using SsNotebook.Netlink;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>Decodes one netlink_diag reply (struct netlink_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
public static class NetlinkDiagParser
{
    public const int MessageLength = 28;

    private const ushort AttributeMemInfo = 0;
    private const ushort AttributeGroups = 1;

    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out string? error)
    {
        if (payload.Length < MessageLength)
        {
            error = $"netlink_diag_msg truncated: {payload.Length} bytes, need {MessageLength}";
            return false;
        }
        var details = new NetlinkSocketDetails
        {
            Protocol = payload[2],
            NetlinkState = payload[3],
            PortId = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]),
            DestinationPortId = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]),
            DestinationGroup = BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]),
        };
        into.Family = payload[0];
        into.Table = SocketTable.Netlink;
        into.State = SocketState.Close;
        into.Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[16..]);
        into.Cookie = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(payload[24..]) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(payload[20..]);
        into.Local = details;
        var attributes = new NetlinkAttributeReader(payload[MessageLength..]);
        while (attributes.TryReadAttribute())
        {
            var data = attributes.Payload;
            switch (attributes.Type)
            {
                case AttributeMemInfo when UnixDiagParser.Require(ref attributes, 7 * 4):
                    into.SkMemInfo = InetDiagParser.ReadSkMemInfo(data);
                    into.Present |= SocketAttributes.SkMemInfo;
                    into.RecvQ = into.SkMemInfo.RmemAlloc;
                    into.SendQ = into.SkMemInfo.WmemAlloc;
                    break;
                case AttributeGroups:
                    // ss reads one unsigned long (8 bytes here) when the attribute is not empty.
                    details.Groups = data.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(data)
                        : data.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(data)
                        : 0;
                    break;
            }
        }
        error = attributes.Error;
        return error is null;
    }
}
