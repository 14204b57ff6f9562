namespace SsNotebook.Text;

/// <summary>
/// One unix, packet or netlink socket line as ss's unix_stats_print, packet_show_sock and netlink_show_one print
/// it. The users:(…), details and skmem parts common with inet sockets come from the <see cref="InetSocketPrinter"/>.
/// </summary>
internal sealed class LocalSocketPrinter(ColumnBuffer output, SsQuery query, InetSocketPrinter common, NamingTables naming, string procRoot,
    Processes.ISecurityContextSource? contexts)
{
    private readonly ShowOptions _show = query.Show;
    private readonly InterfaceNames _interfaces = naming.Interfaces;
    private readonly NetlinkPortOwners _netlinkOwners = new(procRoot, query.Show.Numeric, contexts);

    /// <summary>Prints <paramref name="socket"/> when it is a unix, packet or netlink socket; returns false otherwise.</summary>
    public bool TryPrint(SocketRecord socket)
    {
        switch (socket.Local)
        {
            case UnixSocketDetails unix:
                PrintUnix(socket, unix);
                return true;
            case PacketSocketDetails packet:
                PrintPacket(socket, packet);
                return true;
            case NetlinkSocketDetails netlink:
                PrintNetlink(socket, netlink);
                return true;
            case VsockSocketDetails vsock:
                PrintVsock(socket, vsock);
                return true;
            case XdpSocketDetails xdp:
                PrintXdp(socket, xdp);
                return true;
            case TipcSocketDetails tipc:
                PrintTipc(socket, tipc);
                return true;
            default:
                return false;
        }
    }

    private void PrintUnix(SocketRecord socket, UnixSocketDetails unix)
    {
        PrintState(socket, SocketNames.NetidUtf8(socket.Table));
        PrintAddress(unix.Name ?? "*", " ", socket.Inode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        PrintAddress("*", " ", unix.PeerInode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        common.PrintUsers(socket.Inode);
        if (_show.Memory)
        {
            common.PrintSkMemInfo(socket);
        }
        if (!_show.Details)
        {
            return;
        }
        common.PrintShutdown(socket);
        if (unix.HasVfs)
        {
            output.WriteField(" ino:"u8, unix.VfsInode);
            output.Write(" dev:"u8);
            output.WriteUInt(unix.VfsMajor);
            output.Write((byte)'/');
            output.WriteUInt(unix.VfsMinor);
        }
        if (unix.PendingConnections is { } peers)
        {
            output.Write(" peers:"u8);
            foreach (var peer in peers)
            {
                output.Write((byte)' ');
                output.WriteUInt(peer);
            }
        }
    }

    private void PrintPacket(SocketRecord socket, PacketSocketDetails packet)
    {
        PrintState(socket, SocketNames.NetidUtf8(socket.Table));
        var protocol = LinkLayerProtocols.OfPacketSocket(packet.Protocol, _show.Numeric);
        if (socket.InterfaceIndex == 0)
        {
            PrintAddress(protocol, ":", "*");
        }
        else
        {
            PrintAddressBytes(protocol, ":", _interfaces.NameOf(socket.InterfaceIndex));
        }
        PrintAddress("", "*", "");
        common.PrintUsers(socket.Inode);
        if (_show.Details)
        {
            common.PrintDetails(socket.Uid, socket.Inode, socket.Cookie, 0, 0);
            PrintPacketDetails(packet);
        }
        if (_show.Bpf && packet.Filter is { } filter)
        {
            PrintFilter(filter);
        }
        if (_show.Memory)
        {
            common.PrintSkMemInfo(socket);
        }
    }

    private void PrintPacketDetails(PacketSocketDetails packet)
    {
        if (packet.Info is { } info)
        {
            output.Write(_show.OneLine ? " ver:"u8 : "\n\tver:"u8);
            output.WriteInt((int)info.Version);
            output.Write(" cpy_thresh:"u8);
            output.WriteInt((int)info.CopyThreshold);
            output.Write(" flags( "u8);
            var flags = DetailNames.PacketInfoFlags;
            for (var bit = 0; bit < flags.Count; bit++)
            {
                if ((info.Flags & (1u << bit)) != 0)
                {
                    // ss writes the first flag without the blank the others get.
                    if (bit > 0)
                    {
                        output.Write((byte)' ');
                    }
                    output.Write(flags[bit]);
                }
            }
            if (info.Flags == 0)
            {
                output.Write("0"u8);
            }
            output.Write(" )"u8);
        }
        if (packet.RxRing is { } rx)
        {
            output.Write(_show.OneLine ? " ring_rx("u8 : "\n\tring_rx("u8);
            PrintRing(rx);
        }
        if (packet.TxRing is { } tx)
        {
            output.Write(_show.OneLine ? " ring_tx("u8 : "\n\tring_tx("u8);
            PrintRing(tx);
        }
        if (packet.Fanout is { } fanout)
        {
            var type = fanout >> 16;
            output.Write(_show.OneLine ? " fanout("u8 : "\n\tfanout("u8);
            output.Write("id:"u8);
            output.WriteInt((int)(fanout & 0xffff));
            output.Write(",type:"u8);
            output.Write(DetailNames.FanoutType(type));
            output.Write((byte)')');
        }
    }

    private void PrintRing(PacketRing ring)
    {
        output.Write("blk_size:"u8);
        output.WriteInt((int)ring.BlockSize);
        output.Write(",blk_nr:"u8);
        output.WriteInt((int)ring.BlockCount);
        output.Write(",frm_size:"u8);
        output.WriteInt((int)ring.FrameSize);
        output.Write(",frm_nr:"u8);
        output.WriteInt((int)ring.FrameCount);
        output.Write(",tmo:"u8);
        output.WriteInt((int)ring.RetireTimeout);
        output.Write(",features:0x"u8);
        output.WriteHex(ring.Features);
        output.Write((byte)')');
    }

    /// <summary>-b: " bpf filter (N): " then " 0x%02x %u %u %u," per instruction.</summary>
    private void PrintFilter(ClassicBpfInstruction[] filter)
    {
        output.Write(_show.OneLine ? " bpf filter ("u8 : "\n\tbpf filter ("u8);
        output.WriteInt(filter.Length);
        output.Write("): "u8);
        if (filter.Length > 0)
        {
            output.Write((byte)' ');
            output.Write(DetailNames.PacketFilter(filter));
        }
    }

    /// <summary>
    /// netlink_show_one prints no users:(…) and never leaves the Process column, so -e and -m text lands there
    /// and is lost unless -p shows that column.
    /// </summary>
    private void PrintNetlink(SocketRecord socket, NetlinkSocketDetails netlink)
    {
        PrintState(socket, SocketNames.NetidUtf8(SocketTable.Netlink));
        PrintAddressBytes(NetlinkProtocols.Name(netlink.Protocol, _show.Numeric), ":", _netlinkOwners.Owner(netlink.PortId));
        if (netlink.NetlinkState == NetlinkSocketDetails.StateConnected)
        {
            PrintAddress(netlink.DestinationGroup.ToString(System.Globalization.CultureInfo.InvariantCulture), ":",
                netlink.DestinationPortId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            PrintAddress("", "*", "");
        }
        if (_show.ProcessContext)
        {
            output.Write(" proc_ctx="u8);
            output.Write(_netlinkOwners.OwnerContext(netlink.PortId));
        }
        if (_show.Details)
        {
            output.Write(" sk="u8);
            output.WriteHex(netlink.ProcSk);
            output.Write(" cb="u8);
            output.WriteHex(netlink.ProcCallback);
            output.Write(" groups=0x"u8);
            var groups = ((uint)netlink.Groups).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            output.Write(groups);
        }
        if (_show.Memory)
        {
            output.Write((byte)'\t');
            common.PrintSkMemInfo(socket);
        }
    }

    private void PrintVsock(SocketRecord socket, VsockSocketDetails vsock)
    {
        // The table of an unknown vsock type is the stream one, but ss names the type itself.
        PrintState(socket, vsock.Type is 1 or 2 ? SocketNames.NetidUtf8(socket.Table) : "???"u8);
        PrintAddress(VsockText(vsock.LocalCid), ":", VsockText(vsock.LocalPort));
        PrintAddress(VsockText(vsock.PeerCid), ":", VsockText(vsock.PeerPort));
        common.PrintUsers(socket.Inode);
    }

    /// <summary>
    /// ss's tipc_show_sock: <c>node:ref</c> and the peer's <c>node:ref</c> (or <c>-</c>). Its -e details go to the
    /// Process column before users:(…), so they are lost without -p; --tipcinfo goes to the next column and is
    /// always shown, with ss's spacing (two spaces before drop: and before publ or via).
    /// </summary>
    private void PrintTipc(SocketRecord socket, TipcSocketDetails tipc)
    {
        PrintState(socket, SocketNames.TipcNetidUtf8(tipc.Type));
        PrintNumbers(tipc.Node, tipc.Reference);
        if (tipc.Connection is { } connection)
        {
            PrintNumbers(connection.Node, connection.Reference);
        }
        else
        {
            PrintAddress("", "-", "");
        }
        if (_show.Details)
        {
            common.PrintDetails(socket.Uid, socket.Inode, socket.Cookie, 0, 0);
        }
        common.PrintUsers(socket.Inode);
        if (!_show.TipcInfo)
        {
            return;
        }
        output.Write(_show.OneLine ? " type:"u8 : "\n type:"u8);
        output.Write(SocketNames.SocketTypeUtf8(tipc.Type));
        output.Write(" cong:"u8);
        output.Write(tipc.Congestion);
        output.Write((byte)' ');
        output.Write(" drop:"u8);
        output.WriteInt((int)tipc.Drops);
        output.Write((byte)' ');
        if (tipc.HasPublications)
        {
            output.Write(" publ"u8);
        }
        if (tipc.Connection is { HasName: true } named)
        {
            output.Write(" via {"u8);
            output.WriteUInt(named.NameType);
            output.Write((byte)',');
            output.WriteUInt(named.NameInstance);
            output.Write("} "u8);
        }
    }

    /// <summary>One address as tipc prints it: the node and its colon in one column, the reference in the next.</summary>
    private void PrintNumbers(uint node, uint reference)
    {
        output.WriteUInt(node);
        output.Write((byte)':');
        output.NextField();
        output.WriteUInt(reference);
        output.NextField();
    }

    private void PrintXdp(SocketRecord socket, XdpSocketDetails xdp)
    {
        PrintState(socket, SocketNames.NetidUtf8(SocketTable.Xdp));
        if (socket.InterfaceIndex != 0)
        {
            var name = _interfaces.NameOf(socket.InterfaceIndex);
            output.Write(name);
            output.Write((byte)':');
            output.NextField();
            output.Write("q"u8);
            output.WriteInt((int)xdp.QueueId);
            output.NextField();
        }
        else
        {
            PrintAddress("", "*", "");
        }
        PrintAddress("", "*", "");
        common.PrintUsers(socket.Inode);
        if (_show.Details)
        {
            common.PrintDetails(socket.Uid, socket.Inode, socket.Cookie, 0, 0);
            PrintXdpRing("rx", xdp.RxRingEntries);
            PrintXdpRing("tx", xdp.TxRingEntries);
            if (xdp.Umem is { } umem)
            {
                // ss's oneline form really says "tumem(".
                output.Write(_show.OneLine ? " tumem("u8 : "\n\tumem("u8);
                output.WriteField("id:"u8, umem.Id);
                output.WriteField(",size:"u8, umem.Size);
                output.WriteField(",num_pages:"u8, umem.PageCount);
                output.WriteField(",chunk_size:"u8, umem.ChunkSize);
                output.WriteField(",headroom:"u8, umem.Headroom);
                output.WriteField(",ifindex:"u8, umem.InterfaceIndex);
                output.WriteField(",qid:"u8, umem.QueueId);
                output.WriteField(",zc:"u8, umem.Flags & 1);
                output.WriteField(",refs:"u8, umem.References);
                output.Write((byte)')');
                PrintXdpRing("fr", xdp.FillRingEntries);
                PrintXdpRing("cr", xdp.CompletionRingEntries);
            }
            if (xdp.Statistics is { } stats)
            {
                output.Write(_show.OneLine ? " stats("u8 : "\n\tstats("u8);
                output.WriteField("rx dropped:"u8, stats.RxDropped);
                output.WriteField(",rx invalid:"u8, stats.RxInvalid);
                output.WriteField(",rx queue full:"u8, stats.RxFull);
                output.WriteField(",rx fill ring empty:"u8, stats.FillRingEmpty);
                output.WriteField(",tx invalid:"u8, stats.TxInvalid);
                output.WriteField(",tx ring empty:"u8, stats.TxRingEmpty);
                output.Write((byte)')');
            }
        }
        if (_show.Memory)
        {
            common.PrintSkMemInfo(socket);
        }
    }

    private void PrintXdpRing(string name, uint? entries)
    {
        if (entries is not { } count)
        {
            return;
        }
        output.Write(_show.OneLine ? " " : "\n\t");
        output.Write(name);
        output.WriteField("(entries:"u8, count);
        output.Write((byte)')');
    }

    private static string VsockText(uint value) =>
        value == VsockSocketDetails.Any ? "*" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>ss's local tables print states beyond the known ones as UNDEF.</summary>
    private void PrintState(SocketRecord socket, ReadOnlySpan<byte> netid) => common.PrintState(socket, netid, "UNDEF"u8);

    /// <summary>ss's sock_addr_print: address and delimiter in one column, the port in the next.</summary>
    private void PrintAddress(string address, string delimiter, string port)
    {
        WriteLatin1(address);
        output.Write(delimiter);
        output.NextField();
        output.Write(port);
        output.NextField();
    }

    private void PrintAddressBytes(string address, string delimiter, ReadOnlySpan<byte> port)
    {
        WriteLatin1(address);
        output.Write(delimiter);
        output.NextField();
        output.Write(port);
        output.NextField();
    }

    /// <summary>Unix names are kept as Latin-1 strings, one char per kernel byte.</summary>
    private void WriteLatin1(string text)
    {
        if (output.IsDisabled(output.Current) || text.Length == 0)
        {
            return;
        }
        var span = output.GetSpan(text.Length);
        var length = Encoding.Latin1.GetBytes(text, span);
        output.Advance(length);
    }
}
