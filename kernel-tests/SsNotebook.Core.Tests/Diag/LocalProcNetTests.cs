using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

/// <summary>The /proc/net fallbacks of the unix, packet and netlink tables, read from PROC_NET_* files.</summary>
public sealed class LocalProcNetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ssn-procnet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private List<SocketRecord> Collect(string name, string content, TableSet tables, StateSet states)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        var environment = new SsEnvironment
        {
            ProcNetOverrides = new Dictionary<string, string> { [name.ToUpperInvariant()] = path },
        };
        return new SocketCollector(environment).Collect(new SsQuery
        {
            Tables = tables,
            States = states,
            Families = (1UL << 1) | (1UL << 16) | (1UL << 17),
        }).Sockets.ToList();
    }

    [Fact]
    public void UnixSocketsAreSortedByTypeThenInodeAndStatesMapped()
    {
        const string content =
            "Num       RefCount Protocol Flags    Type St Inode Path\n" +
            "0000000000000000: 00000002 00000000 00010000 0001 01 300 /run/b.sock\n" +
            "0000000000000000: 00000002 00000000 00000000 0002 01 100 @dg\n" +
            "00000000a0000001: 00000002 00000000 00000000 0002 01 50\n" +
            "0000000000000000: 00000003 00000000 00000000 0001 03 200\n" +
            "0000000000000000: 00000002 00000000 00000000 0005 03 10\n";
        var all = new StateSet(0x1fff & ~(1u << 12));

        var sockets = Collect("unix", content, TableSet.Of(SocketTable.UnixStream, SocketTable.UnixDgram, SocketTable.UnixSeqpacket), all);

        Assert.Equal([200u, 300u, 50u, 100u, 10u], sockets.Select(s => s.Inode));
        Assert.Equal(
            [SocketState.Established, SocketState.Listen, SocketState.Established, SocketState.Close, SocketState.Established],
            sockets.Select(s => s.State));
        Assert.Equal(["", "/run/b.sock", "", "@dg", ""], sockets.Select(s => ((UnixSocketDetails)s.Local!).Name ?? ""));

        var listening = Collect("unix", content, TableSet.Of(SocketTable.UnixStream), StateSet.Of(SocketState.Listen));
        Assert.Equal([300u], listening.Select(s => s.Inode));
    }

    [Fact]
    public void PacketLines()
    {
        const string content =
            "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n" +
            "000000009289175d 3      2    0800   0     1 0      0      2323417\n" +
            "000000009289175e 3      3    0003   1     1 512    1000   2323418\n";

        var sockets = Collect("packet", content, TableSet.Of(SocketTable.PacketRaw), StateSet.Of(SocketState.Close));

        var raw = Assert.Single(sockets);
        Assert.Equal(SocketTable.PacketRaw, raw.Table);
        Assert.Equal(1u, raw.InterfaceIndex);
        Assert.Equal(512u, raw.RecvQ);
        Assert.Equal(1000u, raw.Uid);
        Assert.Equal(2323418u, raw.Inode);
        Assert.Equal((ushort)3, ((PacketSocketDetails)raw.Local!).Protocol);
    }

    [Fact]
    public void NetlinkLines()
    {
        const string content =
            "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n" +
            "0000000072934ac9 0   -4120      00000011 10       20       0     2        0        4       \n";

        var socket = Assert.Single(Collect("netlink", content, TableSet.Of(SocketTable.Netlink), StateSet.Of(SocketState.Close)));

        var netlink = (NetlinkSocketDetails)socket.Local!;
        Assert.Equal(-4120, netlink.PortId);
        Assert.Equal(0x11UL, netlink.Groups);
        Assert.Equal(0x72934ac9UL, netlink.ProcSk);
        Assert.Equal(10u, socket.RecvQ);
        Assert.Equal(20u, socket.SendQ);
    }
}
