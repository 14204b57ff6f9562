namespace SsNotebook.Diag;

/// <summary>Decodes one netlink_diag reply (struct netlink_diag_msg and its attributes) into a <see cref="SocketRecord"/>.</summary>
internal static class NetlinkDiagParser
{
    private const ushort AttributeMemInfo = 0;
    private const ushort AttributeGroups = 1;

    public static bool TryParse(ReadOnlySpan<byte> payload, SocketRecord into, out string? error)
    {
        var reader = new NetlinkAttributeReader(payload);
        if (reader.TryReadHeader<NetlinkDiagMessage>("netlink_diag_msg", out var header))
        {
            var details = new NetlinkSocketDetails
            {
                Protocol = header.Protocol,
                NetlinkState = header.State,
                PortId = header.PortId,
                DestinationPortId = header.DestinationPortId,
                DestinationGroup = header.DestinationGroup,
            };
            into.Family = header.Family;
            into.Table = SocketTable.Netlink;
            into.State = SocketState.Close;
            into.Inode = header.Inode;
            into.Cookie = header.Cookie.Value;
            into.Local = details;
            while (reader.TryReadAttribute())
            {
                ReadAttribute(ref reader, into, details);
            }
        }
        error = reader.Error;
        return error is null;
    }

    private static void ReadAttribute(ref NetlinkAttributeReader reader, SocketRecord into, NetlinkSocketDetails details)
    {
        switch (reader.Type)
        {
            case AttributeMemInfo:
                into.SkMemInfo = SockDiag.ReadSkMemInfo(ref reader, minimumCount: 7);
                into.Present |= SocketAttributes.SkMemInfo;
                into.RecvQ = into.SkMemInfo.RmemAlloc;
                into.SendQ = into.SkMemInfo.WmemAlloc;
                break;
            case AttributeGroups:
                // ss reads one unsigned long (8 bytes here) when the attribute is not empty; a shorter one is read
                // as far as it goes.
                details.Groups = reader.ReadZeroFilled<ulong>(out var length) & (length >= 8 ? ulong.MaxValue : length >= 4 ? uint.MaxValue : 0);
                break;
        }
    }

    /// <summary>struct netlink_diag_msg.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NetlinkDiagMessage
    {
        public byte Family;
        public byte Type;
        public byte Protocol;
        public byte State;
        public int PortId;
        public int DestinationPortId;
        public uint DestinationGroup;
        public uint Inode;
        public SockDiagCookie Cookie;
    }
}
