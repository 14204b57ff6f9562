namespace SsNotebook.Recording;

/// <summary>
/// Stores a socket read from /proc/net text (which has no netlink reply to keep) field by field: the header fields,
/// then the /proc-only columns of <see cref="ProcSocketDetails"/>.
/// </summary>
internal static class ProcRecordCodec
{
    /// <summary>What reading passes as the source: every value it is given is ignored.</summary>
    private static readonly SocketRecord Nothing = new();

    public static void Write(ChunkWriter writer, SocketRecord record)
    {
        var codec = new Writing(writer);
        Exchange(ref codec, record);
    }

    public static SocketRecord Read(ref ChunkReader reader)
    {
        var codec = new Reading(reader);
        var record = Exchange(ref codec, Nothing);
        // The codec read from a copy (a ref struct cannot be held by reference): move the caller's reader on.
        reader = codec.Reader;
        return record;
    }

    public static SocketTable ReadTable(ref ChunkReader reader)
    {
        var value = reader.U8("socket table");
        if (!Enum.IsDefined((SocketTable)value))
        {
            throw new RecordingException($"Corrupt recording: unknown socket table {value} at offset {reader.Offset - 1}");
        }
        return (SocketTable)value;
    }

    /// <summary>
    /// The chunk's only description: every field once, in stored order, with the name a truncation reports.
    /// Writing stores each value of <paramref name="source"/> and hands it back; reading ignores the value and
    /// returns the stored one. One list serves both directions, so what is written is what is read (object
    /// initializers assign in the order written, which is the stored order).
    /// </summary>
    private static SocketRecord Exchange<TCodec>(ref TCodec codec, SocketRecord source)
        where TCodec : IFieldCodec, allows ref struct
    {
        var record = new SocketRecord
        {
            Table = codec.Table(source.Table),
            Family = codec.Number(source.Family, "proc record family"),
            State = (SocketState)codec.Number((byte)source.State, "proc record state"),
            Timer = codec.Number(source.Timer, "proc record timer"),
            Retransmits = codec.Number(source.Retransmits, "proc record retransmits"),
            LocalAddress = codec.Address(source.LocalAddress),
            LocalPort = codec.Number(source.LocalPort, "proc record local port"),
            PeerAddress = codec.Address(source.PeerAddress),
            PeerPort = codec.Number(source.PeerPort, "proc record peer port"),
            InterfaceIndex = codec.Number(source.InterfaceIndex, "proc record interface"),
            Cookie = codec.Number(source.Cookie, "proc record cookie"),
            Expires = codec.Number(source.Expires, "proc record expiry"),
            RecvQ = codec.Number(source.RecvQ, "proc record Recv-Q"),
            SendQ = codec.Number(source.SendQ, "proc record Send-Q"),
            Uid = codec.Number(source.Uid, "proc record uid"),
            Inode = codec.Number(source.Inode, "proc record inode"),
            Present = (SocketAttributes)codec.Number((uint)source.Present, "proc record attributes"),
            // A record without /proc columns stores zeros and empty options in their place.
            Proc = new ProcSocketDetails
            {
                RefCount = codec.Number(source.Proc?.RefCount ?? 0, "proc record refcount"),
                Rto = codec.Number(source.Proc?.Rto ?? 0, "proc record rto"),
                Ato = codec.Number(source.Proc?.Ato ?? 0, "proc record ato"),
                QuickAck = codec.Number(source.Proc?.QuickAck ?? 0, "proc record quickack"),
                Cwnd = codec.Number(source.Proc?.Cwnd ?? 0, "proc record cwnd"),
                Ssthresh = codec.Number(source.Proc?.Ssthresh ?? 0, "proc record ssthresh"),
                Probes = codec.Number(source.Proc?.Probes ?? 0, "proc record probes"),
                Options = codec.String(source.Proc?.Options ?? "", "proc record options"),
            },
        };
        // The columns are stored even when absent (as zeros), so the flag that says so comes after them.
        if (codec.Number(source.Proc is null ? (byte)0 : (byte)1, "proc record details flag") == 0)
        {
            record.Proc = null;
        }
        return record;
    }

    /// <summary>One direction of <see cref="Exchange"/>: each call stores or loads one field and returns its value.</summary>
    private interface IFieldCodec
    {
        /// <summary>An integer in as many little-endian bytes as its type has (the field's C# type is its width).</summary>
        T Number<T>(T value, string what) where T : unmanaged, System.Numerics.IBinaryInteger<T>;

        /// <summary>A 32-bit byte count, then UTF-8.</summary>
        string String(string value, string what);

        /// <summary>A family byte, then 16 address bytes (zero-padded for IPv4).</summary>
        InetAddress Address(InetAddress value);

        /// <summary>One byte, which reading checks names a table.</summary>
        SocketTable Table(SocketTable value);
    }

    private readonly struct Writing(ChunkWriter writer) : IFieldCodec
    {
        public T Number<T>(T value, string what) where T : unmanaged, System.Numerics.IBinaryInteger<T>
        {
            Span<byte> bytes = stackalloc byte[sizeof(ulong)];
            writer.Bytes(bytes[..value.WriteLittleEndian(bytes)]);
            return value;
        }

        public string String(string value, string what)
        {
            writer.String(value);
            return value;
        }

        public InetAddress Address(InetAddress value)
        {
            Span<byte> bytes = stackalloc byte[16];
            bytes.Clear();
            value.WriteBytes(bytes);
            writer.U8(value.Family);
            writer.Bytes(bytes);
            return value;
        }

        public SocketTable Table(SocketTable value)
        {
            writer.U8((byte)value);
            return value;
        }
    }

    private ref struct Reading(ChunkReader reader) : IFieldCodec
    {
        public ChunkReader Reader = reader;

        // The bytes are exactly the type's width, so the sign only tells an unsigned type's high bit from overflow.
        public T Number<T>(T value, string what) where T : unmanaged, System.Numerics.IBinaryInteger<T> =>
            T.ReadLittleEndian(Reader.Take((uint)T.Zero.GetByteCount(), what), isUnsigned: !T.IsNegative(T.AllBitsSet));

        public string String(string value, string what) => Reader.String(what);

        public InetAddress Address(InetAddress value)
        {
            var family = Reader.U8("address family");
            var bytes = Reader.Take(16, "address");
            return family == 0 ? default : new InetAddress(family, bytes);
        }

        public SocketTable Table(SocketTable value) => ReadTable(ref Reader);
    }
}
