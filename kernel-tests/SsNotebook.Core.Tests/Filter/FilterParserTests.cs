using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Filter;

public class FilterParserTests
{
    [Theory]
    // Host predicates and their "=" forms.
    [InlineData("src 10.0.0.1", "src 10.0.0.1/32:*")]
    [InlineData("src = 10.0.0.1", "src 10.0.0.1/32:*")]
    [InlineData("src == 10.0.0.1", "src 10.0.0.1/32:*")]
    [InlineData("src eq 10.0.0.1", "src 10.0.0.1/32:*")]
    [InlineData("dst 10.0.0.0/8", "dst 10.0.0.0/8:*")]
    [InlineData("dst 10.0.0.0/255.255.0.0", "dst 10.0.0.0/16:*")]
    [InlineData("dst 10.1.2.3/8:22", "dst 10.0.0.0/8:22")]
    [InlineData("src 10.0.0.1:22", "src 10.0.0.1/32:22")]
    [InlineData("src 10:22", "src 10.0.0.0/32:22")]
    [InlineData("src 0x0a.010.0.1", "src 10.8.0.1/32:*")]
    [InlineData("src *:22", "src *:22")]
    [InlineData("src *", "src *:*")]
    [InlineData("src *22", "src *:22")]
    [InlineData("src *:*", "src *:*")]
    [InlineData("src [::1]", "src [::1/128]:*")]
    [InlineData("src [::1]:22", "src [::1/128]:22")]
    [InlineData("src [2001:db8::/32]:443", "src [2001:db8::/32]:443")]
    [InlineData("src [::ffff:10.0.0.1]", "src [::ffff:10.0.0.1/128]:*")]
    [InlineData("src any", "src any:*")]
    [InlineData("src all:80", "src any:80")]
    [InlineData("src default", "src any:*")]
    [InlineData("src 10.0.0.1:ssh", "src 10.0.0.1/32:22")]
    [InlineData("src 10.0.0.1:www", "src 10.0.0.1/32:80")]
    [InlineData("src 10.0.0.1:domain", "src 10.0.0.1/32:53")]
    [InlineData("src 10.0.0.1:udponly", "src 10.0.0.1/32:3000")]
    [InlineData("src 10.0.0.1:0x16", "src 10.0.0.1/32:22")]
    [InlineData("src 10.0.0.1:-1", "src 10.0.0.1/32:*")]
    [InlineData("src multi.test", "src 192.0.2.1/32,192.0.2.2/32,[2001:db8::1/128]:*")]
    [InlineData("src v4only.test:80", "src 198.51.100.7/32:80")]
    [InlineData("src inet:10.0.0.1", "src 10.0.0.1/32:*")]
    [InlineData("src inet6:[::1]:22", "src [::1/128]:22")]
    [InlineData("src inet6:multi.test", "src [2001:db8::1/128]:*")]
    [InlineData("src unix:/run/*.sock", "src unix:/run/*.sock")]
    [InlineData("dst unix:", "dst unix:")]
    [InlineData("src link:ip:eth0", "src link:2048:2")]
    [InlineData("src link:IPV6:3", "src link:34525:3")]
    [InlineData("src link:*:*", "src link:*:*")]
    [InlineData("src link:0x88cc", "src link:35020:*")]
    [InlineData("src netlink:rtnl:kernel", "src netlink:0:0")]
    [InlineData("src netlink:genl:1234", "src netlink:16:1234")]
    [InlineData("dst netlink:*", "dst netlink:*:*")]
    [InlineData("src vsock:2:1234", "src vsock:2:1234")]
    [InlineData("src vsock:*:1234", "src vsock:*:1234")]
    [InlineData("src vsock:3", "src vsock:3:*")]
    // Port predicates with every comparison spelling.
    [InlineData("sport = 22", "src *:22")]
    [InlineData("sport 22", "src *:22")]
    [InlineData("sport = :22", "src *:22")]
    [InlineData("sport == ssh", "src *:22")]
    [InlineData("sport eq *", "src *:*")]
    [InlineData("dport = 22", "dst *:22")]
    [InlineData("dport != 22", "not dst *:22")]
    [InlineData("dport ne 22", "not dst *:22")]
    [InlineData("dport neq 22", "not dst *:22")]
    [InlineData("dport >= 1024", "dport >= 1024")]
    [InlineData("dport ge 1024", "dport >= 1024")]
    [InlineData("dport geq 1024", "dport >= 1024")]
    [InlineData("dport <= 1024", "dport <= 1024")]
    [InlineData("dport le 1024", "dport <= 1024")]
    [InlineData("dport leq 1024", "dport <= 1024")]
    [InlineData("dport > 1024", "not dport <= 1024")]
    [InlineData("dport gt 1024", "not dport <= 1024")]
    [InlineData("dport < 1024", "not dport >= 1024")]
    [InlineData("dport lt 1024", "not dport >= 1024")]
    [InlineData("sport > :1024", "not sport <= 1024")]
    [InlineData("sport >= 0x400", "sport >= 1024")]
    // dev, fwmark, cgroup, autobound.
    [InlineData("dev lo", "dev 1")]
    [InlineData("dev = eth0", "dev 2")]
    [InlineData("dev != eth0", "not dev 2")]
    [InlineData("dev 7", "dev 7")]
    [InlineData("dev if9", "dev 9")]
    [InlineData("dev 0x10", "dev 16")]
    [InlineData("fwmark 5", "fwmark 0x5/0xffffffff")]
    [InlineData("fwmark = 0x10/0xf0", "fwmark 0x10/0xf0")]
    [InlineData("fwmark != 010/7", "not fwmark 0x8/0x7")]
    [InlineData("fwmark 5junk", "fwmark 0x5/0xffffffff")]
    [InlineData("fwmark 1-2", "fwmark 0x1/0xffffffff")]
    [InlineData("fwmark 1/2junk", "fwmark 0x1/0x2")]
    [InlineData("autobound", "autobound")]
    // Boolean structure: every alias, implicit and, parentheses, left associativity with equal precedence.
    [InlineData("sport = 1 and dport = 2", "( src *:1 and dst *:2 )")]
    [InlineData("sport = 1 && dport = 2", "( src *:1 and dst *:2 )")]
    [InlineData("sport = 1 & dport = 2", "( src *:1 and dst *:2 )")]
    [InlineData("sport = 1 dport = 2", "( src *:1 and dst *:2 )")]
    [InlineData("sport = 1 or dport = 2", "( src *:1 or dst *:2 )")]
    [InlineData("sport = 1 || dport = 2", "( src *:1 or dst *:2 )")]
    [InlineData("sport = 1 | dport = 2", "( src *:1 or dst *:2 )")]
    [InlineData("not sport = 1", "not src *:1")]
    [InlineData("! sport = 1", "not src *:1")]
    [InlineData("! ! autobound", "not not autobound")]
    [InlineData("not sport = 1 and dport = 2", "( not src *:1 and dst *:2 )")]
    [InlineData("src 10.0.0.1 or src 0.0.0.0 and dport = 50312", "( ( src 10.0.0.1/32:* or src 0.0.0.0/32:* ) and dst *:50312 )")]
    [InlineData("src 10.0.0.1 and src 0.0.0.0 or dport = 50312", "( ( src 10.0.0.1/32:* and src 0.0.0.0/32:* ) or dst *:50312 )")]
    [InlineData("sport = 1 or ( sport = 2 and dport = 3 )", "( src *:1 or ( src *:2 and dst *:3 ) )")]
    [InlineData("( ( autobound ) )", "autobound")]
    [InlineData("not ( sport = 1 or sport = 2 ) dev lo", "( not ( src *:1 or src *:2 ) and dev 1 )")]
    [InlineData("sport = 1 or sport = 2 or sport = 3", "( ( src *:1 or src *:2 ) or src *:3 )")]
    public void ParsesToTree(string filter, string tree)
    {
        Assert.Equal(tree, FilterTestContext.Parse(filter)?.ToString());
    }

    [Fact]
    public void EmptyFilterIsNull()
    {
        Assert.Null(FilterParser.Parse([], FilterTestContext.Create()));
        Assert.Null(FilterParser.Parse(["", "  \t "], FilterTestContext.Create()));
    }

    [Fact]
    public void WordsAreSplitOnBlanksAcrossArguments()
    {
        var expected = "( ( src *:22 and dst *:80 ) or dev 1 )";
        Assert.Equal(expected, FilterParser.Parse(["sport", "=", "22", "dport", "=", "80", "or", "dev", "lo"], FilterTestContext.Create())!.ToString());
        Assert.Equal(expected, FilterParser.Parse(["sport = 22\tdport = 80 or dev lo"], FilterTestContext.Create())!.ToString());
        Assert.Equal(expected, FilterParser.Parse(["sport = 22 dport", "= 80 or", "dev lo"], FilterTestContext.Create())!.ToString());
    }

    [Fact]
    public void BackslashKeepsTheNextCharacter()
    {
        Assert.Equal("src unix:/tmp/a b", FilterTestContext.Parse(@"src unix:/tmp/a\ b")!.ToString());
        Assert.Equal("src unix:x*", FilterTestContext.Parse(@"src unix:\x*")!.ToString());
    }

    [Theory]
    [InlineData("src 10.0.0.1", 0UL, 0)]
    [InlineData("src inet:10.0.0.1", 1UL << 2, 2)]
    [InlineData("src inet6:[::1]", 1UL << 10, 10)]
    [InlineData("src unix:*", 1UL << 1, 1)]
    [InlineData("src link:*", 1UL << 17, 17)]
    [InlineData("src netlink:*", 1UL << 16, 16)]
    [InlineData("src vsock:*", 1UL << 40, 40)]
    [InlineData("sport = inet6:22", 1UL << 10, 10)]
    public void FamilyPrefixesReplaceTheFamilyMask(string filter, ulong families, int preferred)
    {
        var context = FilterTestContext.Create(families: 0);
        FilterTestContext.Parse(filter, context);
        Assert.Equal(families, context.Families);
        Assert.Equal(preferred, context.PreferredFamily);
    }

    [Fact]
    public void PreferredFamilyDecidesHowAnUnprefixedHostIsRead()
    {
        Assert.Equal("src unix:/run/*", FilterTestContext.Parse("src /run/*", FilterTestContext.Create(preferredFamily: 1))!.ToString());
        Assert.Equal("src [::1/128]:*", FilterTestContext.Parse("src [::1]", FilterTestContext.Create(preferredFamily: 10))!.ToString());
        // A prefix switches the family for every later host too, as in ss.
        Assert.Equal("( src unix:a or src unix:b )", FilterTestContext.Parse("src unix:a or src b")!.ToString());
    }

    [Fact]
    public void ServiceNamesAreLookedUpForTheSelectedTablesOnly()
    {
        Assert.Equal("src *:1000", FilterTestContext.Parse("sport = oddity", FilterTestContext.Create(tables: TableSet.Of(SocketTable.Tcp)))!.ToString());
        Assert.Equal("src *:2000", FilterTestContext.Parse("sport = oddity", FilterTestContext.Create(tables: TableSet.Of(SocketTable.Udp)))!.ToString());
        var error = Assert.Throws<SsException>(() => FilterTestContext.Parse("sport = ssh", FilterTestContext.Create(tables: TableSet.Of(SocketTable.Udp))));
        Assert.Equal("Error: \"ssh\" does not look like a port.\nCannot parse dst/src address.", error.Message);
    }

    [Theory]
    [InlineData("src", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("src 1.2.3.4 )", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("( src 1.2.3.4", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("( )", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("10.0.0.1", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("and sport = 1", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("sport = 1 and", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("src != 10.0.0.1", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("dev >= lo", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("sport = = 22", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("autobound 22", 255, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n")]
    [InlineData("src ::1", 1, "Error: an inet prefix is expected rather than \":\".\nCannot parse dst/src address.")]
    [InlineData("src nosuchhost.test:22", 1, "Error: an inet prefix is expected rather than \"nosuchhost.test\".\nCannot parse dst/src address.")]
    [InlineData("src 10.0.0.1/33", 1, "Error: an inet prefix is expected rather than \"10.0.0.1/33\".\nCannot parse dst/src address.")]
    [InlineData("src 256.0.0.1", 1, "Error: an inet prefix is expected rather than \"256.0.0.1\".\nCannot parse dst/src address.")]
    [InlineData("src [::1", 1, "Cannot parse dst/src address.")]
    [InlineData("dport = foo", 1, "Error: \"foo\" does not look like a port.\nCannot parse dst/src address.")]
    [InlineData("sport = 10.0.0.1:22", 1, "Error: \"10.0.0.1:22\" does not look like a port.\nCannot parse dst/src address.")]
    [InlineData("src 10.0.0.1:oddity", 1, "Error: ambiguous port \"oddity\".\nCannot parse dst/src address.")]
    [InlineData("src inet6:10.0.0.1", 1, "Error: an inet prefix is expected rather than \"10.0.0.1\".\nCannot parse dst/src address.")]
    [InlineData("src link:nosuchproto", 1, "Cannot parse dst/src address.")]
    [InlineData("src link:ip:nosuchdev", 1, "Cannot parse dst/src address.")]
    [InlineData("src netlink:nosuch", 1, "Cannot parse dst/src address.")]
    [InlineData("src netlink:rtnl:someone", 1, "Cannot parse dst/src address.")]
    [InlineData("src vsock:x", 1, "Cannot parse dst/src address.")]
    [InlineData("src vsock:2:", 1, "Cannot parse dst/src address.")]
    [InlineData("dev nosuch", 1, "Cannot parse device.")]
    [InlineData("dev -1", 1, "Cannot parse device.")]
    [InlineData("fwmark x", 1, "Cannot parse mark x.")]
    [InlineData("fwmark 1/", 1, "Cannot parse mark 1/.")]
    [InlineData("fwmark /2", 1, "Cannot parse mark /2.")]
    [InlineData("fwmark 1x/2", 1, "Cannot parse mark 1x/2.")]
    [InlineData("src [2001:db8::]/32:443", 1, "Error: \"/32:443\" does not look like a port.\nCannot parse dst/src address.")]
    [InlineData("cgroup /nonexistent-cgroup-for-test", 1, "Failed to get cgroup2 ID: No such file or directory\nCannot parse cgroup /nonexistent-cgroup-for-test.")]
    public void MalformedFiltersFailLikeSs(string filter, int exitCode, string message)
    {
        var error = Assert.Throws<SsException>(() => FilterTestContext.Parse(filter));
        Assert.Equal(message, error.Message);
        Assert.Equal(exitCode, error.ExitCode);
    }

    [Fact]
    public void SyntaxErrorAsksForTheUsageText()
    {
        var error = Assert.Throws<SsException>(() => FilterTestContext.Parse("("));
        Assert.True(error.ShowUsage);
        error = Assert.Throws<SsException>(() => FilterTestContext.Parse("dev nosuch"));
        Assert.False(error.ShowUsage);
    }

    [Fact]
    public void ErrorsSurfaceInWordOrder()
    {
        // The syntax error on ")" stops the parse before the bad device is read.
        var error = Assert.Throws<SsException>(() => FilterTestContext.Parse(") dev nosuch"));
        Assert.Equal(255, error.ExitCode);
        error = Assert.Throws<SsException>(() => FilterTestContext.Parse("dev nosuch )"));
        Assert.Equal("Cannot parse device.", error.Message);
    }

    [Fact]
    public void CgroupPathResolvesToTheCgroupId()
    {
        var mount = File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).First(f => f[2] == "cgroup2")[1];
        var name = $"ssn-filter-test-{Environment.ProcessId}";
        var directory = Path.Combine(mount, name);
        Directory.CreateDirectory(directory);
        try
        {
            var expected = CgroupInode(directory);
            // Relative to the cgroup2 mount, with or without leading slashes, or as a real path.
            Assert.Equal($"cgroup {expected}", FilterTestContext.Parse($"cgroup /{name}")!.ToString());
            Assert.Equal($"cgroup {expected}", FilterTestContext.Parse($"cgroup {directory}")!.ToString());
            Assert.Equal($"not cgroup {expected}", FilterTestContext.Parse($"cgroup != {name}")!.ToString());
            Assert.Equal($"cgroup {CgroupInode(mount)}", FilterTestContext.Parse($"cgroup = {mount}")!.ToString());
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    private static ulong CgroupInode(string path)
    {
        // The cgroup id is the kernfs inode number, which stat reports.
        var psi = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(psi)!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return ulong.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
