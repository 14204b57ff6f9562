namespace SsNotebook.Diag;

/// <summary>
/// The /proc/net/unix, /proc/net/packet and /proc/net/netlink fallbacks of ss (unix_show, packet_show_line,
/// netlink_show), used when PROC_ROOT or PROC_NET_* is set or the sock_diag dump cannot be used.
/// </summary>
internal sealed class LocalProcNetSource(ProcNetSource files, SsQuery query)
{
    /// <summary>ss keeps at most 1 MiB of struct sockstat (624 bytes each) of sorted unix sockets before printing.</summary>
    private const int UnixBatch = 1024 * 1024 / 624;

    private const int UnixListeningFlag = 1 << 16;
    private const int SockDgram = 2;

    private static readonly SocketState[] UnixStates =
        [SocketState.Close, SocketState.SynSent, SocketState.Established, SocketState.Closing];

    public void ReadUnix(List<SocketRecord> into)
    {
        using var reader = Open("unix");
        if (reader?.ReadLine() is null)
        {
            return;
        }
        var batch = new List<(uint Type, SocketRecord Record)>();
        while (reader.ReadLine() is { } line)
        {
            var fields = new Fields(line);
            var num = (uint)fields.Hex();
            fields.Hex();
            fields.Hex();
            var flags = (int)fields.Hex();
            var type = (uint)fields.Hex();
            var state = (int)fields.Hex();
            var inode = (uint)fields.Decimal();
            var name = fields.Word();
            var socketState = (flags & UnixListeningFlag) != 0 ? SocketState.Listen
                : state > 0 && state <= UnixStates.Length ? UnixStates[state - 1]
                : (SocketState)state;
            // ss tests the first column (the socket's address, hashed by the kernel) as if it were a peer.
            if (type == SockDgram && socketState == SocketState.Close && num != 0)
            {
                socketState = SocketState.Established;
            }
            var table = UnixDiagParser.TableOf((byte)type);
            if ((UnixDiagParser.IsKnownType((byte)type) && !query.Tables.Contains(table)) || !query.States.Contains(socketState))
            {
                continue;
            }
            var record = new SocketRecord
            {
                Table = table,
                Family = AddressFamilies.Unix,
                State = socketState,
                Local = new UnixSocketDetails { Name = name },
            };
            // ss filters a record holding only the name: ports (inodes) read as 0 there.
            if (query.Filter is { } filter && !filter.Matches(record))
            {
                continue;
            }
            record.Inode = inode;
            Insert(batch, type, record);
            if (batch.Count > UnixBatch)
            {
                Flush(batch, into);
            }
        }
        Flush(batch, into);
    }

    public void ReadPacket(List<SocketRecord> into)
    {
        using var reader = Open("packet");
        if (reader?.ReadLine() is null)
        {
            return;
        }
        while (reader.ReadLine() is { } line)
        {
            var fields = new Fields(line);
            fields.Hex();
            fields.Decimal();
            var type = (int)fields.Decimal();
            var protocol = (ushort)fields.Hex();
            var iface = (uint)fields.Decimal();
            fields.Decimal();
            var recvQ = (uint)fields.Decimal();
            var uid = (uint)fields.Decimal();
            var inode = (uint)fields.Decimal();
            var table = type == 3 ? SocketTable.PacketRaw : SocketTable.PacketDgram;
            if ((type is 2 or 3) && !query.Tables.Contains(table))
            {
                continue;
            }
            var record = new SocketRecord
            {
                Table = table,
                Family = AddressFamilies.Packet,
                State = SocketState.Close,
                InterfaceIndex = iface,
                RecvQ = recvQ,
                Uid = uid,
                Inode = inode,
                Local = new PacketSocketDetails { Protocol = protocol },
            };
            if (query.Filter is null || query.Filter.Matches(record))
            {
                into.Add(record);
            }
        }
    }

    public void ReadNetlink(List<SocketRecord> into)
    {
        using var reader = Open("netlink");
        if (reader?.ReadLine() is null)
        {
            return;
        }
        while (reader.ReadLine() is { } line)
        {
            var fields = new Fields(line);
            var sk = fields.Hex();
            var protocol = (byte)fields.Decimal();
            var pid = (int)fields.Decimal();
            var groups = (uint)fields.Hex();
            var recvQ = (uint)fields.Decimal();
            var sendQ = (uint)fields.Decimal();
            var callback = fields.Hex();
            var record = new SocketRecord
            {
                Table = SocketTable.Netlink,
                Family = AddressFamilies.Netlink,
                State = SocketState.Close,
                RecvQ = recvQ,
                SendQ = sendQ,
                Local = new NetlinkSocketDetails { Protocol = protocol, PortId = pid, Groups = groups, ProcSk = sk, ProcCallback = callback },
            };
            if (query.Filter is null || query.Filter.Matches(record))
            {
                into.Add(record);
            }
        }
    }

    private StreamReader? Open(string name)
    {
        try
        {
            return new StreamReader(files.PathOf(name));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>ss's sorted insert: by type, then inode, after any equal entry.</summary>
    private static void Insert(List<(uint Type, SocketRecord Record)> batch, uint type, SocketRecord record)
    {
        var index = batch.Count;
        while (index > 0 && (type < batch[index - 1].Type || (type == batch[index - 1].Type && record.Inode < batch[index - 1].Record.Inode)))
        {
            index--;
        }
        batch.Insert(index, (type, record));
    }

    private static void Flush(List<(uint Type, SocketRecord Record)> batch, List<SocketRecord> into)
    {
        foreach (var (_, record) in batch)
        {
            into.Add(record);
        }
        batch.Clear();
    }

    /// <summary>A sscanf-like reader of whitespace-separated fields: a field that does not parse reads as 0.</summary>
    private ref struct Fields(string line)
    {
        private ReadOnlySpan<char> _rest = line;

        public ulong Hex()
        {
            var word = Next();
            var length = 0;
            while (length < word.Length && char.IsAsciiHexDigit(word[length]))
            {
                length++;
            }
            return ulong.TryParse(word[..length], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }

        public long Decimal()
        {
            var word = Next();
            var length = word.Length > 0 && word[0] is '-' or '+' ? 1 : 0;
            while (length < word.Length && char.IsAsciiDigit(word[length]))
            {
                length++;
            }
            return long.TryParse(word[..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }

        public string? Word()
        {
            var word = Next();
            return word.IsEmpty ? null : word.ToString();
        }

        private ReadOnlySpan<char> Next()
        {
            _rest = _rest.TrimStart();
            var end = _rest.IndexOfAny(' ', '\t');
            var word = end < 0 ? _rest : _rest[..end];
            _rest = end < 0 ? default : _rest[end..];
            return word;
        }
    }
}
