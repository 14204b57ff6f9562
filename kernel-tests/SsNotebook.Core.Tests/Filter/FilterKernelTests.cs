using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Filter;

/// <summary>A rich TCP/UDP population in a private namespace, shared by the kernel filter tests.</summary>
public sealed class FilterPopulation : IDisposable
{
    public const int SoMark = 36;
    public const int SoBindToDevice = 25;

    public FilterPopulation()
    {
        Namespace = new TestNamespace("ssn-filter");
        RunInNamespace("sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=40000 40009");
        RunInNamespace("ip", "link", "add", "ssnfilt0", "type", "bridge");
        var l5001 = Listen(AddressFamily.InterNetwork, "127.0.0.1", 5001);
        var l22 = Listen(AddressFamily.InterNetwork, "0.0.0.0", 22);
        var l443 = Listen(AddressFamily.InterNetworkV6, "::1", 443);
        var l8080 = Listen(AddressFamily.InterNetworkV6, "::", 8080, dualStack: true);
        var l6000 = Listen(AddressFamily.InterNetwork, "127.0.0.1", 6000, device: "lo");
        Listen(AddressFamily.InterNetworkV6, "::", 9090, dualStack: false);
        Connect(AddressFamily.InterNetwork, "127.0.0.1", 40001, "127.0.0.1", 5001, l5001);
        Connect(AddressFamily.InterNetwork, "127.0.0.2", 1000, "127.0.0.1", 22, l22, mark: 0x15);
        Connect(AddressFamily.InterNetworkV6, "::1", 40002, "::1", 443, l443, mark: 0x1234);
        Connect(AddressFamily.InterNetwork, "127.0.0.1", 40003, "127.0.0.1", 8080, l8080);
        Connect(AddressFamily.InterNetwork, null, 0, "127.0.0.1", 5001, l5001);
        Connect(AddressFamily.InterNetworkV6, null, 0, "::1", 8080, l8080);
        Connect(AddressFamily.InterNetwork, "127.0.0.1", 50000, "127.0.0.1", 6000, l6000, device: "lo");
        var udp = Namespace.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 53));
        var udp6 = Namespace.CreateSocket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        udp6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 5353));
        udp6.Connect(new IPEndPoint(IPAddress.IPv6Loopback, 53));
        var udpAuto = Namespace.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udpAuto.Connect(new IPEndPoint(IPAddress.Loopback, 53));
    }

    public TestNamespace Namespace { get; }

    public void Dispose() => Namespace.Dispose();

    private Socket Listen(AddressFamily family, string address, int port, bool? dualStack = null, string? device = null)
    {
        var socket = Namespace.CreateSocket(family, SocketType.Stream, ProtocolType.Tcp);
        if (dualStack is { } dual)
        {
            socket.DualMode = dual;
        }
        if (device is not null)
        {
            BindToDevice(socket, device);
        }
        socket.Bind(new IPEndPoint(IPAddress.Parse(address), port));
        socket.Listen(16);
        return socket;
    }

    private void Connect(AddressFamily family, string? source, int sourcePort, string destination, int port, Socket listener,
        int mark = 0, string? device = null)
    {
        var socket = Namespace.CreateSocket(family, SocketType.Stream, ProtocolType.Tcp);
        if (mark != 0)
        {
            socket.SetRawSocketOption(1, SoMark, BitConverter.GetBytes(mark));
        }
        if (device is not null)
        {
            BindToDevice(socket, device);
        }
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(source), sourcePort));
        }
        socket.Connect(new IPEndPoint(IPAddress.Parse(destination), port));
        Namespace.Own(listener.Accept());
    }

    private static void BindToDevice(Socket socket, string device) =>
        socket.SetRawSocketOption(1, SoBindToDevice, System.Text.Encoding.ASCII.GetBytes(device + "\0"));

    public string RunInNamespace(params string[] command)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["netns", "exec", Namespace.Name, .. command])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"{string.Join(' ', command)}: {error}");
    }
}

public sealed class FilterKernelTests(FilterPopulation population) : IClassFixture<FilterPopulation>
{
    /// <summary>Our own cgroup v2, as a real path under the cgroup2 mount (every test socket belongs to it).</summary>
    private static readonly string CgroupPath = Path.Join(
        File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).First(f => f[2] == "cgroup2")[1],
        File.ReadLines("/proc/self/cgroup").First(l => l.StartsWith("0::", StringComparison.Ordinal))[3..]);

    /// <summary>Filters whose kernel (bytecode) and user-space evaluations must select the same sockets.</summary>
    public static TheoryData<string> SharedFilters => new()
    {
        "sport = 22",
        "dport = 5001",
        "sport = :8080",
        "src 127.0.0.1",
        "src 127.0.0.2:1000",
        "dst 127.0.0.0/8",
        "src [::1]",
        "dst [::1]:443",
        "src 0.0.0.0",
        "src [::]",
        "src [::ffff:127.0.0.1]",
        "dst [::ffff:127.0.0.0/104]",
        "src 0.0.0.0/0",
        "src [::/0]",
        "src any",
        "src *:8080",
        "src inet:127.0.0.1",
        "src inet6:[::/0]:8080",
        "sport >= 1000",
        "sport > 5001",
        "sport < 1000",
        "dport <= 443",
        "dport >= 70000",
        "sport <= -1",
        "dport != 5001",
        "not src 127.0.0.1",
        "src 127.0.0.1 or src [::1] and sport = 443",
        "( sport = 22 or sport = 443 ) and not dst 127.0.0.1",
        "src multi.test or dst multi.test",
        "dst multi.test:443 or src multi.test:5001",
        "src 127.0.0.2 or dport = 443 or fwmark 0x15",
        "dev lo",
        "dev != lo",
        "dev lo and sport = 6000",
        "fwmark 0x15",
        "fwmark 0x10/0xf0",
        "fwmark 0x34/0xff or fwmark = 0x15",
        "fwmark != 0x15",
        "src localhost",
        "src localhost:5001 or dst localhost:8080",
        "! ( sport = 53 ) && ! sport = 5353",
        $"cgroup {CgroupPath}",
        $"cgroup != {CgroupPath}",
    };

    [Theory]
    [MemberData(nameof(SharedFilters))]
    public void KernelAcceptsTheProgramAndSelectsWhatUserSpaceSelects(string filter)
    {
        var (parsed, families) = Parse(filter);
        var kernel = Collect(new KernelOnly(parsed), families);
        var user = Collect(new UserOnly(parsed), families);
        Assert.Equal(user, kernel);
    }

    /// <summary>The whole pipeline (bytecode plus user-space check) against the installed ss over the same sockets.
    /// Host names with several addresses are left out (ss's bytecode tests only the first one), and so are cgroups.</summary>
    [Theory]
    [MemberData(nameof(SharedFilters))]
    [InlineData("autobound")]
    [InlineData("not autobound")]
    [InlineData("autobound and dport = 5001")]
    public void SelectsWhatSsSelects(string filter)
    {
        // Under "ip netns exec" /sys is remounted, so ss cannot see the cgroup2 mount there.
        if (filter.Contains("multi.test", StringComparison.Ordinal) || filter.StartsWith("cgroup", StringComparison.Ordinal))
        {
            return;
        }
        var (parsed, families) = Parse(filter);
        var ours = Collect(parsed, families);
        var theirs = RunSs(filter, families);
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void HostNameMatchesEveryAddressInTheKernel()
    {
        // multi.test is 127.0.0.2 and ::1: ss's bytecode would test 127.0.0.2 twice and miss the IPv6 sockets.
        var (parsed, families) = Parse("src multi.test");
        var expected = Collect(null, families).Where(pair => pair.StartsWith("127.0.0.2:", StringComparison.Ordinal) || pair.StartsWith("[::1]:", StringComparison.Ordinal));
        Assert.Equal(7, expected.Count());
        Assert.Equal(expected, Collect(new KernelOnly(parsed), families));
    }

    /// <summary>Where ss 6.10 is wrong we differ on purpose; these pin down our (correct) answers.</summary>
    [Theory]
    // ss's user-space test compares only the first 32 bits of an IPv6 address with an IPv4 prefix, so under "not"
    // ::1 and :: count as 0.0.0.0 and disappear.
    [InlineData("( sport = 22 or sport = 443 ) and not dst 0.0.0.0", "127.0.0.1:22 127.0.0.2:1000|[::1]:443 [::1]:40002|[::1]:443 [::]:0")]
    // ss sends -5 to the kernel as the 16-bit port 65531 and so lists nothing; every port is >= -5.
    [InlineData("sport >= -5 and sport = 22", "0.0.0.0:22 0.0.0.0:0|127.0.0.1:22 127.0.0.2:1000")]
    public void DiffersFromSsWhereSsIsWrong(string filter, string expected)
    {
        var (parsed, families) = Parse(filter);
        Assert.Equal(expected.Split('|'), Collect(parsed, families));
    }

    [Fact]
    public void DeviceNamesAreResolvedInTheListedNamespace()
    {
        var context = new FilterParseContext(new SsEnvironment()) { NetworkNamespace = population.Namespace.Name };
        var index = population.RunInNamespace("cat", "/sys/class/net/ssnfilt0/ifindex").Trim();
        Assert.Equal($"dev {index}", FilterParser.Parse(["dev ssnfilt0"], context)!.ToString());
        Assert.Equal("Cannot parse device.", Assert.Throws<SsException>(() => FilterParser.Parse(["dev ssnfilt0"], new FilterParseContext(new SsEnvironment()))).Message);
    }

    [Fact]
    public void PopulationIsWhatTheTestsExpect()
    {
        var all = Collect(null, (1UL << 2) | (1UL << 10));
        Assert.Equal(23, all.Count);
        Assert.Contains("[::ffff:127.0.0.1]:8080 [::ffff:127.0.0.1]:40003", all);
        Assert.Contains("127.0.0.1:6000 0.0.0.0:0", all);
        var (cgroup, families) = Parse($"cgroup {CgroupPath}");
        Assert.Equal(all, Collect(cgroup, families));
        var (notCgroup, _) = Parse($"cgroup != {CgroupPath}");
        Assert.Empty(Collect(notCgroup, families));
    }

    private static (SocketFilter Filter, ulong Families) Parse(string filter)
    {
        var context = new FilterParseContext(new SsEnvironment())
        {
            Families = (1UL << 2) | (1UL << 10),
            Tables = TableSet.Of(SocketTable.Tcp, SocketTable.Udp),
            HostResolver = (name, family) => (name, family) switch
            {
                ("multi.test", AddressFamily.InterNetwork) => [IPAddress.Parse("127.0.0.2")],
                ("multi.test", AddressFamily.InterNetworkV6) => [IPAddress.IPv6Loopback],
                _ => Resolve(name, family),
            },
        };
        var parsed = FilterParser.Parse([filter], context) ?? throw new InvalidOperationException("empty filter");
        return (parsed, context.Families);
    }

    private static IPAddress[] Resolve(string name, AddressFamily family)
    {
        try
        {
            return Dns.GetHostAddresses(name, family);
        }
        catch (SocketException)
        {
            return [];
        }
    }

    private List<string> Collect(SocketFilter? filter, ulong families)
    {
        var query = new SsQuery
        {
            Tables = TableSet.Of(SocketTable.Tcp, SocketTable.Udp),
            States = new StateSet(0x1ffe),
            Families = families,
            Filter = filter,
            NetworkNamespace = population.Namespace.Name,
        };
        var snapshot = new SocketCollector(new SsEnvironment()).Collect(query);
        return [.. snapshot.Sockets.Select(s => $"{Endpoint(s.LocalAddress, s.LocalPort)} {Endpoint(s.PeerAddress, s.PeerPort)}").Order(StringComparer.Ordinal)];
    }

    private static string Endpoint(InetAddress address, int port) =>
        address.IsIPv4 ? $"{address}:{port}" : $"[{address}]:{port}";

    /// <summary>ss -Htuna FILTER in the namespace, as "local peer" pairs in our notation.</summary>
    private List<string> RunSs(string filter, ulong families)
    {
        var familyOption = families switch
        {
            1UL << 2 => "-4",
            1UL << 10 => "-6",
            _ => "-a",
        };
        var output = population.RunInNamespace("ss", "-Htuna", familyOption, filter);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => $"{SsEndpoint(fields[^2])} {SsEndpoint(fields[^1])}")
            .Order(StringComparer.Ordinal)];
    }

    private static string SsEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        var address = text[..colon];
        var port = text[(colon + 1)..] == "*" ? "0" : text[(colon + 1)..];
        var percent = address.IndexOf('%');
        if (percent >= 0)
        {
            address = address[..percent] + (address.StartsWith('[') ? "]" : "");
        }
        return address == "*" ? $"[::]:{port}" : $"{address}:{port}";
    }

    /// <summary>Sends the program to the kernel but lets every returned socket through.</summary>
    private sealed class KernelOnly(SocketFilter inner) : SocketFilter
    {
        public override bool Matches(SocketRecord socket) => true;

        public override byte[]? CompileInetBytecode() => inner.CompileInetBytecode() ?? throw new InvalidOperationException("not compiled");
    }

    /// <summary>Filters in user space only.</summary>
    private sealed class UserOnly(SocketFilter inner) : SocketFilter
    {
        public override bool Matches(SocketRecord socket) => inner.Matches(socket);

        public override byte[]? CompileInetBytecode() => null;
    }
}
