namespace SsNotebook.Diag;

/// <summary>
/// Parses lines of /proc/net/{tcp,udp,raw}[6] the way ss reads them (tcp_show_line, dgram_show_line): the
/// addresses are hex words in host order, the state is the second hex digit column, times are in jiffies.
/// </summary>
internal static class ProcNetParser
{
    /// <summary>How one line was handled.</summary>
    public enum LineResult
    {
        /// <summary>The record was filled.</summary>
        Parsed,

        /// <summary>The socket's state is not in the mask; the record is untouched.</summary>
        StateExcluded,

        /// <summary>The line does not have the address columns; ss stops reading the file there.</summary>
        Malformed,
    }

    /// <summary>Parses one data line (not the header) of /proc/net/tcp or tcp6.</summary>
    public static LineResult ParseTcpLine(ReadOnlySpan<char> line, byte family, StateSet states, SocketRecord into) =>
        ParseLine(line, family, states, SocketTable.Tcp, isTcp: true, into);

    /// <summary>Parses one data line of /proc/net/udp, udp6, raw or raw6.</summary>
    public static LineResult ParseDatagramLine(ReadOnlySpan<char> line, byte family, StateSet states, SocketTable table, SocketRecord into) =>
        ParseLine(line, family, states, table, isTcp: false, into);

    private static LineResult ParseLine(ReadOnlySpan<char> line, byte family, StateSet states, SocketTable table, bool isTcp, SocketRecord into)
    {
        if (!Split(line, out var local, out var localPort, out var remote, out var remotePort, out var data) || data.Length < 2)
        {
            return LineResult.Malformed;
        }
        var state = HexDigit(data[1]);
        if (state < 0 || !states.Contains((SocketState)state))
        {
            return LineResult.StateExcluded;
        }
        into.Table = table;
        into.Family = family;
        into.LocalAddress = ParseAddress(local, family);
        into.PeerAddress = ParseAddress(remote, family);
        into.LocalPort = (ushort)ParseHexPrefix(localPort);
        into.PeerPort = (ushort)ParseHexPrefix(remotePort);
        into.Present = SocketAttributes.FromProc;
        if (isTcp)
        {
            FillTcp(data, into);
        }
        else
        {
            FillDatagram(data, into);
        }
        return LineResult.Parsed;
    }

    // "%x %x:%x %x:%x %x %d %d %u %d %llx %d %d %d %u %d %[^\n]": st tx:rx tr:when retrnsmt uid timeout inode
    // ref sk rto ato qack cwnd ssthresh opt.
    private static void FillTcp(ReadOnlySpan<char> data, SocketRecord into)
    {
        var scan = new ProcLineScanner(data);
        long state = 0, sendQ = 0, recvQ = 0, timer = 0, timeout = 0, retrans = 0, uid = 0, probes = 0, inode = 0, refCount = 0, sk = 0;
        var ok = scan.Hex(out state) && scan.Hex(out sendQ) && scan.Colon() && scan.Hex(out recvQ)
            && scan.Hex(out timer) && scan.Colon() && scan.Hex(out timeout) && scan.Hex(out retrans)
            && scan.Decimal(out uid) && scan.Decimal(out probes) && scan.Decimal(out inode)
            && scan.Decimal(out refCount) && scan.Hex(out sk);
        long rto = 0, ato = 0, quickAck = 0, cwnd = 0, ssthresh = 0;
        var full = ok && scan.Decimal(out rto) && scan.Decimal(out ato) && scan.Decimal(out quickAck)
            && scan.Decimal(out cwnd) && scan.Decimal(out ssthresh);
        var fields = scan.Count;
        var options = full ? scan.Rest() : "";
        if (fields < 12)
        {
            // The short line of old kernels: ss assumes an initial window and no ssthresh.
            rto = 0;
            ato = 0;
            quickAck = 0;
            cwnd = 2;
            ssthresh = -1;
        }
        into.State = (SocketState)state;
        into.SendQ = (uint)sendQ;
        into.RecvQ = (uint)recvQ;
        into.Timer = (byte)timer;
        into.Expires = (uint)timeout;
        // ss shows the probe count unless the retransmit timer runs.
        into.Retransmits = (byte)(timer != 1 ? probes : retrans);
        into.Uid = (uint)uid;
        into.Inode = (uint)inode;
        into.Cookie = (ulong)sk;
        into.Proc = new ProcSocketDetails
        {
            RefCount = (int)refCount,
            Rto = (int)rto,
            Ato = (int)ato,
            QuickAck = (int)quickAck,
            Cwnd = (uint)cwnd,
            Ssthresh = (int)ssthresh,
            Probes = (int)probes,
            Options = options,
        };
    }

    // "%x %x:%x %*x:%*x %*x %d %*d %u %d %llx %[^\n]": st tx:rx (tr:when) (retrnsmt) uid (timeout) inode ref sk opt.
    private static void FillDatagram(ReadOnlySpan<char> data, SocketRecord into)
    {
        var scan = new ProcLineScanner(data);
        long state = 0, sendQ = 0, recvQ = 0, uid = 0, inode = 0, refCount = 0, sk = 0;
        var ok = scan.Hex(out state) && scan.Hex(out sendQ) && scan.Colon() && scan.Hex(out recvQ)
            && scan.Hex(out _) && scan.Colon() && scan.Hex(out _) && scan.Hex(out _)
            && scan.Decimal(out uid) && scan.Decimal(out _) && scan.Decimal(out inode)
            && scan.Decimal(out refCount) && scan.Hex(out sk);
        into.State = (SocketState)state;
        into.SendQ = (uint)sendQ;
        into.RecvQ = (uint)recvQ;
        into.Uid = (uint)uid;
        into.Inode = (uint)inode;
        into.Cookie = (ulong)sk;
        into.Proc = new ProcSocketDetails { RefCount = (int)refCount, Options = ok ? scan.Rest() : "" };
    }

    /// <summary>Finds the columns as ss's proc_inet_split_line does: "sl: LOCAL:PORT REMOTE:PORT DATA".</summary>
    private static bool Split(ReadOnlySpan<char> line, out ReadOnlySpan<char> local, out ReadOnlySpan<char> localPort,
        out ReadOnlySpan<char> remote, out ReadOnlySpan<char> remotePort, out ReadOnlySpan<char> data)
    {
        local = localPort = remote = remotePort = data = default;
        var colon = line.IndexOf(':');
        if (colon < 0 || colon + 2 > line.Length)
        {
            return false;
        }
        var rest = line[(colon + 2)..];
        colon = rest.IndexOf(':');
        if (colon < 0 || colon + 6 > rest.Length)
        {
            return false;
        }
        local = rest[..colon];
        localPort = rest.Slice(colon + 1, 4);
        rest = rest[(colon + 6)..];
        colon = rest.IndexOf(':');
        if (colon < 0 || colon + 6 > rest.Length)
        {
            return false;
        }
        remote = rest[..colon];
        remotePort = rest.Slice(colon + 1, 4);
        data = rest[(colon + 6)..];
        return true;
    }

    /// <summary>The address columns are u32 words printed in host order (%08X), so each word is stored little-endian.</summary>
    private static InetAddress ParseAddress(ReadOnlySpan<char> hex, byte family)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        var words = family == AddressFamilies.Inet ? 1 : 4;
        for (var i = 0; i < words; i++)
        {
            var start = i * 8;
            var word = start >= hex.Length ? default : hex.Slice(start, Math.Min(8, hex.Length - start));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[(i * 4)..], (uint)ParseHexPrefix(word));
        }
        return new InetAddress(family, bytes);
    }

    private static long ParseHexPrefix(ReadOnlySpan<char> text)
    {
        long value = 0;
        foreach (var c in text)
        {
            var digit = HexDigit(c);
            if (digit < 0)
            {
                break;
            }
            value = (value << 4) | (uint)digit;
        }
        return value;
    }

    internal static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>A tiny sscanf: whitespace-separated hex/decimal numbers and literal colons, counting conversions.</summary>
    private ref struct ProcLineScanner(ReadOnlySpan<char> text)
    {
        private ReadOnlySpan<char> _rest = text;

        public int Count { get; private set; }

        public bool Hex(out long value) => Number(16, out value);

        public bool Decimal(out long value) => Number(10, out value);

        public bool Colon()
        {
            if (_rest.Length > 0 && _rest[0] == ':')
            {
                _rest = _rest[1..];
                return true;
            }
            return false;
        }

        /// <summary>The rest of the line after whitespace, as %[^\n] takes it.</summary>
        public string Rest()
        {
            var rest = _rest.TrimStart();
            return rest.IsEmpty ? "" : rest.ToString();
        }

        private bool Number(int radix, out long value)
        {
            value = 0;
            _rest = _rest.TrimStart();
            var negative = radix == 10 && _rest.Length > 0 && _rest[0] == '-';
            var digits = negative ? _rest[1..] : _rest;
            var length = 0;
            while (length < digits.Length && (radix == 16 ? HexDigit(digits[length]) >= 0 : char.IsAsciiDigit(digits[length])))
            {
                length++;
            }
            if (length == 0)
            {
                return false;
            }
            var style = radix == 16 ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
            if (!ulong.TryParse(digits[..length], style, CultureInfo.InvariantCulture, out var parsed))
            {
                parsed = ulong.MaxValue;
            }
            value = negative ? -(long)parsed : (long)parsed;
            _rest = digits[length..];
            Count++;
            return true;
        }
    }
}
