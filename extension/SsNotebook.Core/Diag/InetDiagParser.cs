using System.Buffers.Binary;
using SsNotebook.Netlink;
using SsNotebook.Sockets;

namespace SsNotebook.Diag;

/// <summary>
/// Decodes one inet_diag reply (struct inet_diag_msg followed by attributes) into a <see cref="SocketRecord"/>.
/// A pure function over bytes, so live dumps, TCPDIAG_FILE replays and recordings share it. Unknown attributes are
/// skipped; a header or attribute too short for what it claims to hold is an error, never an out-of-range read.
/// </summary>
public static class InetDiagParser
{
    private const int Md5SigEntryLength = 100;
    private const int Md5KeyMaxLength = 80;
    private const int SkMemInfoMaxCount = 9;

    /// <summary>Parses <paramref name="payload"/> (the message after its netlink header) into <paramref name="into"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, SocketTable table, SocketRecord into, out string? error)
    {
        if (payload.Length < InetDiag.MessageLength)
        {
            error = $"inet_diag_msg truncated: {payload.Length} bytes, need {InetDiag.MessageLength}";
            return false;
        }
        ReadHeader(payload, table, into);
        var attributes = new NetlinkAttributeReader(payload[InetDiag.MessageLength..]);
        while (attributes.TryReadAttribute())
        {
            ReadAttribute(ref attributes, table, into);
        }
        error = attributes.Error;
        return error is null;
    }

    private static void ReadHeader(ReadOnlySpan<byte> payload, SocketTable table, SocketRecord into)
    {
        var family = payload[0];
        into.Table = table;
        into.Family = family;
        into.State = (SocketState)payload[1];
        into.Timer = payload[2];
        into.Retransmits = payload[3];
        into.LocalPort = BinaryPrimitives.ReadUInt16BigEndian(payload[4..]);
        into.PeerPort = BinaryPrimitives.ReadUInt16BigEndian(payload[6..]);
        into.LocalAddress = new InetAddress(family, payload.Slice(8, 16));
        into.PeerAddress = new InetAddress(family, payload.Slice(24, 16));
        into.InterfaceIndex = BinaryPrimitives.ReadUInt32LittleEndian(payload[40..]);
        into.Cookie = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(payload[48..]) << 32)
            | BinaryPrimitives.ReadUInt32LittleEndian(payload[44..]);
        into.Expires = BinaryPrimitives.ReadUInt32LittleEndian(payload[52..]);
        into.RecvQ = BinaryPrimitives.ReadUInt32LittleEndian(payload[56..]);
        into.SendQ = BinaryPrimitives.ReadUInt32LittleEndian(payload[60..]);
        into.Uid = BinaryPrimitives.ReadUInt32LittleEndian(payload[64..]);
        into.Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[68..]);
    }

    private static void ReadAttribute(ref NetlinkAttributeReader reader, SocketTable table, SocketRecord into)
    {
        var data = reader.Payload;
        switch (reader.Type)
        {
            case InetDiag.MemInfo when Require(ref reader, 16):
                into.MemInfo = new MemInfo(U32(data, 0), U32(data, 4), U32(data, 8), U32(data, 12));
                into.Present |= SocketAttributes.MemInfo;
                break;
            case InetDiag.SkMemInfo:
                into.SkMemInfo = ReadSkMemInfo(data);
                into.Present |= SocketAttributes.SkMemInfo;
                break;
            case InetDiag.Info:
                ReadInfo(data, table, into);
                break;
            case InetDiag.VegasInfo when Require(ref reader, 16):
                into.Vegas = new VegasInfo(U32(data, 0), U32(data, 4), U32(data, 8), U32(data, 12));
                into.Present |= SocketAttributes.Vegas;
                break;
            case InetDiag.DctcpInfo when Require(ref reader, 16):
                into.Dctcp = new DctcpInfo(U16(data, 0), U16(data, 2), U32(data, 4), U32(data, 8), U32(data, 12));
                into.Present |= SocketAttributes.Dctcp;
                break;
            case InetDiag.BbrInfo when Require(ref reader, 20):
                into.Bbr = new BbrInfo(U32(data, 0), U32(data, 4), U32(data, 8), U32(data, 12), U32(data, 16));
                into.Present |= SocketAttributes.Bbr;
                break;
            case InetDiag.Cong:
                into.Congestion = CongestionNames.Intern(reader.StringBytes());
                into.Present |= SocketAttributes.Congestion;
                break;
            case InetDiag.Tos when Require(ref reader, 1):
                into.Tos = data[0];
                into.Present |= SocketAttributes.Tos;
                break;
            case InetDiag.TClass when Require(ref reader, 1):
                into.TClass = data[0];
                into.Present |= SocketAttributes.TClass;
                break;
            case InetDiag.ClassId when Require(ref reader, 4):
                into.ClassId = U32(data, 0);
                into.Present |= SocketAttributes.ClassId;
                break;
            case InetDiag.Shutdown when Require(ref reader, 1):
                into.Shutdown = data[0];
                into.Present |= SocketAttributes.Shutdown;
                break;
            case InetDiag.Mark when Require(ref reader, 4):
                into.Mark = U32(data, 0);
                into.Present |= SocketAttributes.Mark;
                break;
            case InetDiag.CgroupId when Require(ref reader, 8):
                into.CgroupId = BinaryPrimitives.ReadUInt64LittleEndian(data);
                into.Present |= SocketAttributes.CgroupId;
                break;
            case InetDiag.SockOpt when Require(ref reader, 2):
                into.SockOpt = U16(data, 0);
                into.Present |= SocketAttributes.SockOpt;
                break;
            case InetDiag.SkV6Only when Require(ref reader, 1):
                into.V6Only = data[0];
                into.Present |= SocketAttributes.V6Only;
                break;
            case InetDiag.Protocol when Require(ref reader, 1):
                into.Protocol = data[0];
                into.Present |= SocketAttributes.Protocol;
                break;
            case InetDiag.Md5Sig:
                into.Md5Keys = ReadMd5Keys(ref reader);
                into.Present |= SocketAttributes.Md5Sig;
                break;
            case InetDiag.UlpInfo:
                into.Ulp = ReadUlp(ref reader);
                into.Present |= SocketAttributes.Ulp;
                break;
            case InetDiag.Locals:
                into.SctpLocals = data.ToArray();
                into.Present |= SocketAttributes.SctpLocals;
                break;
            case InetDiag.Peers:
                into.SctpPeers = data.ToArray();
                into.Present |= SocketAttributes.SctpPeers;
                break;
            default:
                // Unknown or unused (PAD, SK_BPF_STORAGES, newer kernels' additions): skipped, as ss does.
                break;
        }
    }

    /// <summary>INET_DIAG_INFO holds tcp_info for TCP (and DCCP), sctp_info for SCTP and mptcp_info for MPTCP.</summary>
    private static void ReadInfo(ReadOnlySpan<byte> data, SocketTable table, SocketRecord into)
    {
        switch (table)
        {
            case SocketTable.Mptcp:
                into.MptcpInfo = data.ToArray();
                into.Present |= SocketAttributes.MptcpInfo;
                break;
            case SocketTable.Sctp:
                into.SctpInfo = data.ToArray();
                into.Present |= SocketAttributes.SctpInfo;
                break;
            default:
                into.SetTcpInfo(TcpInfo.Read(data));
                into.Present |= SocketAttributes.TcpInfo;
                break;
        }
    }

    internal static SkMemInfo ReadSkMemInfo(ReadOnlySpan<byte> data)
    {
        var count = data.Length / 4;
        Span<uint> values = stackalloc uint[SkMemInfoMaxCount];
        values.Clear();
        for (var i = 0; i < Math.Min(count, SkMemInfoMaxCount); i++)
        {
            values[i] = U32(data, i * 4);
        }
        return new SkMemInfo(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], count);
    }

    private static Md5Key[]? ReadMd5Keys(ref NetlinkAttributeReader reader)
    {
        var data = reader.Payload;
        if (data.Length % Md5SigEntryLength != 0)
        {
            reader.SetError($"INET_DIAG_MD5SIG has {data.Length} bytes, not a multiple of {Md5SigEntryLength}");
            return null;
        }
        var keys = new Md5Key[data.Length / Md5SigEntryLength];
        for (var i = 0; i < keys.Length; i++)
        {
            var entry = data.Slice(i * Md5SigEntryLength, Md5SigEntryLength);
            var family = entry[0];
            var keyLength = Math.Min((int)U16(entry, 2), Md5KeyMaxLength);
            keys[i] = new Md5Key(family, entry[1], new InetAddress(family, entry.Slice(4, 16)), 0, entry.Slice(20, keyLength).ToArray());
        }
        return keys;
    }

    private static UlpInfo? ReadUlp(ref NetlinkAttributeReader reader)
    {
        var nested = reader.Nested();
        string name = "";
        TlsUlpInfo? tls = null;
        MptcpSubflowInfo? subflow = null;
        while (nested.TryReadAttribute())
        {
            switch (nested.Type)
            {
                case InetDiag.UlpName:
                    name = nested.String();
                    break;
                case InetDiag.UlpTls:
                    tls = ReadTls(ref nested);
                    break;
                case InetDiag.UlpMptcp:
                    subflow = ReadMptcpSubflow(ref nested);
                    break;
                default:
                    break;
            }
        }
        if (nested.Error is not null)
        {
            reader.SetError($"INET_DIAG_ULP_INFO: {nested.Error}");
            return null;
        }
        return new UlpInfo(name) { Tls = tls, MptcpSubflow = subflow };
    }

    private static TlsUlpInfo? ReadTls(ref NetlinkAttributeReader parent)
    {
        var tls = parent.Nested();
        ushort? version = null, cipher = null, rxConf = null, txConf = null;
        bool zeroCopy = false, noPad = false;
        while (tls.TryReadAttribute())
        {
            switch (tls.Type)
            {
                case 1: version = tls.UInt16(); break;
                case 2: cipher = tls.UInt16(); break;
                case 3: txConf = tls.UInt16(); break;
                case 4: rxConf = tls.UInt16(); break;
                case 5: zeroCopy = true; break;
                case 6: noPad = true; break;
                default: break;
            }
        }
        if (tls.Error is not null)
        {
            parent.SetError($"TLS info: {tls.Error}");
            return null;
        }
        return new TlsUlpInfo(version, cipher, rxConf, txConf, zeroCopy, noPad);
    }

    private static MptcpSubflowInfo? ReadMptcpSubflow(ref NetlinkAttributeReader parent)
    {
        var attributes = parent.Nested();
        uint flags = 0, tokenRemote = 0, tokenLocal = 0, mapSubflowSeq = 0, subflowSeq = 0, dataLength = 0, relativeWriteSeq = 0;
        byte idRemote = 0, idLocal = 0;
        ulong mapSeq = 0;
        while (attributes.TryReadAttribute())
        {
            switch (attributes.Type)
            {
                case 1: tokenRemote = attributes.UInt32(); break;
                case 2: tokenLocal = attributes.UInt32(); break;
                case 3: relativeWriteSeq = attributes.UInt32(); break;
                case 4: mapSeq = attributes.UInt64(); break;
                case 5: mapSubflowSeq = attributes.UInt32(); break;
                case 6: subflowSeq = attributes.UInt32(); break;
                case 7: dataLength = attributes.UInt16(); break;
                case 8: flags = attributes.UInt32(); break;
                case 9: idRemote = attributes.UInt8(); break;
                case 10: idLocal = attributes.UInt8(); break;
                default: break;
            }
        }
        if (attributes.Error is not null)
        {
            parent.SetError($"MPTCP subflow info: {attributes.Error}");
            return null;
        }
        return new MptcpSubflowInfo(flags, tokenRemote, tokenLocal, idRemote, idLocal, mapSeq, mapSubflowSeq, subflowSeq, dataLength, relativeWriteSeq);
    }

    private static bool Require(ref NetlinkAttributeReader reader, int size)
    {
        if (reader.Payload.Length >= size)
        {
            return true;
        }
        reader.SetError($"inet_diag attribute {reader.Type} has {reader.Payload.Length} bytes, need {size}");
        return false;
    }

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);

    private static ushort U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
}
