using System.Net;
using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Filter;

public class FilterEvaluationTests
{
    private static SocketRecord Tcp(string local, int localPort, string peer, int peerPort, uint mark = 0, uint ifindex = 0)
    {
        var localAddress = InetAddress.FromIPAddress(IPAddress.Parse(local));
        return new SocketRecord
        {
            Table = SocketTable.Tcp,
            Family = localAddress.Family,
            LocalAddress = localAddress,
            LocalPort = (ushort)localPort,
            PeerAddress = InetAddress.FromIPAddress(IPAddress.Parse(peer)),
            PeerPort = (ushort)peerPort,
            Mark = mark,
            InterfaceIndex = ifindex,
        };
    }

    private static bool Matches(string filter, SocketRecord socket) => FilterTestContext.Parse(filter)!.Matches(socket);

    [Theory]
    [InlineData("src 10.0.0.1", true)]
    [InlineData("src 10.0.0.0/8", true)]
    [InlineData("src 10.0.0.2", false)]
    [InlineData("src [::ffff:10.0.0.1]", true)]
    [InlineData("src [::ffff:0.0.0.0/96]", true)]
    [InlineData("src [::/0]", true)]
    [InlineData("src 0.0.0.0/0", true)]
    public void IPv4PrefixesMatchIPv4MappedSockets(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Tcp("::ffff:10.0.0.1", 80, "::ffff:10.0.0.9", 5000)));
    }

    [Theory]
    [InlineData("src 0.0.0.0", false)]
    [InlineData("src 0.0.0.0/0", false)]
    [InlineData("dst 0.0.0.0", false)]
    [InlineData("src any", true)]
    [InlineData("src *", true)]
    [InlineData("src [::1]", true)]
    [InlineData("src [::1]:80", true)]
    [InlineData("src [::1]:81", false)]
    [InlineData("not dst 0.0.0.0", true)]
    public void FamiliesMustAgreeAsInTheKernel(string filter, bool expected)
    {
        // ss's user-space check would see ::1 as 0.0.0.0/32 (it compares the first word only); the kernel does not.
        Assert.Equal(expected, Matches(filter, Tcp("::1", 80, "::", 0)));
    }

    [Theory]
    [InlineData("sport >= 80", true)]
    [InlineData("sport > 80", false)]
    [InlineData("sport <= 80", true)]
    [InlineData("sport < 80", false)]
    [InlineData("sport != 80", false)]
    [InlineData("dport >= 70000", false)]
    [InlineData("dport <= 70000", true)]
    [InlineData("dport >= -3", true)]
    [InlineData("dport = 70000", false)]
    [InlineData("fwmark 0x15", true)]
    [InlineData("fwmark 0x10/0xf0", true)]
    [InlineData("fwmark 0x20/0xf0", false)]
    [InlineData("dev eth0", true)]
    [InlineData("dev lo", false)]
    public void PortsMarksAndDevices(string filter, bool expected)
    {
        Assert.Equal(expected, Matches(filter, Tcp("10.0.0.1", 80, "10.0.0.2", 5000, mark: 0x15, ifindex: 2)));
    }

    [Fact]
    public void AutoboundUsesTheConfiguredEphemeralRange()
    {
        var range = Path.GetTempFileName();
        try
        {
            File.WriteAllText(range, "40000\t40010\n");
            var context = FilterTestContext.Create(environment: new SsEnvironment { IpLocalPortRangeFile = range });
            var filter = FilterParser.Parse(["autobound"], context)!;
            Assert.True(filter.Matches(Tcp("10.0.0.1", 40000, "10.0.0.2", 80)));
            Assert.True(filter.Matches(Tcp("10.0.0.1", 40010, "10.0.0.2", 80)));
            Assert.False(filter.Matches(Tcp("10.0.0.1", 40011, "10.0.0.2", 80)));
            var missing = FilterTestContext.Create(environment: new SsEnvironment { IpLocalPortRangeFile = "/nonexistent" });
            var fallback = FilterParser.Parse(["autobound"], missing)!;
            Assert.True(fallback.Matches(Tcp("10.0.0.1", 4999, "10.0.0.2", 80)));
            Assert.False(fallback.Matches(Tcp("10.0.0.1", 5000, "10.0.0.2", 80)));
        }
        finally
        {
            File.Delete(range);
        }
    }

    [Fact]
    public void InetConditionsDoNotMatchOtherFamilies()
    {
        var unix = new SocketRecord { Table = SocketTable.UnixStream, Inode = 4242 };
        Assert.False(Matches("src 10.0.0.1", unix));
        Assert.False(Matches("src [::1]", unix));
        // As in ss, a unix socket's "port" is its inode.
        Assert.True(Matches("sport = 4242", unix));
        Assert.True(Matches("src *", unix));
        // An unnamed socket reads as the empty name.
        Assert.True(Matches("src unix:", unix));
        Assert.True(Matches("src unix:*", unix));
        Assert.False(Matches("src unix:?*", unix));
        Assert.False(Matches("src unix:*", Tcp("10.0.0.1", 1, "10.0.0.2", 2)));
        Assert.False(Matches("src link:*", Tcp("10.0.0.1", 1, "10.0.0.2", 2)));
    }

    [Fact]
    public void MatchingAllocatesNothing()
    {
        var filter = FilterTestContext.Parse("( src multi.test or src [::ffff:10.0.0.0/104] ) and sport >= 80 and not dport = 22 and fwmark 0/0 or autobound or dev lo")!;
        var sockets = new[] { Tcp("::ffff:10.0.0.1", 80, "::ffff:10.0.0.9", 5000), Tcp("10.0.0.1", 80, "10.0.0.2", 22), Tcp("2001:db8::1", 443, "::1", 1) };
        foreach (var socket in sockets)
        {
            filter.Matches(socket);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 10_000; i++)
        {
            matched += filter.Matches(sockets[i % sockets.Length]) ? 1 : 0;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(6667, matched);
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("/run/*.sock", "/run/x.sock", true)]
    [InlineData("/RUN/*.SOCK", "/run/a/b.sock", true)]
    [InlineData("/run/?.sock", "/run/ab.sock", false)]
    [InlineData("@[0-9a-f][0-9a-f]*", "@1f03", true)]
    [InlineData("@[!0-9]*", "@1f03", false)]
    [InlineData("@[^0-9]*", "@x", true)]
    [InlineData("[[:digit:]]x", "7x", true)]
    [InlineData(@"a\*", "a*", true)]
    [InlineData(@"a\*", "ab", false)]
    [InlineData("a[", "a[", true)]
    [InlineData("*b*c", "xxbyyc", true)]
    [InlineData("*b*c", "xxbyyd", false)]
    public void GlobsFollowFnmatchWithCaseFolding(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, Glob.Matches(pattern, name, ignoreCase: true));
    }
}
