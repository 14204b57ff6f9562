namespace SsNotebook.Filter;

/// <summary>Which end of a socket a predicate looks at.</summary>
public enum SocketEnd
{
    /// <summary><c>src</c>, <c>sport</c>.</summary>
    Local,

    /// <summary><c>dst</c>, <c>dport</c>.</summary>
    Remote,
}

/// <summary>
/// <c>src</c>/<c>dst</c>/<c>sport</c>/<c>dport</c> with an inet host: an optional port (-1 = any) and any number of
/// prefixes (a host name may resolve to several; none means any address). A socket matches when the port
/// matches and one of the prefixes does.
/// </summary>
/// <param name="end">The end tested.</param>
/// <param name="prefixes">The addresses, any of which may match; empty for any.</param>
/// <param name="port">The port, or -1 for any.</param>
public sealed class InetHostFilter(SocketEnd end, IReadOnlyList<InetPrefix> prefixes, long port) : SocketFilter
{
    private readonly InetPrefix[] _prefixes = [.. prefixes];

    /// <summary>Whether the local (src, sport) or the remote (dst, dport) end is tested.</summary>
    public SocketEnd End { get; } = end;

    /// <summary>The addresses with prefix lengths, any of which may match; empty for any address.</summary>
    public IReadOnlyList<InetPrefix> Prefixes => _prefixes;

    /// <summary>The port, or -1 for any (ss stores "no port" as -1, so an explicit -1 also means any).</summary>
    public long Port { get; } = port;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket)
    {
        var family = SocketView.Family(socket);
        var local = End == SocketEnd.Local;
        if (Port != -1 && Port != (local ? SocketView.LocalPort(socket, family) : SocketView.RemotePort(socket, family)))
        {
            return false;
        }
        if (_prefixes.Length == 0)
        {
            return true;
        }
        if (!SocketView.IsInet(family))
        {
            return false;
        }
        foreach (ref readonly var prefix in _prefixes.AsSpan())
        {
            if (prefix.Matches(local ? socket.LocalAddress : socket.PeerAddress, family))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>One condition op per address, each followed (but the last) by a jump to the end on success. Unlike
    /// ss, every op carries its own address, so a host name matches all its addresses in the kernel too.</summary>
    public override byte[]? CompileInetBytecode()
    {
        var code = End == SocketEnd.Local ? InetBytecode.SourceCondition : InetBytecode.DestinationCondition;
        // A prefix of another family (ss lets "any" take e.g. AF_TIPC after --tipc) can match no inet socket and
        // would make the kernel refuse the program, so it is left out.
        InetPrefix[] prefixes = _prefixes.Length == 0 ? [default] : [.. _prefixes.Where(p => p.Family is 0 or AddressFamilies.Inet or AddressFamilies.Inet6)];
        if (prefixes.Length == 0)
        {
            return InetBytecode.AlwaysFalse();
        }
        var length = 0;
        foreach (var prefix in prefixes)
        {
            length += 4 + InetBytecode.HostConditionHeaderLength + InetPrefix.AddressLength(prefix.Family);
        }
        length += 4 * (prefixes.Length - 1);
        var program = new byte[length];
        var position = 0;
        for (var i = 0; i < prefixes.Length; i++)
        {
            var prefix = prefixes[i];
            var opLength = 4 + InetBytecode.HostConditionHeaderLength + InetPrefix.AddressLength(prefix.Family);
            var op = program.AsSpan(position, opLength);
            InetBytecode.WriteOp(op, code, opLength, opLength + 4);
            op[4] = prefix.Family;
            op[5] = (byte)prefix.PrefixLength;
            BinaryPrimitives.WriteInt32LittleEndian(op[8..], (int)Math.Clamp(Port, int.MinValue, int.MaxValue));
            prefix.WriteAddress(op[12..]);
            position += opLength;
            if (i < prefixes.Length - 1)
            {
                InetBytecode.WriteOp(program.AsSpan(position), InetBytecode.Jump, 4, length - position);
                position += 4;
            }
        }
        return program;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var name = End == SocketEnd.Local ? "src" : "dst";
        var hosts = _prefixes.Length == 0 ? "*" : string.Join(",", _prefixes.Select(p => p.ToString()));
        return $"{name} {hosts}:{(Port == -1 ? "*" : Port.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
    }
}

/// <summary><c>sport</c>/<c>dport</c> with <c>&gt;=</c> or <c>&lt;=</c> (ss builds <c>&gt;</c> and <c>&lt;</c> as their negation).</summary>
/// <param name="end">The end tested.</param>
/// <param name="greaterOrEqual">True for <c>&gt;=</c>, false for <c>&lt;=</c>.</param>
/// <param name="port">The bound, inclusive.</param>
public sealed class PortRangeFilter(SocketEnd end, bool greaterOrEqual, long port) : SocketFilter
{
    /// <summary>Whether the local (sport) or the remote (dport) port is tested.</summary>
    public SocketEnd End { get; } = end;

    /// <summary>True for <c>&gt;=</c>, false for <c>&lt;=</c>.</summary>
    public bool GreaterOrEqual { get; } = greaterOrEqual;

    /// <summary>The bound, inclusive.</summary>
    public long Port { get; } = port;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket)
    {
        var family = SocketView.Family(socket);
        var actual = End == SocketEnd.Local ? SocketView.LocalPort(socket, family) : SocketView.RemotePort(socket, family);
        return GreaterOrEqual ? actual >= Port : actual <= Port;
    }

    /// <summary>The kernel compares 16-bit ports, so out-of-range bounds become constant answers instead of the
    /// truncated value ss would send.</summary>
    public override byte[]? CompileInetBytecode()
    {
        if (GreaterOrEqual ? Port <= 0 : Port >= ushort.MaxValue)
        {
            return InetBytecode.AlwaysTrue();
        }
        if (GreaterOrEqual ? Port > ushort.MaxValue : Port < 0)
        {
            return InetBytecode.AlwaysFalse();
        }
        var code = (End, GreaterOrEqual) switch
        {
            (SocketEnd.Local, true) => InetBytecode.SourceGreaterOrEqual,
            (SocketEnd.Local, false) => InetBytecode.SourceLessOrEqual,
            (SocketEnd.Remote, true) => InetBytecode.DestinationGreaterOrEqual,
            _ => InetBytecode.DestinationLessOrEqual,
        };
        return InetBytecode.PortComparison(code, (ushort)Port);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(End == SocketEnd.Local ? "sport" : "dport")} {(GreaterOrEqual ? ">=" : "<=")} {Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary><c>autobound</c>: for inet, a local port inside ip_local_port_range; for the other families ss's own
/// tests (abstract "@" + 5 hex digits, pid &lt; 0, port &gt; 1023, …).</summary>
/// <remarks>The kernel's INET_DIAG_BC_AUTO instead tests that the port was not bound explicitly; ss sends it and
/// also applies the range test, and so do we, so the selection equals ss's. The range is read on first use (as ss
/// does), so it is the one of the namespace being listed.</remarks>
/// <param name="ephemeralRange">Reads ip_local_port_range; called once, on first use.</param>
public sealed class AutoboundFilter(Func<(int Low, int High)> ephemeralRange) : SocketFilter
{
    private readonly Lazy<(int Low, int High)> _range = new(ephemeralRange);

    /// <summary>The ephemeral port range (ip_local_port_range), read on first use.</summary>
    public (int Low, int High) EphemeralRange => _range.Value;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket)
    {
        var family = SocketView.Family(socket);
        switch (family)
        {
            case AddressFamilies.Unix:
                var name = SocketView.UnixName(socket);
                return name is null || IsAutoboundUnixName(name);
            case AddressFamilies.Packet:
                return socket.InterfaceIndex == 0 && SocketView.FamilyValue(socket, family, true) is null or 0;
            case AddressFamilies.Netlink:
                return SocketView.LocalPort(socket, family) < 0;
            case AddressFamilies.Vsock:
                return SocketView.LocalPort(socket, family) > 1023;
            default:
                var (low, high) = _range.Value;
                return socket.LocalPort >= low && socket.LocalPort <= high;
        }
    }

    private static bool IsAutoboundUnixName(string name)
    {
        if (name.Length != 6 || name[0] != '@')
        {
            return false;
        }
        foreach (var c in name.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override byte[]? CompileInetBytecode()
    {
        var program = new byte[4];
        InetBytecode.WriteOp(program, InetBytecode.AutoBound, 4, 8);
        return program;
    }

    /// <inheritdoc/>
    public override string ToString() => "autobound";
}

/// <summary><c>dev</c>: the socket is bound to this interface index (compiled to INET_DIAG_BC_DEV_COND, which ss omits).</summary>
/// <param name="interfaceIndex">The interface index the socket must be bound to (<c>dev</c> names are resolved to
/// it).</param>
public sealed class DeviceFilter(uint interfaceIndex) : SocketFilter
{
    /// <summary>The interface index the socket must be bound to.</summary>
    public uint InterfaceIndex { get; } = interfaceIndex;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket) => socket.InterfaceIndex == InterfaceIndex;

    /// <inheritdoc/>
    public override byte[]? CompileInetBytecode() => InetBytecode.Condition(InetBytecode.DeviceCondition, InterfaceIndex);

    /// <inheritdoc/>
    public override string ToString() => $"dev {InterfaceIndex}";
}

/// <summary><c>fwmark MARK[/MASK]</c>: (socket mark &amp; mask) == mark.</summary>
/// <param name="mark">The value the masked mark must equal.</param>
/// <param name="mask">The bits of the socket's mark compared.</param>
public sealed class MarkFilter(uint mark, uint mask) : SocketFilter
{
    /// <summary>The value the masked mark must equal.</summary>
    public uint Mark { get; } = mark;

    /// <summary>The bits of the socket's mark compared (0xffffffff when no mask was given).</summary>
    public uint Mask { get; } = mask;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket) => (socket.Mark & Mask) == Mark;

    /// <inheritdoc/>
    public override byte[]? CompileInetBytecode() => InetBytecode.Condition(InetBytecode.MarkCondition, Mark, Mask);

    /// <inheritdoc/>
    public override string ToString() => $"fwmark 0x{Mark:x}/0x{Mask:x}";
}

/// <summary><c>cgroup PATH</c>: the socket belongs to the cgroup v2 with this id.</summary>
/// <param name="cgroupId">The cgroup v2 id.</param>
public sealed class CgroupFilter(ulong cgroupId) : SocketFilter
{
    /// <summary>The cgroup v2 id (the inode of its directory) the socket must belong to.</summary>
    public ulong CgroupId { get; } = cgroupId;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket) => socket.CgroupId == CgroupId;

    /// <inheritdoc/>
    public override byte[]? CompileInetBytecode() => InetBytecode.Condition(InetBytecode.CgroupCondition, CgroupId);

    /// <inheritdoc/>
    public override string ToString() => $"cgroup {CgroupId}";
}

/// <summary>
/// <c>src</c>/<c>dst</c> with a <c>link:</c>, <c>netlink:</c> or <c>vsock:</c> host: an optional 32-bit value
/// (ethertype, netlink protocol, vsock cid) and an optional port (interface index, netlink pid, vsock port).
/// Such sockets are never in an inet dump, so the bytecode rejects everything.
/// </summary>
/// <param name="end">The end tested.</param>
/// <param name="family">AF_PACKET, AF_NETLINK or AF_VSOCK.</param>
/// <param name="value">The ethertype, netlink protocol or vsock cid; null for any.</param>
/// <param name="port">The interface index, netlink pid or vsock port; -1 for any.</param>
public sealed class FamilyHostFilter(SocketEnd end, int family, uint? value, long port) : SocketFilter
{
    /// <summary>Whether the local (src) or the remote (dst) end is tested.</summary>
    public SocketEnd End { get; } = end;

    /// <summary>AF_PACKET, AF_NETLINK or AF_VSOCK.</summary>
    public int Family { get; } = family;

    /// <summary>The ethertype, netlink protocol or vsock cid to match; null for any.</summary>
    public uint? Value { get; } = value;

    /// <summary>The interface index, netlink pid or vsock port to match; -1 for any.</summary>
    public long Port { get; } = port;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket)
    {
        var family = SocketView.Family(socket);
        if (family != Family)
        {
            return false;
        }
        var local = End == SocketEnd.Local;
        if (Port != -1 && Port != (local ? SocketView.LocalPort(socket, family) : SocketView.RemotePort(socket, family)))
        {
            return false;
        }
        return Value is null || SocketView.FamilyValue(socket, family, local) == Value;
    }

    /// <inheritdoc/>
    public override byte[]? CompileInetBytecode() => InetBytecode.AlwaysFalse();

    /// <inheritdoc/>
    public override string ToString()
    {
        var prefix = Family switch
        {
            AddressFamilies.Packet => "link",
            AddressFamilies.Netlink => "netlink",
            _ => "vsock",
        };
        var value = Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*";
        var port = Port == -1 ? "*" : Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{(End == SocketEnd.Local ? "src" : "dst")} {prefix}:{value}:{port}";
    }
}

/// <summary><c>src unix:GLOB</c>/<c>dst unix:GLOB</c>: a case-insensitive fnmatch of the socket's name (an unnamed
/// socket reads as the empty name, as in ss).</summary>
/// <param name="end">The end tested.</param>
/// <param name="pattern">The fnmatch pattern.</param>
public sealed class UnixNameFilter(SocketEnd end, string pattern) : SocketFilter
{
    /// <summary>Whether the socket's own name (src) or its peer's (dst) is tested.</summary>
    public SocketEnd End { get; } = end;

    /// <summary>The fnmatch pattern, compared case-insensitively.</summary>
    public string Pattern { get; } = pattern;

    /// <inheritdoc/>
    public override bool Matches(SocketRecord socket)
    {
        if (SocketView.Family(socket) != AddressFamilies.Unix)
        {
            return false;
        }
        // ss reads the peer's name from a field its netlink path never fills: dst always sees "".
        var name = End == SocketEnd.Local ? SocketView.UnixName(socket) : null;
        return Glob.Matches(Pattern, name ?? "", ignoreCase: true);
    }

    /// <inheritdoc/>
    public override byte[]? CompileInetBytecode() => InetBytecode.AlwaysFalse();

    /// <inheritdoc/>
    public override string ToString() => $"{(End == SocketEnd.Local ? "src" : "dst")} unix:{Pattern}";
}
