using System.Net;
using SsNotebook.Naming;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.Text;

/// <summary>Expected strings are glibc's inet_ntop (through Python's socket.inet_ntop).</summary>
public class AddressTextTests
{
    [Theory]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("::ffff:1.2.3.4", "::ffff:1.2.3.4")]
    [InlineData("::1.2.3.4", "::1.2.3.4")]
    [InlineData("1::", "1::")]
    [InlineData("1:0:0:1::", "1:0:0:1::")]
    [InlineData("1:0:1:0:0:1:0:0", "1:0:1::1:0:0")]
    [InlineData("0:0:0:0:0:1:0:0", "::1:0:0")]
    [InlineData("::ffff:0:0", "::ffff:0.0.0.0")]
    [InlineData("::fffe:1.2.3.4", "::fffe:102:304")]
    [InlineData("64:ff9b::1.2.3.4", "64:ff9b::102:304")]
    [InlineData("::0.0.0.1", "::1")]
    [InlineData("fe80::2:3", "fe80::2:3")]
    [InlineData("0:0:1::", "0:0:1::")]
    [InlineData("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8")]
    [InlineData("0:0:0:0:0:ffff:ffff:ffff", "::ffff:255.255.255.255")]
    [InlineData("10.0.0.255", "10.0.0.255")]
    public void MatchesInetNtop(string address, string expected)
    {
        Span<byte> text = stackalloc byte[AddressText.MaxLength];
        var length = AddressText.Format(InetAddress.FromIPAddress(IPAddress.Parse(address)), text);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(text[..length]));
    }

    [Fact]
    public void CgroupIdsMapToPathsUnderTheCgroup2Mount()
    {
        var paths = new CgroupNames(switchedNamespace: false);
        // The root of a cgroup2 mount is inode 1.
        Assert.Equal("/", paths.PathOf(1, []));
        Assert.Equal("unreachable:abc123", paths.PathOf(0xabc123, []));
    }
}
