namespace SsNotebook.Query;

/// <summary>
/// The naming tables ss's text and filter read from the machine, kept as the files' text: the services and
/// protocols databases (service and protocol names, <c>:ssh</c>-style ports in filters) and ip_local_port_range
/// (ports inside it are never named; the <c>autobound</c> filter). A recording carries one so a replay, on any
/// machine or OS, names ports exactly as the recording machine did. A null member means the file could not be read
/// there, which ss treats as an empty database (or the default range). This is the serialized form only: it is
/// parsed once per invocation, with the machine's own files, by <see cref="Naming.NamingTables"/>.
/// </summary>
internal sealed record NamingContext
{
    /// <summary>The services database text (/etc/services, or the -N namespace's own).</summary>
    public string? Services { get; init; }

    /// <summary>The protocols database text (/etc/protocols, or the -N namespace's own).</summary>
    public string? Protocols { get; init; }

    /// <summary>The ip_local_port_range text ("32768\t60999\n").</summary>
    public string? PortRange { get; init; }

    /// <summary>The network interfaces, one "INDEX NAME" line each (names never hold blanks): the <c>%dev</c> of
    /// device-bound sockets and <c>dev NAME</c> in filters. Null when they could not be listed.</summary>
    public string? Interfaces { get; init; }

    /// <summary>The cgroup2 hierarchy, kept only for queries whose text names cgroups (-e, --cgroup); null when not
    /// kept (a replay then names cgroups from the replaying machine's hierarchy).</summary>
    public Naming.CgroupSnapshot? Cgroups { get; init; }

    /// <summary>Reads the tables <paramref name="environment"/> would use for a query in <paramref name="networkNamespace"/>
    /// (its own <see cref="SsEnvironment.Naming"/> when it has one). The databases are kept in
    /// <see cref="CompactTable"/> form, which halves a recording's share of them.</summary>
    /// <param name="environment">The environment the run used.</param>
    /// <param name="networkNamespace">The run's -N namespace, or null.</param>
    /// <param name="withCgroups">Keep the cgroup hierarchy too (the run's text names cgroups).</param>
    public static NamingContext Capture(SsEnvironment environment, string? networkNamespace, bool withCgroups = false)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Naming ?? new NamingContext
        {
            Services = CompactTable(environment.ReadServices(networkNamespace)),
            Protocols = CompactTable(environment.ReadProtocols(networkNamespace)),
            PortRange = environment.ReadPortRange(),
            Interfaces = Naming.InterfaceNames.List(networkNamespace),
            Cgroups = withCgroups ? Naming.CgroupNames.Capture(switchedNamespace: networkNamespace is not null) : null,
        };
    }

    /// <summary>
    /// A services or protocols database without what its readers skip: '#' comments, blank lines and runs of
    /// blanks (fields are split on spaces and tabs), one entry per line, in order — so it names exactly as the
    /// original does.
    /// </summary>
    public static string? CompactTable(string? table)
    {
        if (table is null)
        {
            return null;
        }
        var compact = new System.Text.StringBuilder(table.Length / 2);
        foreach (var fields in Naming.NamingDatabase.Entries(table))
        {
            compact.AppendJoin(' ', fields).Append('\n');
        }
        return compact.ToString();
    }

    /// <summary>The text of <paramref name="path"/>, or null when it cannot be read (as libc sees a missing database).</summary>
    internal static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
