namespace SsNotebook.Text;

/// <summary>One inet socket line as ss's inet_show_sock (netlink records) or tcp/dgram_show_line (/proc records) prints it.</summary>
internal sealed class InetSocketPrinter
{
    private const int IpProtoTcp = 6;
    private const int IpProtoUdp = 17;
    private const int IpProtoDccp = 33;
    private const int IpProtoIcmpV6 = 58;
    private const int IpProtoSctp = 132;
    private const int IpProtoRaw = 255;
    private const int IpProtoMptcp = 262;

    /// <summary>USER_HZ: the unit of /proc/net/tcp timers (sysconf(_SC_CLK_TCK) is 100 on Linux).</summary>
    private const int UserHz = 100;

    private static readonly byte[][] SkMemLabels = [.. new[] { "r", "rb", "t", "tb", "f", "w", "o", "bl", "d" }.Select(System.Text.Encoding.ASCII.GetBytes)];

    private static readonly byte[][] MemLabels = [.. new[] { "r", "w", "f", "t" }.Select(System.Text.Encoding.ASCII.GetBytes)];

    private readonly ColumnBuffer _out;
    private readonly ShowOptions _show;
    private readonly ProcessTable? _processes;
    private readonly PortText _ports;
    private readonly InterfaceNames _interfaces;
    private readonly CgroupNames _cgroups;
    private readonly TcpInfoPrinter _tcpInfo;
    private readonly BpfStorageText? _bpfStorages;
    private readonly Dictionary<InetAddress, byte[]> _hostNames = [];
    private readonly string? _lastTableProtocol;
    private readonly bool _eventsMode;

    /// <summary>What ss would have written to stderr while printing (cgroup2 lookups without a mount).</summary>
    public List<string> Diagnostics { get; } = [];

    public InetSocketPrinter(ColumnBuffer output, SsQuery query, ProcessTable? processes, NamingTables naming,
        Bpf.BpfStorageMaps? bpfMaps = null)
    {
        _out = output;
        _show = query.Show;
        _processes = processes;
        _ports = new PortText(naming);
        _interfaces = naming.Interfaces;
        _tcpInfo = new TcpInfoPrinter(output, query.Show);
        _cgroups = naming.Cgroups;
        _bpfStorages = bpfMaps is null ? null : new BpfStorageText(output, bpfMaps, query.Show.OneLine, Diagnostics);
        // ss looks services up with the protocol of the last of raw, udp, tcp it dumped (dccp, sctp and mptcp
        // come later and do not set one); with none of them getservbyport matches any protocol.
        _eventsMode = query.Mode == QueryMode.Events;
        // ss -E dumps no table at all, so it matches any protocol too.
        _lastTableProtocol = query.Mode == QueryMode.Events ? null
            : query.Tables.Contains(SocketTable.Tcp) ? "tcp"
            : query.Tables.Contains(SocketTable.Udp) ? "udp"
            : query.Tables.Contains(SocketTable.Raw) ? "raw"
            : null;
    }

    public void Print(SocketRecord socket)
    {
        if (socket.Family != AddressFamilies.Inet && socket.Family != AddressFamilies.Inet6)
        {
            return;
        }
        var protocol = ProtocolOf(socket);
        var serviceProtocol = _eventsMode ? null : socket.Table switch
        {
            SocketTable.Tcp => "tcp",
            SocketTable.Udp => "udp",
            SocketTable.Raw => "raw",
            _ => _lastTableProtocol,
        };
        var v6Only = socket.Family == AddressFamilies.Inet6 && socket.Has(SocketAttributes.V6Only) && socket.V6Only != 0;

        PrintState(socket, NetidOf(protocol), "UNKNOWN"u8);
        PrintAddress(socket.Family, socket.LocalAddress, socket.LocalPort, socket.InterfaceIndex, v6Only, serviceProtocol);
        PrintAddress(socket.Family, socket.PeerAddress, socket.PeerPort, 0, v6Only, serviceProtocol);
        PrintUsers(socket.Inode);

        if (socket.Has(SocketAttributes.FromProc))
        {
            if (socket.Table == SocketTable.Tcp)
            {
                PrintProcTcpExtras(socket);
            }
            // Datagram lines never show opt:"…": ss's scan of them assigns at most 8 fields and wants 9.
            return;
        }

        if (_show.Options)
        {
            PrintTimer(socket.Timer, socket.Expires, socket.Retransmits, protocol == IpProtoSctp);
        }
        if (_show.Details)
        {
            PrintDetails(socket.Uid, socket.Inode, socket.Cookie, socket.Mark, socket.CgroupId);
            if (socket.Family == AddressFamilies.Inet6 && socket.Has(SocketAttributes.V6Only))
            {
                _out.WriteField(" v6only:"u8, socket.V6Only);
            }
            PrintShutdown(socket);
        }
        if (_show.Tos)
        {
            if (socket.Has(SocketAttributes.Tos))
            {
                _out.Write(" tos:"u8);
                WriteAlternateHex(socket.Tos);
            }
            if (socket.Has(SocketAttributes.TClass))
            {
                _out.Write(" tclass:"u8);
                WriteAlternateHex(socket.TClass);
            }
            if (socket.Has(SocketAttributes.ClassId))
            {
                _out.Write(" class_id:"u8);
                WriteAlternateHex(socket.ClassId);
            }
        }
        if (_show.Cgroup && socket.Has(SocketAttributes.CgroupId))
        {
            _out.Write(" cgroup:"u8);
            _out.Write(_cgroups.PathOf(socket.CgroupId, Diagnostics));
        }
        if (_show.InetSockopt && socket.Has(SocketAttributes.SockOpt))
        {
            PrintSockOpt(socket.SockOpt);
        }
        if (_show.Memory || (_show.TcpInfo && protocol != IpProtoUdp))
        {
            if (!_show.OneLine)
            {
                _out.Write("\n\t"u8);
            }
            if (protocol == IpProtoMptcp)
            {
                PrintSkMemInfo(socket);
                if (socket.MptcpInfo is not null)
                {
                    MptcpInfoPrinter.Print(_out, socket.MptcpInfo);
                }
            }
            else if (protocol == IpProtoSctp)
            {
                // No SCTP on this kernel: ss would add locals/peers and sctp_info here.
                PrintSkMemInfo(socket);
            }
            else
            {
                PrintSkMemInfo(socket);
                _tcpInfo.Print(socket);
            }
        }
        if (socket.BpfStorages is { } storages && _bpfStorages is not null)
        {
            _bpfStorages.Print(storages);
        }
    }

    /// <summary>ss's socket type: INET_DIAG_PROTOCOL when sent, otherwise the protocol the table was dumped with.</summary>
    private static int ProtocolOf(SocketRecord socket)
    {
        if (socket.Has(SocketAttributes.Protocol))
        {
            return socket.Protocol;
        }
        return socket.Table switch
        {
            SocketTable.Tcp => IpProtoTcp,
            SocketTable.Udp => IpProtoUdp,
            SocketTable.Raw => socket.Has(SocketAttributes.FromProc) ? 0 : IpProtoRaw,
            SocketTable.Mptcp => IpProtoMptcp,
            SocketTable.Dccp => IpProtoDccp,
            SocketTable.Sctp => IpProtoSctp,
            _ => IpProtoRaw,
        };
    }

    private static ReadOnlySpan<byte> NetidOf(int protocol) => protocol switch
    {
        0 => "raw"u8,
        IpProtoUdp => "udp"u8,
        IpProtoTcp => "tcp"u8,
        IpProtoMptcp => "mptcp"u8,
        IpProtoSctp => "sctp"u8,
        IpProtoDccp => "dccp"u8,
        IpProtoIcmpV6 => "icmp6"u8,
        _ => "???"u8,
    };

    /// <summary>The Netid, State, Recv-Q and Send-Q columns every socket line starts with; a state beyond the
    /// known ones prints as <paramref name="unknownState"/>.</summary>
    internal void PrintState(SocketRecord socket, ReadOnlySpan<byte> netid, ReadOnlySpan<byte> unknownState)
    {
        _out.SetField(Column.Netid);
        _out.Write(netid);
        _out.SetField(Column.State);
        _out.Write(SocketNames.StateUtf8(socket.State, unknownState));
        if (!_show.NoQueues)
        {
            _out.SetField(Column.RecvQ);
            WriteQueue((int)socket.RecvQ);
            _out.SetField(Column.SendQ);
            WriteQueue((int)socket.SendQ);
        }
        _out.SetField(Column.LocalAddress);
    }

    /// <summary>%-6d.</summary>
    private void WriteQueue(int value)
    {
        Span<byte> text = stackalloc byte[16];
        System.Buffers.Text.Utf8Formatter.TryFormat(value, text, out var length);
        _out.Write(text[..length]);
        if (length < 6)
        {
            text[..(6 - length)].Fill((byte)' ');
            _out.Write(text[..(6 - length)]);
        }
    }

    private void PrintAddress(byte family, in InetAddress address, ushort port, uint interfaceIndex, bool v6Only, string? serviceProtocol)
    {
        if (!_out.IsDisabled(Column.LocalAddress))
        {
            var span = _out.GetSpan(600);
            var length = 0;
            if (family == AddressFamilies.Inet)
            {
                length = FormatHost(address, span);
            }
            else if (!v6Only && address.IsAny)
            {
                span[0] = (byte)'*';
                length = 1;
            }
            else
            {
                length = FormatHost(address, span[1..]);
                if (span.Slice(1, length).Contains((byte)':'))
                {
                    span[0] = (byte)'[';
                    span[length + 1] = (byte)']';
                    length += 2;
                }
                else
                {
                    span.Slice(1, length).CopyTo(span);
                }
            }
            if (interfaceIndex != 0)
            {
                span[length++] = (byte)'%';
                var name = _interfaces.NameOf(interfaceIndex);
                name.CopyTo(span[length..]);
                length += name.Length;
            }
            span[length++] = (byte)':';
            _out.Advance(length);
        }
        _out.NextField();
        _out.Write(ServiceText(port, serviceProtocol));
        _out.NextField();
    }

    /// <summary>ss's format_host: the numeric text, or with -r the reverse-DNS name (cached, including failures).</summary>
    private int FormatHost(in InetAddress address, Span<byte> destination)
    {
        if (_show.Resolve)
        {
            var name = ResolveHost(address);
            if (name.Length > 0)
            {
                name.CopyTo(destination);
                return name.Length;
            }
        }
        return AddressText.Format(address, destination);
    }

    private byte[] ResolveHost(InetAddress address)
    {
        if (_hostNames.TryGetValue(address, out var cached))
        {
            return cached;
        }
        var lookup = address.IsIPv4Mapped ? address.ToIPAddress().MapToIPv4() : address.ToIPAddress();
        byte[] name = [];
        try
        {
            var host = Dns.GetHostEntry(lookup).HostName;
            if (!string.IsNullOrEmpty(host) && host != lookup.ToString())
            {
                name = System.Text.Encoding.UTF8.GetBytes(host);
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
        }
        _hostNames[address] = name;
        return name;
    }

    private ReadOnlySpan<byte> ServiceText(ushort port, string? serviceProtocol)
    {
        if (port == 0)
        {
            return "*"u8;
        }
        if (_show.Numeric)
        {
            return _ports.Numeric(port);
        }
        if (serviceProtocol == "raw")
        {
            return _ports.Protocol(port);
        }
        return _ports.Service(port, serviceProtocol);
    }

    /// <summary>ss's shutdown arrow (" &lt;->", " --->", …) when the socket reported its shutdown state.</summary>
    internal void PrintShutdown(SocketRecord socket)
    {
        if (socket.Has(SocketAttributes.Shutdown))
        {
            _out.Write((byte)' ');
            _out.Write(SocketNames.Shutdown(socket.Shutdown));
        }
    }

    /// <summary>ss's proc_ctx_print: users:(...) into the Process column (lost when it is disabled), then on to Ext.</summary>
    internal void PrintUsers(uint inode)
    {
        if (_processes is not null && inode != 0 && !_out.IsDisabled(Column.Process)
            && (_show.Processes || _show.Threads || _show.ProcessContext || _show.SocketContext))
        {
            var users = _processes.UsersOf(inode);
            if (!users.IsEmpty)
            {
                _out.Write(" users:("u8);
                for (var i = 0; i < users.Length; i++)
                {
                    var user = users[i];
                    if (i > 0)
                    {
                        _out.Write((byte)',');
                    }
                    _out.Write("(\""u8);
                    _out.Write(user.Command);
                    _out.Write("\",pid="u8);
                    _out.WriteInt(user.Pid);
                    _out.Write((byte)',');
                    if (_show.Threads)
                    {
                        _out.Write("tid="u8);
                        _out.WriteInt(user.Tid);
                        _out.Write((byte)',');
                    }
                    if (_show.ProcessContext || _show.SocketContext)
                    {
                        _out.Write("proc_ctx="u8);
                        _out.Write(user.ProcessContext ?? Processes.SecurityContextText.Unavailable);
                        _out.Write((byte)',');
                    }
                    _out.Write("fd="u8);
                    _out.WriteInt(user.Fd);
                    if (_show.ProcessContext && _show.SocketContext)
                    {
                        _out.Write(",sock_ctx="u8);
                        _out.Write(user.SocketContext ?? Processes.SecurityContextText.Unavailable);
                    }
                    _out.Write((byte)')');
                }
                _out.Write((byte)')');
            }
        }
        _out.NextField();
    }

    private void PrintTimer(byte timer, uint expiresMs, int retransmits, bool sctp)
    {
        if (timer == 0)
        {
            return;
        }
        _out.Write(" timer:("u8);
        _out.Write(sctp ? "T3_RTX" : SocketNames.Timer(timer));
        _out.Write((byte)',');
        WriteMsTimer(expiresMs);
        _out.Write((byte)',');
        _out.WriteInt(retransmits);
        _out.Write((byte)')');
    }

    /// <summary>ss 6.10's print_ms_timer, including its bug: seconds with milliseconds print as "9.373ms".</summary>
    private void WriteMsTimer(uint timeout)
    {
        var seconds = (int)(timeout / 1000);
        var minutes = seconds / 60;
        seconds %= 60;
        var milliseconds = (int)(timeout % 1000);
        if (minutes != 0)
        {
            milliseconds = 0;
            _out.WriteInt(minutes);
            _out.Write("min"u8);
            if (minutes > 9)
            {
                seconds = 0;
            }
        }
        if (seconds != 0)
        {
            if (seconds > 9)
            {
                milliseconds = 0;
            }
            _out.WriteInt(seconds);
            _out.Write(milliseconds != 0 ? "."u8 : "sec"u8);
        }
        if (milliseconds != 0)
        {
            Span<byte> text = stackalloc byte[3];
            text[0] = (byte)('0' + milliseconds / 100);
            text[1] = (byte)('0' + milliseconds / 10 % 10);
            text[2] = (byte)('0' + milliseconds % 10);
            _out.Write(text);
            _out.Write("ms"u8);
        }
    }

    internal void PrintDetails(uint uid, uint inode, ulong cookie, uint mark, ulong cgroupId)
    {
        if (uid != 0)
        {
            _out.WriteField(" uid:"u8, uid);
        }
        _out.WriteField(" ino:"u8, inode);
        _out.Write(" sk:"u8);
        _out.WriteHex(cookie);
        if (mark != 0)
        {
            _out.Write(" fwmark:0x"u8);
            _out.WriteHex(mark);
        }
        if (cgroupId != 0)
        {
            _out.Write(" cgroup:"u8);
            _out.Write(_cgroups.PathOf(cgroupId, Diagnostics));
        }
    }

    /// <summary>%#x: "0" for zero, otherwise 0x-prefixed hex.</summary>
    private void WriteAlternateHex(uint value)
    {
        if (value == 0)
        {
            _out.Write((byte)'0');
            return;
        }
        _out.Write("0x"u8);
        _out.WriteHex(value);
    }

    private void PrintSockOpt(ushort options)
    {
        _out.Write(_show.OneLine ? " inet-sockopt: ("u8 : "\n\tinet-sockopt: ("u8);
        var names = DetailNames.InetSockOptFlags;
        for (var bit = 0; bit < names.Count; bit++)
        {
            if ((options & (1 << bit)) != 0)
            {
                _out.Write((byte)' ');
                _out.Write(names[bit]);
            }
        }
        _out.Write((byte)')');
    }

    internal void PrintSkMemInfo(SocketRecord socket)
    {
        if (socket.Has(SocketAttributes.SkMemInfo))
        {
            var m = socket.SkMemInfo;
            // ss prints the backlog and drops entries only when the kernel sent them.
            PrintCounters(" skmem:("u8, SkMemLabels,
                [m.RmemAlloc, m.Rcvbuf, m.WmemAlloc, m.Sndbuf, m.FwdAlloc, m.WmemQueued, m.Optmem, m.Backlog, m.Drops],
                Math.Clamp(m.Count, 7, 9));
        }
        else if (socket.Has(SocketAttributes.MemInfo))
        {
            var m = socket.MemInfo;
            PrintCounters(" mem:("u8, MemLabels, [m.RMem, m.WMem, m.FMem, m.TMem], 4);
        }
    }

    /// <summary>ss's skmem:( and mem:( lists: label and value pairs separated by commas, then ")".</summary>
    private void PrintCounters(ReadOnlySpan<byte> opening, byte[][] labels, ReadOnlySpan<uint> values, int count)
    {
        _out.Write(opening);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _out.Write((byte)',');
            }
            _out.Write(labels[i]);
            _out.WriteUInt(values[i]);
        }
        _out.Write((byte)')');
    }

    /// <summary>
    /// The extras of a /proc/net/tcp line (ss's tcp_show_line): times are jiffies (USER_HZ), the retransmit count
    /// is already the one ss shows, and rto/ato/quick-ack/cwnd/ssthresh come from <see cref="SocketRecord.Proc"/>.
    /// </summary>
    private void PrintProcTcpExtras(SocketRecord socket)
    {
        var proc = socket.Proc ?? new ProcSocketDetails();
        if (_show.Options && socket.Timer != 0)
        {
            var timeout = unchecked(((socket.Expires * 1000u) + (uint)UserHz - 1) / (uint)UserHz);
            PrintTimer(socket.Timer, timeout, socket.Retransmits, false);
        }
        if (_show.Details)
        {
            PrintDetails(socket.Uid, socket.Inode, socket.Cookie, 0, 0);
            PrintProcOptions(proc);
        }
        if (_show.TcpInfo)
        {
            if (proc.Rto != 3 * UserHz && proc.Rto != 0)
            {
                _out.Write(" rto:"u8);
                WriteJiffies(proc.Rto);
            }
            if (proc.Ato != 0)
            {
                _out.Write(" ato:"u8);
                WriteJiffies(proc.Ato);
            }
            var quickAck = proc.QuickAck / 2;
            if (quickAck != 0)
            {
                _out.Write(" qack:"u8);
                _out.WriteInt(quickAck);
            }
            if ((quickAck & 1) != 0)
            {
                _out.Write(" bidir"u8);
            }
            if (proc.Cwnd != 0)
            {
                _out.WriteField(" cwnd:"u8, proc.Cwnd);
            }
            var ssthresh = proc.Ssthresh == -1 ? 0 : proc.Ssthresh;
            if (ssthresh != 0)
            {
                _out.Write(" ssthresh:"u8);
                _out.WriteInt(ssthresh);
            }
            if (socket.Retransmits != 0)
            {
                _out.WriteField(" retrans:"u8, socket.Retransmits);
                _out.Write("/0"u8);
            }
            // The /proc record has no reordering value, and ss prints any value other than 3.
            _out.Write(" reordering:0"u8);
        }
    }

    /// <summary>%g of a jiffies count in seconds.</summary>
    private void WriteJiffies(int jiffies)
    {
        if (jiffies >= 0)
        {
            _out.WriteScaledG((ulong)jiffies, 2);
        }
        else
        {
            _out.WriteG((double)jiffies / UserHz);
        }
    }

    /// <summary>-e on a /proc/net/tcp record: whatever followed the parsed columns, as <c>opt:"…"</c>.</summary>
    private void PrintProcOptions(ProcSocketDetails proc)
    {
        if (proc.Options.Length > 0)
        {
            _out.Write(" opt:\""u8);
            _out.Write(proc.Options);
            _out.Write((byte)'"');
        }
    }
}
