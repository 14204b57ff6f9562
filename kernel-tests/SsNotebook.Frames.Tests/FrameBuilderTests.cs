using Microsoft.Data.Analysis;
using SsNotebook.Frames;
using SsNotebook.Processes;
using SsNotebook.Sockets;

namespace SsNotebook.Frames.Tests;

public sealed class FrameBuilderTests
{
    private static readonly SocketRecord[] Sockets = [SampleSockets.Listener(), SampleSockets.Connection(), SampleSockets.OldKernelUdp()];

    [Fact]
    public void SocketsFrameHasTypedColumnsInOrder()
    {
        var frame = SocketFrameBuilder.Build(Sockets, processes: null);

        Assert.Equal(
            ["Netid", "State", "RecvQ", "SendQ", "LocalAddress", "LocalPort", "PeerAddress", "PeerPort", "Interface", "Uid", "Inode", "Cookie"],
            frame.Columns.Select(c => c.Name));
        Assert.IsType<StringDataFrameColumn>(frame["Netid"]);
        Assert.IsType<UInt32DataFrameColumn>(frame["RecvQ"]);
        Assert.IsType<Int32DataFrameColumn>(frame["LocalPort"]);
        Assert.IsType<Int32DataFrameColumn>(frame["PeerPort"]);
        Assert.IsType<StringDataFrameColumn>(frame["Interface"]);
        Assert.IsType<UInt32DataFrameColumn>(frame["Inode"]);
        Assert.IsType<UInt64DataFrameColumn>(frame["Cookie"]);
        Assert.Equal(3, frame.Rows.Count);
    }

    [Fact]
    public void UnixSocketsShowTheirPathAndNoPorts()
    {
        var unix = new SocketRecord
        {
            Table = SocketTable.UnixStream,
            State = SocketState.Listen,
            Inode = 4242,
            Local = new UnixSocketDetails { Name = "/run/app.sock" },
        };

        var frame = SocketFrameBuilder.Build([unix], processes: null);

        Assert.Equal("/run/app.sock", frame["LocalAddress"][0]);
        Assert.Equal("*", frame["PeerAddress"][0]);
        Assert.Null(frame["LocalPort"][0]);
        Assert.Null(frame["PeerPort"][0]);
        Assert.Equal(4242u, frame["Inode"][0]);
    }

    [Fact]
    public void SocketsFrameValuesMatchTheRecords()
    {
        var frame = SocketFrameBuilder.Build(Sockets, processes: null);

        Assert.Equal(["tcp", "tcp", "udp"], Strings(frame["Netid"]));
        Assert.Equal(["LISTEN", "ESTAB", "UNCONN"], Strings(frame["State"]));
        Assert.Equal(["127.0.0.1", "::1", "0.0.0.0"], Strings(frame["LocalAddress"]));
        Assert.Equal(8080, frame["LocalPort"][0]);
        Assert.Equal(50000, frame["PeerPort"][1]);
        Assert.Equal(4096u, frame["SendQ"][0]);
        Assert.Equal(7u, frame["RecvQ"][1]);
        Assert.Equal(1000u, frame["Uid"][0]);
        Assert.Equal(777u, frame["Inode"][1]);
        Assert.Equal(0xdeadbeefcafeUL, frame["Cookie"][1]);
    }

    [Fact]
    public void TimersFrameListsSocketsWithAPendingTimer()
    {
        var frame = TimerFrameBuilder.Build(Sockets);

        Assert.Equal(["Cookie", "Timer", "ExpiresMs", "Retransmits"], frame.Columns.Select(c => c.Name));
        Assert.Equal(1, frame.Rows.Count);
        Assert.Equal(0xdeadbeefcafeUL, frame["Cookie"][0]);
        Assert.Equal("on", frame["Timer"][0]);
        Assert.Equal(204u, frame["ExpiresMs"][0]);
        Assert.Equal((byte)2, frame["Retransmits"][0]);
    }

    [Fact]
    public void TimersFromProcAreConvertedFromTicksToMilliseconds()
    {
        var socket = SampleSockets.Connection();
        socket.Present |= SocketAttributes.FromProc;
        socket.Expires = 25;

        var frame = TimerFrameBuilder.Build([socket]);

        Assert.Equal(250u, frame["ExpiresMs"][0]);
    }

    [Fact]
    public void MemoryFrameNamesColumnsAfterSkMeminfoAndLeavesUnsentEntriesNull()
    {
        var frame = MemoryFrameBuilder.Build(Sockets);

        Assert.Equal(
            ["Cookie", "rmem_alloc", "rcvbuf", "wmem_alloc", "sndbuf", "fwd_alloc", "wmem_queued", "optmem", "backlog", "drops"],
            frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal([0xdeadbeefcafeUL, 3UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal(131072u, frame["rcvbuf"][0]);
        Assert.Equal(87040u, frame["sndbuf"][0]);
        Assert.Equal(9u, frame["drops"][0]);
        Assert.Equal(80u, frame["backlog"][1]);
        Assert.Null(frame["drops"][1]);
        Assert.IsType<UInt32DataFrameColumn>(frame["rmem_alloc"]);
    }

    [Fact]
    public void TcpInfoFrameHasEveryFieldTheKernelSentInKernelUnits()
    {
        var frame = TcpInfoFrameBuilder.Build(Sockets);

        Assert.Equal(1, frame.Rows.Count);
        var names = frame.Columns.Select(c => c.Name).ToArray();
        Assert.Equal("Cookie", names[0]);
        Assert.Equal(TcpInfoField.All.Select(f => f.Name), names.Skip(1).Take(TcpInfoField.All.Count));
        Assert.Equal(["congestion", "bbr_bw", "bbr_min_rtt", "bbr_pacing_gain", "bbr_cwnd_gain"], names.Skip(1 + TcpInfoField.All.Count));
        Assert.Equal(1234u, frame["rtt"][0]);
        Assert.Equal(567u, frame["rttvar"][0]);
        Assert.Equal(10u, frame["snd_cwnd"][0]);
        Assert.Equal(5_000_000_000UL, frame["bytes_acked"][0]);
        Assert.Equal(987_654_321UL, frame["delivery_rate"][0]);
        Assert.Equal((ushort)3, frame["total_rto"][0]);
        Assert.Equal((byte)7, frame["snd_wscale"][0]);
        Assert.Equal((byte)9, frame["rcv_wscale"][0]);
        Assert.Equal("bbr", frame["congestion"][0]);
        Assert.Equal(0x1_0000_0010UL, frame["bbr_bw"][0]);
        Assert.Equal(739u, frame["bbr_pacing_gain"][0]);
        Assert.IsType<UInt64DataFrameColumn>(frame["bytes_acked"]);
        Assert.IsType<UInt16DataFrameColumn>(frame["accecn_opt_seen"]);
    }

    [Fact]
    public void TcpInfoFrameOmitsFieldsNoKernelSentAndNullsShorterOnes()
    {
        var longer = SampleSockets.Connection();
        var shorter = SampleSockets.Connection();
        shorter.Cookie = 5;
        var cut = shorter.TcpInfo;
        cut.Length = 232; // a 6.1 kernel stops after snd_wnd
        shorter.SetTcpInfo(cut);
        shorter.Present &= ~SocketAttributes.Bbr;

        var both = TcpInfoFrameBuilder.Build([longer, shorter]);
        var onlyShort = TcpInfoFrameBuilder.Build([shorter]);

        Assert.Equal(1234u, both["rtt"][1]);
        Assert.Null(both["rcv_wnd"][1]);
        Assert.Equal(0u, both["rcv_wnd"][0]);
        Assert.Null(both["bbr_bw"][1]);
        Assert.Contains("snd_wnd", onlyShort.Columns.Select(c => c.Name));
        Assert.DoesNotContain("rcv_wnd", onlyShort.Columns.Select(c => c.Name));
        Assert.DoesNotContain("bbr_bw", onlyShort.Columns.Select(c => c.Name));
    }

    [Fact]
    public void FramesOfNoSocketsAreEmptyButKeepTheirColumns()
    {
        Assert.Equal(0, SocketFrameBuilder.Build([], null).Rows.Count);
        Assert.Equal("Cookie", TimerFrameBuilder.Build([]).Columns[0].Name);
        Assert.Equal(10, MemoryFrameBuilder.Build([]).Columns.Count);
        var tcpInfo = TcpInfoFrameBuilder.Build([]);
        Assert.Equal(["Cookie", .. TcpInfoField.All.Select(f => f.Name), "congestion"], tcpInfo.Columns.Select(c => c.Name));
        Assert.IsType<UInt32DataFrameColumn>(tcpInfo["rtt"]);
        Assert.Equal(0, tcpInfo["rtt"].Length);
    }

    [Fact]
    public void TcpInfoFieldColumnsHoldEveryRowExactly()
    {
        var first = SampleSockets.Connection();
        var second = SampleSockets.Connection();
        second.Cookie = 77;
        var info = second.TcpInfo;
        info.Rtt = 4321;
        info.SndCwnd = 44;
        info.BytesAcked = ulong.MaxValue;
        info.WscaleBits = 0xe1; // rcv_wscale 14, snd_wscale 1
        info.AppLimitedBits = 0b101; // delivery_rate_app_limited 1, fastopen_client_fail 2
        second.SetTcpInfo(info);

        var frame = TcpInfoFrameBuilder.Build([first, SampleSockets.Listener(), second]);

        Assert.Equal([0xdeadbeefcafeUL, 77UL], frame["Cookie"].Cast<ulong>());
        Assert.Equal([1234u, 4321u], ((UInt32DataFrameColumn)frame["rtt"]).Cast<uint>());
        Assert.Equal([10u, 44u], ((UInt32DataFrameColumn)frame["snd_cwnd"]).Cast<uint>());
        Assert.Equal([5_000_000_000UL, ulong.MaxValue], ((UInt64DataFrameColumn)frame["bytes_acked"]).Cast<ulong>());
        Assert.Equal([(byte)7, (byte)1], ((ByteDataFrameColumn)frame["snd_wscale"]).Cast<byte>());
        Assert.Equal([(byte)9, (byte)14], ((ByteDataFrameColumn)frame["rcv_wscale"]).Cast<byte>());
        Assert.Equal([(byte)0, (byte)1], ((ByteDataFrameColumn)frame["delivery_rate_app_limited"]).Cast<byte>());
        Assert.Equal([(byte)0, (byte)2], ((ByteDataFrameColumn)frame["fastopen_client_fail"]).Cast<byte>());
        Assert.Equal(0, frame["rtt"].NullCount);
    }

    [Fact]
    public void ShorterTcpInfoLeavesExactlyTheMissingFieldsNull()
    {
        var shorter = SampleSockets.Connection();
        var cut = shorter.TcpInfo;
        cut.Length = 232;
        shorter.SetTcpInfo(cut);

        var frame = TcpInfoFrameBuilder.Build([shorter, SampleSockets.Connection(), shorter]);

        Assert.Equal(2, frame["rcv_wnd"].NullCount);
        Assert.Equal(2, frame["accecn_opt_seen"].NullCount);
        Assert.Equal(0, frame["snd_wnd"].NullCount);
        Assert.Equal([null, 0u, null], frame["rcv_wnd"].Cast<uint?>());
    }

    [Fact]
    public void SocketsFrameNamesTheProcessesHoldingEachSocket()
    {
        var processes = ProcessTable.FromHolders(
        [
            (777u, new SocketUser("sshd", 10, 3)),
            (777u, new SocketUser("sshd", 11, 4)),
            (777u, new SocketUser("bash", 12, 5)),
            (4242u, new SocketUser("nginx", 20, 6)),
        ]);

        var frame = SocketFrameBuilder.Build(Sockets, processes);

        Assert.Equal(["Process", "Pid"], frame.Columns.Skip(12).Select(c => c.Name));
        Assert.Equal(["nginx", "sshd,bash", "<null>"], Strings(frame["Process"]));
        Assert.Equal([20, 10, null], frame["Pid"].Cast<int?>());
        Assert.IsType<Int32DataFrameColumn>(frame["Pid"]);
    }

    [Fact]
    public void SocketsFrameShowsTheContextsOfThePidsHolderWhenTheyWereRead()
    {
        (uint, SocketUser)[] holders =
        [
            (777u, new SocketUser("sshd", 10, 3, 0, "system_u:system_r:sshd_t:s0", "system_u:system_r:sshd_t:s0:sock")),
            (777u, new SocketUser("bash", 12, 5, 0, "unconfined_u:unconfined_r:unconfined_t:s0")),
            (4242u, new SocketUser("nginx", 20, 6)),
        ];

        var frame = SocketFrameBuilder.Build(Sockets, ProcessTable.FromHolders(holders, processContexts: true, socketContexts: true));

        Assert.Equal(["Process", "Pid", "ProcessContext", "SocketContext"], frame.Columns.Skip(12).Select(c => c.Name));
        Assert.Equal(["unavailable", "system_u:system_r:sshd_t:s0", "<null>"], Strings(frame["ProcessContext"]));
        Assert.Equal(["unavailable", "system_u:system_r:sshd_t:s0:sock", "<null>"], Strings(frame["SocketContext"]));
        Assert.Equal(["Process", "Pid", "ProcessContext"],
            SocketFrameBuilder.Build(Sockets, ProcessTable.FromHolders(holders, processContexts: true)).Columns.Skip(12).Select(c => c.Name));
        Assert.Equal(["Process", "Pid"], SocketFrameBuilder.Build(Sockets, ProcessTable.FromHolders(holders)).Columns.Skip(12).Select(c => c.Name));
        Assert.Equal(["Process", "Pid", "ProcessContext", "SocketContext", "rtt"],
            TableFrameBuilder.Build(Sockets, ProcessTable.FromHolders(holders, processContexts: true, socketContexts: true)).Columns.Skip(6).Take(5).Select(c => c.Name));
    }

    [Fact]
    public void SocketsFrameFormatsEachAddressAsInetAddressDoes()
    {
        var v4 = SampleSockets.Listener();
        var v6 = SampleSockets.Connection();
        var again = SampleSockets.Listener();
        again.LocalAddress = InetAddress.FromIPAddress(System.Net.IPAddress.Parse("fe80::1:2"));

        var frame = SocketFrameBuilder.Build([v4, v6, again], processes: null);

        Assert.Equal(["127.0.0.1", "::1", "fe80::1:2"], Strings(frame["LocalAddress"]));
        Assert.Equal(["0.0.0.0", "::1", "0.0.0.0"], Strings(frame["PeerAddress"]));
    }

    [Fact]
    public void ColumnBuffersGiveTypedColumnsWithNullsThatStayEditable()
    {
        var buffer = new FrameColumnBuilder<uint>(10);
        buffer.Set(0, 5u);
        buffer.Set(9, 7u);
        buffer.Set(4, (uint?)null);

        var column = Assert.IsType<UInt32DataFrameColumn>(buffer.ToColumn("x"));

        Assert.Equal(10, column.Length);
        Assert.Equal(8, column.NullCount);
        Assert.Equal(5u, column[0]);
        Assert.Null(column[4]);
        Assert.Equal(7u, column[9]);
        column[4] = 3;
        column.Append(11);
        Assert.Equal(7, column.NullCount);
        Assert.Equal(26u, column.Sum());
        Assert.IsType<PrimitiveDataFrameColumn<DateTime>>(new FrameColumnBuilder<DateTime>(0).ToColumn("t"));
        Assert.IsType<DoubleDataFrameColumn>(new FrameColumnBuilder<double>(1).ToColumn("d"));
    }

    [Fact]
    public void StringColumnsKeepTheirNullsAndStayEditable()
    {
        var column = StringColumns.Of("s", ["a", null, "b", null, null]);

        Assert.Equal((5L, 3L), (column.Length, column.NullCount));
        Assert.Equal(new[] { "a", null, "b", null, null }, column.ToList());
        column[1] = "c";
        column.Append("d");
        Assert.Equal((6L, 2L), (column.Length, column.NullCount));
        Assert.Equal((0L, 0L), (StringColumns.Of("e", []).Length, StringColumns.Of("e", []).NullCount));
    }

    private static string[] Strings(DataFrameColumn column) => column.Cast<string?>().Select(s => s ?? "<null>").ToArray();
}
