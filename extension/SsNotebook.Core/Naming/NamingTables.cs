namespace SsNotebook.Naming;

/// <summary>
/// The names one invocation uses, each read and parsed once, on first use: services, protocols, the ephemeral port
/// range and the interfaces, as <see cref="SsEnvironment"/> gives them for the query's -N namespace — this machine's
/// files, or a recording's <see cref="NamingContext"/> (its serialized form) on replay. The filter parse and the
/// text share one instance (<see cref="CommandLine.ParsedCommandLine.Naming"/>).
/// </summary>
internal sealed class NamingTables
{
    private readonly Lazy<ServiceNames> _services;
    private readonly Lazy<ProtocolNames> _protocols;
    private readonly Lazy<EphemeralPorts> _ephemeralPorts;

    public NamingTables(SsEnvironment environment, string? networkNamespace)
    {
        ArgumentNullException.ThrowIfNull(environment);
        NetworkNamespace = networkNamespace;
        _services = new(() => ServiceNames.Parse(environment.ReadServices(networkNamespace)));
        _protocols = new(() => ProtocolNames.Parse(environment.ReadProtocols(networkNamespace)));
        _ephemeralPorts = new(() => EphemeralPorts.Parse(environment.ReadPortRange()));
        Cgroups = environment.Naming?.Cgroups is { } recorded ? CgroupNames.Replaying(recorded)
            : new CgroupNames(switchedNamespace: networkNamespace is not null || environment.RecordedUnderNetworkNamespace);
        // A replay never asks this machine: without a recorded list it knows no interface names.
        Interfaces = environment.Naming is { } naming ? InterfaceNames.Recorded(naming.Interfaces)
            : environment.FromRecording ? InterfaceNames.Recorded(null)
            : InterfaceNames.Live(networkNamespace);
    }

    /// <summary>The -N namespace the names are those of (null: the caller's).</summary>
    public string? NetworkNamespace { get; }

    public ServiceNames Services => _services.Value;

    public ProtocolNames Protocols => _protocols.Value;

    public EphemeralPorts EphemeralPorts => _ephemeralPorts.Value;

    public InterfaceNames Interfaces { get; }

    /// <summary>cgroup ids and paths, shared by the filter and the text because ss -N's filter can mount the cgroup2
    /// hierarchy its text then finds.</summary>
    public CgroupNames Cgroups { get; }
}
