namespace SsNotebook.Diag;

/// <summary>
/// Decodes one inet_diag reply (struct inet_diag_msg followed by attributes) into a <see cref="SocketRecord"/>.
/// A pure function over bytes, so live dumps, TCPDIAG_FILE replays and recordings share it. Unknown attributes are
/// skipped; a header or attribute too short for what it claims to hold is an error, never an out-of-range read.
/// </summary>
internal static class InetDiagParser
{
    private const int Md5KeyMaxLength = 80;

    /// <summary>Parses <paramref name="payload"/> (the message after its netlink header) into <paramref name="into"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, SocketTable table, SocketRecord into, out string? error)
    {
        var reader = new NetlinkAttributeReader(payload);
        if (reader.TryReadHeader<InetDiagMessage>("inet_diag_msg", out var header))
        {
            ReadHeader(header, table, into);
            while (reader.TryReadAttribute())
            {
                ReadAttribute(ref reader, table, into);
            }
        }
        error = reader.Error;
        return error is null;
    }

    private static void ReadHeader(in InetDiagMessage header, SocketTable table, SocketRecord into)
    {
        into.Table = table;
        into.Family = header.Family;
        into.State = (SocketState)header.State;
        into.Timer = header.Timer;
        into.Retransmits = header.Retransmits;
        into.LocalPort = BinaryPrimitives.ReverseEndianness(header.SourcePort);
        into.PeerPort = BinaryPrimitives.ReverseEndianness(header.DestinationPort);
        into.LocalAddress = new InetAddress(header.Family, header.Source);
        into.PeerAddress = new InetAddress(header.Family, header.Destination);
        into.InterfaceIndex = header.InterfaceIndex;
        into.Cookie = header.Cookie.Value;
        into.Expires = header.Expires;
        into.RecvQ = header.RecvQ;
        into.SendQ = header.SendQ;
        into.Uid = header.Uid;
        into.Inode = header.Inode;
    }

    private static void ReadAttribute(ref NetlinkAttributeReader reader, SocketTable table, SocketRecord into)
    {
        switch (reader.Type)
        {
            case InetDiag.MemInfo:
                into.MemInfo = reader.Read<MemInfo>();
                into.Present |= SocketAttributes.MemInfo;
                break;
            case InetDiag.SkMemInfo:
                into.SkMemInfo = ReadSkMemInfo(ref reader);
                into.Present |= SocketAttributes.SkMemInfo;
                break;
            case InetDiag.Info:
                ReadInfo(ref reader, table, into);
                break;
            case InetDiag.VegasInfo:
                into.Vegas = reader.Read<VegasInfo>();
                into.Present |= SocketAttributes.Vegas;
                break;
            case InetDiag.DctcpInfo:
                into.Dctcp = reader.Read<DctcpInfo>();
                into.Present |= SocketAttributes.Dctcp;
                break;
            case InetDiag.BbrInfo:
                into.Bbr = reader.Read<BbrInfo>();
                into.Present |= SocketAttributes.Bbr;
                break;
            case InetDiag.Cong:
                into.Congestion = CongestionNames.Intern(reader.StringBytes());
                into.Present |= SocketAttributes.Congestion;
                break;
            case InetDiag.Tos:
                into.Tos = reader.UInt8();
                into.Present |= SocketAttributes.Tos;
                break;
            case InetDiag.TClass:
                into.TClass = reader.UInt8();
                into.Present |= SocketAttributes.TClass;
                break;
            case InetDiag.ClassId:
                into.ClassId = reader.UInt32();
                into.Present |= SocketAttributes.ClassId;
                break;
            case InetDiag.Shutdown:
                into.Shutdown = reader.UInt8();
                into.Present |= SocketAttributes.Shutdown;
                break;
            case InetDiag.Mark:
                into.Mark = reader.UInt32();
                into.Present |= SocketAttributes.Mark;
                break;
            case InetDiag.CgroupId:
                into.CgroupId = reader.UInt64();
                into.Present |= SocketAttributes.CgroupId;
                break;
            case InetDiag.SockOpt:
                into.SockOpt = reader.UInt16();
                into.Present |= SocketAttributes.SockOpt;
                break;
            case InetDiag.SkV6Only:
                into.V6Only = reader.UInt8();
                into.Present |= SocketAttributes.V6Only;
                break;
            case InetDiag.Protocol:
                into.Protocol = reader.UInt8();
                into.Present |= SocketAttributes.Protocol;
                break;
            case InetDiag.Md5Sig:
                into.Md5Keys = ReadMd5Keys(ref reader);
                into.Present |= SocketAttributes.Md5Sig;
                break;
            case InetDiag.UlpInfo:
                into.Ulp = reader.Nested("INET_DIAG_ULP_INFO", ReadUlp);
                into.Present |= SocketAttributes.Ulp;
                break;
            case InetDiag.Locals:
                into.SctpLocals = reader.Payload.ToArray();
                into.Present |= SocketAttributes.SctpLocals;
                break;
            case InetDiag.Peers:
                into.SctpPeers = reader.Payload.ToArray();
                into.Present |= SocketAttributes.SctpPeers;
                break;
            case InetDiag.SkBpfStorages:
                into.BpfStorages = reader.Nested("INET_DIAG_SK_BPF_STORAGES", ReadBpfStorages);
                break;
            default:
                // Unknown or unused (PAD, newer kernels' additions): skipped, as ss does.
                break;
        }
    }

    /// <summary>INET_DIAG_INFO holds tcp_info for TCP (and DCCP), sctp_info for SCTP and mptcp_info for MPTCP.</summary>
    private static void ReadInfo(ref NetlinkAttributeReader reader, SocketTable table, SocketRecord into)
    {
        switch (table)
        {
            case SocketTable.Mptcp:
                into.MptcpInfo = reader.Payload.ToArray();
                into.Present |= SocketAttributes.MptcpInfo;
                break;
            case SocketTable.Sctp:
                into.SctpInfo = reader.Payload.ToArray();
                into.Present |= SocketAttributes.SctpInfo;
                break;
            default:
                into.SetTcpInfo(TcpInfo.Read(reader.Payload));
                into.Present |= SocketAttributes.TcpInfo;
                break;
        }
    }

    private static SkMemInfo ReadSkMemInfo(ref NetlinkAttributeReader reader) => SockDiag.ReadSkMemInfo(ref reader, minimumCount: 0);

    private static Md5Key[]? ReadMd5Keys(ref NetlinkAttributeReader reader)
    {
        if (reader.ReadArray<Md5SigEntry>("INET_DIAG_MD5SIG") is not { } entries)
        {
            return null;
        }
        var keys = new Md5Key[entries.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            ReadOnlySpan<byte> key = entry.Key;
            keys[i] = new Md5Key(entry.Family, entry.PrefixLength, new InetAddress(entry.Family, entry.Address), 0,
                key[..Math.Min((int)entry.KeyLength, Md5KeyMaxLength)].ToArray());
        }
        return keys;
    }

    private static UlpInfo? ReadUlp(ref NetlinkAttributeReader nested)
    {
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
                    tls = nested.Nested("TLS info", ReadTls);
                    break;
                case InetDiag.UlpMptcp:
                    subflow = nested.Nested("MPTCP subflow info", ReadMptcpSubflow);
                    break;
                default:
                    break;
            }
        }
        return new UlpInfo(name) { Tls = tls, MptcpSubflow = subflow };
    }

    /// <summary>Each SK_DIAG_BPF_STORAGE with a map id, in the kernel's order; the first id and value of an entry
    /// count, as in ss's parse_rtattr. An entry with an id and no value has an empty value.</summary>
    private static BpfStorage[] ReadBpfStorages(ref NetlinkAttributeReader storages)
    {
        var list = new List<BpfStorage>();
        while (storages.TryReadAttribute())
        {
            if (storages.Type == InetDiag.BpfStorage && storages.Nested("SK_DIAG_BPF_STORAGE", ReadBpfStorage) is { } storage)
            {
                list.Add(storage);
            }
        }
        return [.. list];
    }

    private static BpfStorage? ReadBpfStorage(ref NetlinkAttributeReader entry)
    {
        uint? mapId = null;
        byte[]? value = null;
        var residue = 0;
        while (entry.TryReadAttribute())
        {
            switch (entry.Type)
            {
                case InetDiag.BpfStorageMapId:
                    mapId ??= entry.UInt32();
                    break;
                case InetDiag.BpfStorageMapValue when value is null:
                    value = entry.Payload.ToArray();
                    residue = PayloadBuffer.AddressResidue(entry.Payload);
                    break;
                default:
                    break;
            }
        }
        return mapId is { } id ? new BpfStorage(id, value ?? [], residue) : null;
    }

    private static TlsUlpInfo ReadTls(ref NetlinkAttributeReader tls)
    {
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
        return new TlsUlpInfo(version, cipher, rxConf, txConf, zeroCopy, noPad);
    }

    private static MptcpSubflowInfo ReadMptcpSubflow(ref NetlinkAttributeReader attributes)
    {
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
        return new MptcpSubflowInfo(flags, tokenRemote, tokenLocal, idRemote, idLocal, mapSeq, mapSubflowSeq, subflowSeq, dataLength, relativeWriteSeq);
    }

    /// <summary>struct inet_diag_msg with its inet_diag_sockid.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct InetDiagMessage
    {
        public byte Family;
        public byte State;
        public byte Timer;
        public byte Retransmits;
        /// <summary>Network byte order.</summary>
        public ushort SourcePort;
        /// <summary>Network byte order.</summary>
        public ushort DestinationPort;
        public SockDiagAddress Source;
        public SockDiagAddress Destination;
        public uint InterfaceIndex;
        public SockDiagCookie Cookie;
        public uint Expires;
        public uint RecvQ;
        public uint SendQ;
        public uint Uid;
        public uint Inode;
    }

    /// <summary>struct tcp_diag_md5sig.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Md5SigEntry
    {
        public byte Family;
        public byte PrefixLength;
        public ushort KeyLength;
        public SockDiagAddress Address;
        public Md5KeyBytes Key;
    }

    [InlineArray(Md5KeyMaxLength)]
    private struct Md5KeyBytes
    {
        private byte _first;
    }
}
