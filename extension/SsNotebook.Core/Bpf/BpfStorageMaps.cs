namespace SsNotebook.Bpf;

/// <summary>One BPF socket-local storage map ss shows: its id, an open descriptor, its info and its BTF dumper.</summary>
internal sealed class BpfStorageMap(uint id, int fd, BpfMapInfo info, BtfDataDumper dumper)
{
    public uint Id { get; } = id;

    public int Fd { get; } = fd;

    public BpfMapInfo Info { get; } = info;

    /// <summary>Dumps this map's values (btf_value_type_id) as ss does; keeps the type names' numbering across values.</summary>
    public BtfDataDumper Dumper { get; } = dumper;
}

/// <summary>
/// The maps of --bpf-map-id and --bpf-maps, loaded as ss 6.10 loads them: --bpf-map-id's maps up front (any failure
/// is ss's message and exit status 1), --bpf-maps' lazily, as replies name them. At most 32 maps; ss refuses a 33rd
/// with a message and then, quirkily, answers for it with the last map loaded — so does this. Holds the maps'
/// descriptors (the sock_diag request names maps by descriptor) until disposed.
/// </summary>
internal sealed class BpfStorageMaps : IDisposable
{
    public const int MaxMaps = 32;

    /// <summary>SK_DIAG_BPF_STORAGE_REQ_MAP_FD.</summary>
    private const ushort RequestMapFd = 1;

    private readonly List<BpfStorageMap> _maps = [];

    /// <summary>--bpf-maps: every map the kernel reports.</summary>
    public bool ShowAll { get; private set; }

    /// <summary>True when the query asks for BPF storage at all.</summary>
    public static bool Wanted(SsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.ShowAllBpfMaps || query.BpfMapIds.Count > 0;
    }

    public IReadOnlyList<BpfStorageMap> Maps => _maps;

    /// <summary>
    /// The maps <paramref name="query"/> asks for, loaded; null when it asks for none. A map that cannot be loaded
    /// is an <see cref="SsException"/> with ss's message (status 1); the refusal of a 33rd map goes to
    /// <paramref name="standardError"/> and loading goes on, as in ss.
    /// </summary>
    public static BpfStorageMaps? Open(SsQuery query, TextWriter standardError)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(standardError);
        if (!Wanted(query))
        {
            return null;
        }
        var maps = new BpfStorageMaps();
        try
        {
            for (var i = 0; i < query.BpfMapIds.Count; i++)
            {
                maps.Load(query.BpfMapIds[i], query.BpfMapIdArguments.ElementAtOrDefault(i) ?? "(null)", standardError);
            }
            return maps.For(query);
        }
        catch
        {
            maps.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads --bpf-map-id's map <paramref name="id"/> (given as <paramref name="argument"/>) as ss does while reading
    /// the option: a failure is an <see cref="SsException"/> with ss's message (status 1); the refusal of a 33rd map
    /// goes to <paramref name="standardError"/> and loading goes on.
    /// </summary>
    public void Load(uint id, string argument, TextWriter standardError)
    {
        ArgumentNullException.ThrowIfNull(standardError);
        var errors = new List<string>();
        if (Find(id, argument, errors) is null)
        {
            throw new SsException(string.Join("\n", errors), 1);
        }
        foreach (var error in errors)
        {
            standardError.Write(error + "\n");
        }
    }

    /// <summary>These maps for <paramref name="query"/> (null when it asks for no BPF storage): with --bpf-maps,
    /// every map a reply names is loaded as it comes.</summary>
    public BpfStorageMaps? For(SsQuery query)
    {
        if (!Wanted(query))
        {
            return null;
        }
        ShowAll = query.ShowAllBpfMaps;
        return this;
    }

    /// <summary>
    /// The payload of INET_DIAG_REQ_SK_BPF_STORAGES: empty for every map (--bpf-maps), else one
    /// SK_DIAG_BPF_STORAGE_REQ_MAP_FD per map.
    /// </summary>
    public byte[] RequestPayload()
    {
        if (ShowAll)
        {
            return [];
        }
        var builder = new NetlinkRequestBuilder(0, 0, 0);
        var start = builder.Length;
        foreach (var map in _maps)
        {
            builder.AppendAttributeUInt32(RequestMapFd, (uint)map.Fd);
        }
        return builder.ToArray()[start..];
    }

    /// <summary>
    /// The map a reply names: one already loaded, or loaded now. Null when it cannot be, with ss's messages for
    /// stderr in <paramref name="errors"/>.
    /// </summary>
    /// <param name="id">The map id.</param>
    /// <param name="argument">The text the id was given as on the command line (null for a map a reply names: ss
    /// then prints "(null)" in the wrong-type message).</param>
    /// <param name="errors">Receives ss's messages when the map cannot be loaded.</param>
    public BpfStorageMap? Find(uint id, string? argument, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var map in _maps)
        {
            if (map.Id == id)
            {
                return map;
            }
        }
        if (_maps.Count == MaxMaps)
        {
            errors.Add($"ss: too many (> {MaxMaps}) BPF socket-local storage maps found, skipping map ID {id}");
            return _maps[^1];
        }
        var loaded = Load(id, argument ?? "(null)", errors);
        if (loaded is not null)
        {
            _maps.Add(loaded);
        }
        return loaded;
    }

    private static BpfStorageMap? Load(uint id, string argument, List<string> errors)
    {
        var fd = BpfSyscall.GetFdById(BpfSyscall.MapGetFdById, id);
        if (fd < 0)
        {
            // ss compares errno with -ENOENT, which never matches, so a missing map is this error too.
            errors.Add($"ss: cannot get fd for BPF map ID {id}" +
                (fd == -LibC.Eperm ? ": missing root permissions, CAP_BPF, or CAP_SYS_ADMIN" : ""));
            return null;
        }
        var keep = false;
        try
        {
            var info = default(BpfMapInfo);
            if (BpfSyscall.GetInfo(fd, MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref info, 1)), out _) < 0)
            {
                errors.Add($"ss: failed to get info for BPF map ID {id}");
                return null;
            }
            if (info.Type != BpfSyscall.MapTypeSkStorage)
            {
                errors.Add($"ss: BPF map with ID {argument} has type ID {(int)info.Type}, expecting {BpfSyscall.MapTypeSkStorage} ('sk_storage')");
                return null;
            }
            if (LoadBtf(info, out var detail) is not { } btf)
            {
                errors.Add($"ss: failed to load BTF for map ID {info.Id}");
                if (detail is not null)
                {
                    errors.Add($"ssn: BTF of map ID {info.Id}: {detail}");
                }
                return null;
            }
            keep = true;
            return new BpfStorageMap(id, fd, info, new BtfDataDumper(btf));
        }
        finally
        {
            if (!keep)
            {
                LibC.Close(fd);
            }
        }
    }

    /// <summary>The map's BTF (btf__load_from_kernel_by_id), or null with what went wrong.</summary>
    private static Btf? LoadBtf(in BpfMapInfo info, out string? detail)
    {
        detail = null;
        if (info.BtfValueTypeId == 0)
        {
            // The kernel creates no sk_storage map without BTF; ss would crash on one.
            detail = "the map has no BTF value type";
            return null;
        }
        var fd = BpfSyscall.GetFdById(BpfSyscall.BtfGetFdById, info.BtfId);
        if (fd < 0)
        {
            return null;
        }
        try
        {
            var raw = BpfSyscall.ReadBtf(fd, out var error);
            if (raw is null)
            {
                detail = error < 0 ? null : $"its BTF is beyond {BpfSyscall.MaxBtfSize} bytes";
                return null;
            }
            var btf = Btf.Parse(raw);
            if (!btf.Contains(info.BtfValueTypeId))
            {
                detail = $"value type {info.BtfValueTypeId} is not in its {btf.Count - 1} types";
                return null;
            }
            return btf;
        }
        catch (BtfException malformed)
        {
            detail = malformed.Message;
            return null;
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    public void Dispose()
    {
        foreach (var map in _maps)
        {
            LibC.Close(map.Fd);
        }
        _maps.Clear();
    }
}
