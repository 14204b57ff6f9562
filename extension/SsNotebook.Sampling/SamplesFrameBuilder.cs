using Microsoft.Data.Analysis;
using SsNotebook.Frames;
using SsNotebook.Processes;
using SsNotebook.Sockets;

namespace SsNotebook.Sampling;

/// <summary>
/// Builds the <c>Samples</c> frame: one row per socket per sample, in sample order then ss's order. Columns:
/// Sample, Timestamp (UTC, the same on every row of a sample), Cookie, Netid, State, LocalAddress, LocalPort,
/// PeerAddress, PeerPort, Socket (<see cref="SocketLabels"/>), Process and Pid with -p, RecvQ, SendQ, Timer,
/// ExpiresMs, Retransmits; the skmem fields (named as in the Memory frame) when any socket has them; every
/// tcp_info field (named as in <see cref="TcpInfoField"/>) and congestion when any socket has tcp_info, followed
/// by the <see cref="SampleRates"/> columns.
/// </summary>
public static class SamplesFrameBuilder
{
    private const uint ProcTicksPerSecond = 100;

    private static readonly string[] MemoryNames =
        ["rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog", "drops"];

    public static DataFrame Build(IReadOnlyList<Sample> samples, bool withProcesses)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var rows = new List<Row>();
        var longest = 0;
        var present = SocketAttributes.None;
        var identities = new Dictionary<ulong, SocketIdentity>();
        var previous = new Dictionary<ulong, SocketRecord>();
        var current = new Dictionary<ulong, SocketRecord>();
        DateTimeOffset? previousTime = null;
        foreach (var sample in samples)
        {
            var seconds = previousTime is { } before ? (sample.Timestamp - before).TotalSeconds : 0;
            current.Clear();
            foreach (var socket in sample.Sockets)
            {
                rows.Add(new Row(sample, socket, SocketIdentity.Cached(identities, socket), previous.GetValueOrDefault(socket.Cookie), seconds));
                current[socket.Cookie] = socket;
                present |= socket.Present;
                if (socket.Has(SocketAttributes.TcpInfo))
                {
                    longest = Math.Max(longest, socket.TcpInfo.Length);
                }
            }
            (previous, current) = (current, previous);
            previousTime = sample.Timestamp;
        }

        var frame = IdentityColumns(rows, withProcesses);
        if ((present & SocketAttributes.SkMemInfo) != 0)
        {
            AddMemory(frame, rows);
        }
        if ((present & SocketAttributes.TcpInfo) != 0)
        {
            AddTcpInfo(frame, rows, longest);
        }
        return frame;
    }

    private static DataFrame IdentityColumns(List<Row> rows, bool withProcesses)
    {
        var count = rows.Count;
        var index = new Int32DataFrameColumn("Sample", count);
        var timestamp = new PrimitiveDataFrameColumn<DateTime>("Timestamp", count);
        var cookie = new UInt64DataFrameColumn("Cookie", count);
        var netid = new StringDataFrameColumn("Netid", count);
        var state = new StringDataFrameColumn("State", count);
        var localAddress = new StringDataFrameColumn("LocalAddress", count);
        var localPort = new UInt16DataFrameColumn("LocalPort", count);
        var peerAddress = new StringDataFrameColumn("PeerAddress", count);
        var peerPort = new UInt16DataFrameColumn("PeerPort", count);
        var label = new StringDataFrameColumn("Socket", count);
        var process = withProcesses ? new StringDataFrameColumn("Process", count) : null;
        var pid = withProcesses ? new Int32DataFrameColumn("Pid", count) : null;
        var recvQ = new UInt32DataFrameColumn("RecvQ", count);
        var sendQ = new UInt32DataFrameColumn("SendQ", count);
        var timer = new StringDataFrameColumn("Timer", count);
        var expires = new UInt32DataFrameColumn("ExpiresMs", count);
        var retransmits = new ByteDataFrameColumn("Retransmits", count);
        for (var i = 0; i < count; i++)
        {
            var (sample, socket, identity, _, _) = rows[i];
            index[i] = sample.Index;
            timestamp[i] = sample.Timestamp.UtcDateTime;
            cookie[i] = socket.Cookie;
            netid[i] = SocketNames.Netid(socket.Table);
            state[i] = SocketNames.State(socket.State);
            localAddress[i] = identity.LocalAddress;
            localPort[i] = socket.LocalPort;
            peerAddress[i] = identity.PeerAddress;
            peerPort[i] = socket.PeerPort;
            label[i] = identity.Label;
            recvQ[i] = socket.RecvQ;
            sendQ[i] = socket.SendQ;
            var hasTimer = socket.Timer != 0;
            timer[i] = hasTimer ? SocketNames.Timer(socket.Timer) : null;
            expires[i] = !hasTimer ? null
                : socket.Has(SocketAttributes.FromProc) ? socket.Expires * (1000 / ProcTicksPerSecond) : socket.Expires;
            retransmits[i] = socket.Retransmits;
            if (process is not null)
            {
                var users = sample.Processes is { } table ? table.UsersOf(socket.Inode) : [];
                process[i] = users.IsEmpty ? null : CommandsOf(users);
                pid![i] = users.IsEmpty ? null : users[0].Pid;
            }
        }
        var frame = new DataFrame(index, timestamp, cookie, netid, state, localAddress, localPort, peerAddress, peerPort, label);
        if (process is not null)
        {
            frame.Columns.Add(process);
            frame.Columns.Add(pid);
        }
        frame.Columns.Add(recvQ);
        frame.Columns.Add(sendQ);
        frame.Columns.Add(timer);
        frame.Columns.Add(expires);
        frame.Columns.Add(retransmits);
        return frame;
    }

    private static void AddMemory(DataFrame frame, List<Row> rows)
    {
        for (var field = 0; field < MemoryNames.Length; field++)
        {
            var column = new UInt32DataFrameColumn(MemoryNames[field], rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var socket = rows[i].Socket;
                column[i] = socket.Has(SocketAttributes.SkMemInfo) && field < socket.SkMemInfo.Count
                    ? MemoryValue(socket.SkMemInfo, field)
                    : null;
            }
            frame.Columns.Add(column);
        }
    }

    private static uint MemoryValue(SkMemInfo memory, int field) => field switch
    {
        0 => memory.RmemAlloc,
        1 => memory.Rcvbuf,
        2 => memory.WmemAlloc,
        3 => memory.Sndbuf,
        4 => memory.FwdAlloc,
        5 => memory.WmemQueued,
        6 => memory.Optmem,
        7 => memory.Backlog,
        _ => memory.Drops,
    };

    private static void AddTcpInfo(DataFrame frame, List<Row> rows, int longest)
    {
        foreach (var field in TcpInfoField.All)
        {
            if (field.Offset + field.Size <= longest)
            {
                frame.Columns.Add(FieldColumn(field, rows));
            }
        }
        var congestion = new StringDataFrameColumn("congestion", rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            congestion[i] = rows[i].Socket.Congestion;
        }
        frame.Columns.Add(congestion);
        for (var rate = 0; rate < SampleRates.All.Count; rate++)
        {
            var column = new DoubleDataFrameColumn(SampleRates.All[rate].Column, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                column[i] = SampleRates.Rate(row.Previous, row.Socket, row.Seconds, rate);
            }
            frame.Columns.Add(column);
        }
    }

    private static DataFrameColumn FieldColumn(TcpInfoField field, List<Row> rows)
    {
        ulong? ValueOf(Row row) =>
            row.Socket.Has(SocketAttributes.TcpInfo) && field.IsPresentIn(row.Socket.TcpInfo) ? field.ValueOf(row.Socket.TcpInfo) : null;

        return field.Kind switch
        {
            TcpInfoFieldKind.Byte => new ByteDataFrameColumn(field.Name, rows.Select(r => (byte?)ValueOf(r))),
            TcpInfoFieldKind.Bits when field.BitCount <= 8 => new ByteDataFrameColumn(field.Name, rows.Select(r => (byte?)ValueOf(r))),
            TcpInfoFieldKind.Bits => new UInt32DataFrameColumn(field.Name, rows.Select(r => (uint?)ValueOf(r))),
            TcpInfoFieldKind.UInt16 => new UInt16DataFrameColumn(field.Name, rows.Select(r => (ushort?)ValueOf(r))),
            TcpInfoFieldKind.UInt32 => new UInt32DataFrameColumn(field.Name, rows.Select(r => (uint?)ValueOf(r))),
            _ => new UInt64DataFrameColumn(field.Name, rows.Select(ValueOf)),
        };
    }

    private static string CommandsOf(ReadOnlySpan<SocketUser> users)
    {
        var names = new List<string>(users.Length);
        foreach (var user in users)
        {
            if (!names.Contains(user.Command))
            {
                names.Add(user.Command);
            }
        }
        return string.Join(",", names);
    }

    private readonly record struct Row(Sample Sample, SocketRecord Socket, SocketIdentity Identity, SocketRecord? Previous, double Seconds);
}
