namespace SsNotebook.Diag;

/// <summary>Builds SOCK_DIAG_BY_FAMILY dump requests for inet tables exactly as ss does.</summary>
internal static class InetDiagRequest
{
    /// <summary>
    /// The idiag_ext bits ss asks for: -m → MEMINFO|SKMEMINFO, -i → INFO|VEGASINFO|CONG, --tos → TOS|TCLASS.
    /// The kernel sends DCTCP/BBR under the VEGAS bit, MD5SIG/ULP_INFO under INFO and CLASS_ID under TCLASS.
    /// </summary>
    public static byte Extensions(ShowOptions show)
    {
        byte ext = 0;
        if (show.Memory)
        {
            ext |= (byte)(InetDiag.ExtensionBit(InetDiag.MemInfo) | InetDiag.ExtensionBit(InetDiag.SkMemInfo));
        }
        if (show.TcpInfo)
        {
            ext |= (byte)(InetDiag.ExtensionBit(InetDiag.Info) | InetDiag.ExtensionBit(InetDiag.VegasInfo) | InetDiag.ExtensionBit(InetDiag.Cong));
        }
        if (show.Tos)
        {
            ext |= (byte)(InetDiag.ExtensionBit(InetDiag.Tos) | InetDiag.ExtensionBit(InetDiag.TClass));
        }
        return ext;
    }

    /// <summary>The IP protocol number ss dumps a table with, or -1 for a non-inet table.</summary>
    public static int ProtocolOf(SocketTable table) => table switch
    {
        SocketTable.Tcp => InetDiag.ProtocolTcp,
        SocketTable.Udp => InetDiag.ProtocolUdp,
        SocketTable.Raw => InetDiag.ProtocolRaw,
        SocketTable.Dccp => InetDiag.ProtocolDccp,
        SocketTable.Sctp => InetDiag.ProtocolSctp,
        SocketTable.Mptcp => InetDiag.ProtocolMptcp,
        _ => -1,
    };

    /// <summary>
    /// The inet_diag_req_v2 dump request. Protocols above 255 (MPTCP) go in INET_DIAG_REQ_PROTOCOL, with the
    /// truncated byte in sdiag_protocol as ss leaves it. <paramref name="bpfStorages"/> (null for none) is the
    /// payload of INET_DIAG_REQ_SK_BPF_STORAGES, sent last as ss sends it.
    /// </summary>
    public static byte[] Build(byte family, int protocol, byte extensions, StateSet states, byte[]? bytecode,
        uint sequence = NetlinkDump.MagicSequence, byte[]? bpfStorages = null)
    {
        var builder = SockDiag.Request(family, InetDiag.RequestLength, out var body, sequence: sequence);
        body[1] = (byte)protocol;
        body[2] = extensions;
        BinaryPrimitives.WriteUInt32LittleEndian(body[4..], states.Mask);
        if (bytecode is { Length: > 0 })
        {
            builder.AppendAttribute(InetDiag.RequestBytecode, bytecode);
        }
        if (protocol > 255)
        {
            builder.AppendAttributeUInt32(InetDiag.RequestProtocol, (uint)protocol);
        }
        if (bpfStorages is not null)
        {
            builder.AppendAttribute((ushort)(InetDiag.RequestSkBpfStorages | Nl.AttributeNested), bpfStorages);
        }
        return builder.ToArray();
    }

    /// <summary>
    /// The SOCK_DESTROY request for <paramref name="socket"/>, REQUEST|ACK: an inet_diag_req_v2 with the socket's id as
    /// the dump gave it (ports, addresses, interface and cookie), <paramref name="protocol"/> truncated to its byte
    /// as ss sends it, and for RAW sockets the IP protocol in the byte inet_diag_req_raw calls sdiag_raw_protocol.
    /// </summary>
    public static byte[] BuildDestroy(SocketRecord socket, int protocol, uint sequence)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var builder = new NetlinkRequestBuilder(SockDiag.Destroy, Nl.FlagRequest | Nl.FlagAck, sequence, Nl.HeaderLength + InetDiag.RequestLength);
        var body = builder.AppendBody(InetDiag.RequestLength);
        body[0] = socket.Family;
        body[1] = (byte)protocol;
        if (protocol == InetDiag.ProtocolRaw)
        {
            body[3] = socket.Protocol;
        }
        var id = body[8..];
        BinaryPrimitives.WriteUInt16BigEndian(id, socket.LocalPort);
        BinaryPrimitives.WriteUInt16BigEndian(id[2..], socket.PeerPort);
        socket.LocalAddress.WriteBytes(id[4..20]);
        socket.PeerAddress.WriteBytes(id[20..36]);
        BinaryPrimitives.WriteUInt32LittleEndian(id[36..], socket.InterfaceIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(id[40..], (uint)socket.Cookie);
        BinaryPrimitives.WriteUInt32LittleEndian(id[44..], (uint)(socket.Cookie >> 32));
        return builder.ToArray();
    }

    /// <summary>
    /// The TCPDIAG_GETSOCK dump request (struct inet_diag_req): the kernel walks its socket tables once for both
    /// families, where two SOCK_DIAG_BY_FAMILY dumps walk them twice — half the kernel's fixed cost of a dump.
    /// The replies mix the families in the kernel's walk order.
    /// </summary>
    public static byte[] BuildTcpBothFamilies(byte extensions, StateSet states, byte[]? bytecode, uint sequence = NetlinkDump.MagicSequence) =>
        BuildCompat(InetDiag.TcpDiagGetSock, 0, extensions, states, bytecode, sequence);

    /// <summary>The DCCPDIAG_GETSOCK request ss retries a failed DCCP dump with (for AF_INET, as ss sends it).</summary>
    public static byte[] BuildDccpCompat(byte extensions, StateSet states, byte[]? bytecode) =>
        BuildCompat(InetDiag.DccpDiagGetSock, AddressFamilies.Inet, extensions, states, bytecode, NetlinkDump.MagicSequence);

    private static byte[] BuildCompat(ushort type, byte family, byte extensions, StateSet states, byte[]? bytecode, uint sequence)
    {
        var builder = SockDiag.Request(family, InetDiag.CompatRequestLength, out var body, type, sequence);
        body[3] = extensions;
        BinaryPrimitives.WriteUInt32LittleEndian(body[52..], states.Mask);
        if (bytecode is { Length: > 0 })
        {
            builder.AppendAttribute(InetDiag.RequestBytecode, bytecode);
        }
        return builder.ToArray();
    }
}
