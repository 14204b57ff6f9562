namespace SsNotebook.Recording;

/// <summary>
/// Stores a socket read from /proc/net text (which has no netlink reply to keep) field by field: the header fields,
/// then the /proc-only columns of <see cref="ProcSocketDetails"/>.
/// </summary>
internal static class ProcRecordCodec
{
    public static void Write(ChunkWriter writer, SocketRecord record)
    {
        writer.U8((byte)record.Table);
        writer.U8(record.Family);
        writer.U8((byte)record.State);
        writer.U8(record.Timer);
        writer.U8(record.Retransmits);
        WriteAddress(writer, record.LocalAddress);
        writer.U16(record.LocalPort);
        WriteAddress(writer, record.PeerAddress);
        writer.U16(record.PeerPort);
        writer.U32(record.InterfaceIndex);
        writer.U64(record.Cookie);
        writer.U32(record.Expires);
        writer.U32(record.RecvQ);
        writer.U32(record.SendQ);
        writer.U32(record.Uid);
        writer.U32(record.Inode);
        writer.U32((uint)record.Present);
        var proc = record.Proc ?? new ProcSocketDetails();
        writer.I32(proc.RefCount);
        writer.I32(proc.Rto);
        writer.I32(proc.Ato);
        writer.I32(proc.QuickAck);
        writer.U32(proc.Cwnd);
        writer.I32(proc.Ssthresh);
        writer.I32(proc.Probes);
        writer.String(proc.Options);
        writer.U8(record.Proc is null ? (byte)0 : (byte)1);
    }

    public static SocketRecord Read(ref ChunkReader reader)
    {
        var record = new SocketRecord
        {
            Table = ReadTable(ref reader),
            Family = reader.U8("proc record family"),
            State = (SocketState)reader.U8("proc record state"),
            Timer = reader.U8("proc record timer"),
            Retransmits = reader.U8("proc record retransmits"),
            LocalAddress = ReadAddress(ref reader),
            LocalPort = reader.U16("proc record local port"),
            PeerAddress = ReadAddress(ref reader),
            PeerPort = reader.U16("proc record peer port"),
            InterfaceIndex = reader.U32("proc record interface"),
            Cookie = reader.U64("proc record cookie"),
            Expires = reader.U32("proc record expiry"),
            RecvQ = reader.U32("proc record Recv-Q"),
            SendQ = reader.U32("proc record Send-Q"),
            Uid = reader.U32("proc record uid"),
            Inode = reader.U32("proc record inode"),
            Present = (SocketAttributes)reader.U32("proc record attributes"),
        };
        var proc = new ProcSocketDetails
        {
            RefCount = reader.I32("proc record refcount"),
            Rto = reader.I32("proc record rto"),
            Ato = reader.I32("proc record ato"),
            QuickAck = reader.I32("proc record quickack"),
            Cwnd = reader.U32("proc record cwnd"),
            Ssthresh = reader.I32("proc record ssthresh"),
            Probes = reader.I32("proc record probes"),
            Options = reader.String("proc record options"),
        };
        record.Proc = reader.U8("proc record details flag") != 0 ? proc : null;
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

    private static void WriteAddress(ChunkWriter writer, InetAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        address.WriteBytes(bytes);
        writer.U8(address.Family);
        writer.Bytes(bytes);
    }

    private static InetAddress ReadAddress(ref ChunkReader reader)
    {
        var family = reader.U8("address family");
        var bytes = reader.Take(16, "address");
        return family == 0 ? default : new InetAddress(family, bytes);
    }
}
