using System.Buffers.Binary;
using System.Text;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Text;

/// <summary>
/// Test-only reader of an inet_diag dump file (the TCPDIAG_FILE format) into <see cref="SocketRecord"/>s, so that
/// the same bytes can be fed to the system ss and to our writer. Stops at the first NLMSG_DONE, like ss.
/// </summary>
internal static class DiagDumpReader
{
    public static List<SocketRecord> Read(byte[] dump, SocketTable table = SocketTable.Tcp)
    {
        var records = new List<SocketRecord>();
        var offset = 0;
        while (offset + 16 <= dump.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(dump.AsSpan(offset));
            var type = BinaryPrimitives.ReadUInt16LittleEndian(dump.AsSpan(offset + 4));
            if (type == 3 || length < 16)
            {
                break;
            }
            records.Add(ReadMessage(dump.AsSpan(offset + 16, length - 16), table));
            offset += (length + 3) & ~3;
        }
        return records;
    }

    private static SocketRecord ReadMessage(ReadOnlySpan<byte> body, SocketTable table)
    {
        var family = body[0];
        var addressLength = family == InetAddress.AfInet ? 4 : 16;
        var record = new SocketRecord
        {
            Table = table,
            Family = family,
            State = (SocketState)body[1],
            Timer = body[2],
            Retransmits = body[3],
            LocalPort = BinaryPrimitives.ReadUInt16BigEndian(body[4..]),
            PeerPort = BinaryPrimitives.ReadUInt16BigEndian(body[6..]),
            LocalAddress = new InetAddress(family, body.Slice(8, addressLength)),
            PeerAddress = new InetAddress(family, body.Slice(24, addressLength)),
            InterfaceIndex = BinaryPrimitives.ReadUInt32LittleEndian(body[40..]),
            Cookie = BinaryPrimitives.ReadUInt32LittleEndian(body[44..]) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(body[48..]) << 32),
            Expires = BinaryPrimitives.ReadUInt32LittleEndian(body[52..]),
            RecvQ = BinaryPrimitives.ReadUInt32LittleEndian(body[56..]),
            SendQ = BinaryPrimitives.ReadUInt32LittleEndian(body[60..]),
            Uid = BinaryPrimitives.ReadUInt32LittleEndian(body[64..]),
            Inode = BinaryPrimitives.ReadUInt32LittleEndian(body[68..]),
        };
        var attributes = body[72..];
        while (attributes.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & 0x3fff;
            var payload = attributes[4..length];
            Apply(record, type, payload);
            attributes = attributes[Math.Min(attributes.Length, (length + 3) & ~3)..];
        }
        return record;
    }

    private static uint U32(ReadOnlySpan<byte> p, int index) => BinaryPrimitives.ReadUInt32LittleEndian(p[(index * 4)..]);

    private static void Apply(SocketRecord r, int type, ReadOnlySpan<byte> p)
    {
        switch (type)
        {
            case 1:
                r.MemInfo = new MemInfo(U32(p, 0), U32(p, 1), U32(p, 2), U32(p, 3));
                r.Present |= SocketAttributes.MemInfo;
                break;
            case 2:
                r.SetTcpInfo(TcpInfo.Read(p));
                r.Present |= SocketAttributes.TcpInfo;
                break;
            case 3:
                r.Vegas = new VegasInfo(U32(p, 0), U32(p, 1), U32(p, 2), U32(p, 3));
                r.Present |= SocketAttributes.Vegas;
                break;
            case 4:
                r.Congestion = Encoding.ASCII.GetString(p[..p.IndexOf((byte)0)]);
                r.Present |= SocketAttributes.Congestion;
                break;
            case 5:
                r.Tos = p[0];
                r.Present |= SocketAttributes.Tos;
                break;
            case 6:
                r.TClass = p[0];
                r.Present |= SocketAttributes.TClass;
                break;
            case 7:
                Span<uint> m = stackalloc uint[9];
                var count = Math.Min(p.Length / 4, 9);
                for (var i = 0; i < count; i++)
                {
                    m[i] = U32(p, i);
                }
                r.SkMemInfo = new SkMemInfo(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], count);
                r.Present |= SocketAttributes.SkMemInfo;
                break;
            case 8:
                r.Shutdown = p[0];
                r.Present |= SocketAttributes.Shutdown;
                break;
            case 9:
                r.Dctcp = new DctcpInfo(BinaryPrimitives.ReadUInt16LittleEndian(p), BinaryPrimitives.ReadUInt16LittleEndian(p[2..]), U32(p, 1), U32(p, 2), U32(p, 3));
                r.Present |= SocketAttributes.Dctcp;
                break;
            case 10:
                r.Protocol = p[0];
                r.Present |= SocketAttributes.Protocol;
                break;
            case 11:
                r.V6Only = p[0];
                r.Present |= SocketAttributes.V6Only;
                break;
            case 15:
                r.Mark = U32(p, 0);
                r.Present |= SocketAttributes.Mark;
                break;
            case 16:
                r.Bbr = new BbrInfo(U32(p, 0), U32(p, 1), U32(p, 2), U32(p, 3), U32(p, 4));
                r.Present |= SocketAttributes.Bbr;
                break;
            case 17:
                r.ClassId = U32(p, 0);
                r.Present |= SocketAttributes.ClassId;
                break;
            case 21:
                r.CgroupId = BinaryPrimitives.ReadUInt64LittleEndian(p);
                r.Present |= SocketAttributes.CgroupId;
                break;
            case 22:
                r.SockOpt = BinaryPrimitives.ReadUInt16LittleEndian(p);
                r.Present |= SocketAttributes.SockOpt;
                break;
        }
    }
}
