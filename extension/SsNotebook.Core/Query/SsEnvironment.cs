namespace SsNotebook.Query;

/// <summary>
/// The environment an invocation runs in: where /proc is and the variables ss honours (PROC_ROOT, PROC_NET_*,
/// PROC_IP_LOCAL_PORT_RANGE, TCPDIAG_FILE). Captured once at the edge so the rest of the code reads no globals
/// and tests can point it at fixtures.
/// </summary>
public sealed record SsEnvironment
{
    /// <summary>PROC_ROOT, default "/proc".</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>True when PROC_ROOT was set explicitly (which forces the /proc code paths, as in ss).</summary>
    public bool ProcRootSet { get; init; }

    /// <summary>PROC_NET_TCP, PROC_NET_RAW, … keyed by the suffix after PROC_NET_ (e.g. "TCP6").</summary>
    public IReadOnlyDictionary<string, string> ProcNetOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>PROC_IP_LOCAL_PORT_RANGE.</summary>
    public string? IpLocalPortRangeFile { get; init; }

    /// <summary>TCPDIAG_FILE: a netlink dump to replay instead of asking the kernel.</summary>
    public string? TcpDiagFile { get; init; }

    /// <summary>POSIXLY_CORRECT is set: getopt stops at the first operand instead of permuting argv.</summary>
    public bool PosixlyCorrect { get; init; }

    /// <summary>SELinux is enabled on the machine (selinuxfs is mounted); -Z and -z refuse to run otherwise.</summary>
    public bool SelinuxEnabled { get; init; }

    /// <summary>Where -Z and -z read the labels that are not under <see cref="ProcRoot"/> (sockets' and the
    /// kernel's); the machine's SELinux unless a test supplies its own.</summary>
    internal Processes.ISecurityContextSource SecurityContexts { get; init; } = Processes.SelinuxContextSource.Instance;

    /// <summary>Where named network namespaces live (iproute2's NETNS_RUN_DIR).</summary>
    public string NetnsRunDirectory { get; init; } = "/var/run/netns";

    /// <summary>Where the services and protocols databases are (/etc; /etc/netns/NAME first for -N NAME, as
    /// iproute2's netns_switch bind-mounts them). Tests point it elsewhere to play "another machine".</summary>
    public string EtcDirectory { get; init; } = "/etc";

    /// <summary>
    /// The naming tables of the machine a recording was made on. When set, service and protocol names and the
    /// ephemeral port range come from it alone (text and filter): nothing is read from /etc or /proc for them.
    /// </summary>
    internal NamingContext? Naming { get; init; }

    /// <summary>
    /// The command line comes from a recording, i.e. from someone else: parsing it must not touch this machine for
    /// anything it names. -F (a file) and cgroup paths are refused, -N is not opened, host names are not looked up,
    /// interface names come from <see cref="Naming"/> only. See <c>Recording.Replay</c>.
    /// </summary>
    internal bool FromRecording { get; init; }

    /// <summary>The replayed recording was made under -N, where ss's fresh /sys hid a cgroup2 mount below /sys:
    /// cgroups print as they did then (<see cref="Naming.CgroupNames"/>).</summary>
    internal bool RecordedUnderNetworkNamespace { get; init; }

    /// <summary>The services file for <paramref name="networkNamespace"/>: the namespace's own when it has one.</summary>
    internal string ServicesFile(string? networkNamespace) =>
        Path.Combine(NamespaceEtc(networkNamespace) ?? EtcDirectory, "services");

    /// <summary>The protocols file: the namespace's own when its directory is in use and has one, else the global one.</summary>
    internal string ProtocolsFile(string? networkNamespace) =>
        NamespaceEtc(networkNamespace) is { } etc && File.Exists(Path.Combine(etc, "protocols"))
            ? Path.Combine(etc, "protocols")
            : Path.Combine(EtcDirectory, "protocols");

    /// <summary>PROC_IP_LOCAL_PORT_RANGE, else PROC_ROOT/sys/net/ipv4/ip_local_port_range.</summary>
    internal string PortRangeFile => IpLocalPortRangeFile ?? Path.Combine(ProcRoot, "sys/net/ipv4/ip_local_port_range");

    /// <summary>The services database text in effect (<see cref="Naming"/>'s when set), or null when there is none.</summary>
    internal string? ReadServices(string? networkNamespace) =>
        Naming is { } naming ? naming.Services : NamingContext.TryRead(ServicesFile(networkNamespace));

    /// <summary>The protocols database text in effect (<see cref="Naming"/>'s when set), or null when there is none.</summary>
    internal string? ReadProtocols(string? networkNamespace) =>
        Naming is { } naming ? naming.Protocols : NamingContext.TryRead(ProtocolsFile(networkNamespace));

    /// <summary>The ip_local_port_range text in effect (<see cref="Naming"/>'s when set), or null when unreadable.</summary>
    internal string? ReadPortRange() => Naming is { } naming ? naming.PortRange : NamingContext.TryRead(PortRangeFile);

    /// <summary>/etc/netns/NAME when -N NAME has a services file there (ss's netns_switch then uses that directory).</summary>
    private string? NamespaceEtc(string? networkNamespace)
    {
        if (networkNamespace is null)
        {
            return null;
        }
        var directory = Path.Combine(EtcDirectory, "netns", networkNamespace);
        return File.Exists(Path.Combine(directory, "services")) ? directory : null;
    }

    /// <summary>The file ss uses for /proc/net/NAME (NAME lower case, e.g. "raw6"), honouring the overrides.</summary>
    internal string ProcNetPath(string name) =>
        ProcNetOverrides.TryGetValue(name.ToUpperInvariant(), out var path) ? path : Path.Combine(ProcRoot, "net", name);

    /// <summary>True when the /proc fallback for NAME was forced by PROC_ROOT or its PROC_NET_ variable.</summary>
    internal bool ProcNetForced(string name) => ProcRootSet || ProcNetOverrides.ContainsKey(name.ToUpperInvariant());

    /// <summary>
    /// The environment a recording's arguments are parsed and its samples rendered in: <see cref="FromRecording"/>,
    /// with <paramref name="naming"/> (else this one's), and without this one's socket sources (TCPDIAG_FILE,
    /// PROC_ROOT's forcing of /proc, PROC_NET_*): a replay reads sockets from the recording only. This machine's
    /// naming tables (<see cref="EtcDirectory"/>, the port range) stay, for recordings that carry none.
    /// </summary>
    internal SsEnvironment ForRecording(NamingContext? naming) => this with
    {
        Naming = naming ?? Naming,
        FromRecording = true,
        TcpDiagFile = null,
        ProcRootSet = false,
        ProcNetOverrides = new Dictionary<string, string>(),
    };

    /// <summary>Reads the variables of the current process.</summary>
    public static SsEnvironment FromProcess()
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith("PROC_NET_", StringComparison.Ordinal) && entry.Value is string value)
            {
                overrides[key["PROC_NET_".Length..]] = value;
            }
        }
        var procRoot = Environment.GetEnvironmentVariable("PROC_ROOT");
        return new SsEnvironment
        {
            ProcRoot = string.IsNullOrEmpty(procRoot) ? "/proc" : procRoot,
            ProcRootSet = !string.IsNullOrEmpty(procRoot),
            ProcNetOverrides = overrides,
            IpLocalPortRangeFile = Environment.GetEnvironmentVariable("PROC_IP_LOCAL_PORT_RANGE"),
            TcpDiagFile = Environment.GetEnvironmentVariable("TCPDIAG_FILE"),
            PosixlyCorrect = Environment.GetEnvironmentVariable("POSIXLY_CORRECT") is not null,
            SelinuxEnabled = File.Exists("/sys/fs/selinux/enforce"),
        };
    }
}
