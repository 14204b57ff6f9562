namespace SsNotebook.Diag;

/// <summary>
/// The 16-byte message header unix_diag, packet_diag and xdp_diag replies share: family, socket type, two bytes of
/// the family's own (unix: state; packet: the protocol; xdp: padding), inode and cookie.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockDiagHeader
{
    public byte Family;
    public byte Type;
    public byte Byte2;
    public byte Byte3;
    public uint Inode;
    public SockDiagCookie Cookie;

    /// <summary>Bytes 2 and 3 as one host-order u16 (packet_diag_msg's pdiag_num).</summary>
    public readonly ushort Word2 => (ushort)(Byte2 | (Byte3 << 8));

    /// <summary>Fills the fields every socket has.</summary>
    public readonly void CopyTo(SocketRecord into, SocketTable table, SocketState state, LocalSocketDetails details)
    {
        into.Family = Family;
        into.Table = table;
        into.State = state;
        into.Inode = Inode;
        into.Cookie = Cookie.Value;
        into.Local = details;
    }
}
