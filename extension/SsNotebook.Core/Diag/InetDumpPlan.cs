namespace SsNotebook.Diag;

/// <summary>
/// What the kernel is asked for one inet table: the families in ss's order, the protocol, the extension bits, the
/// state mask and the filter's bytecode — and the requests that say so.
/// </summary>
internal sealed class InetDumpPlan
{
    /// <summary>The inet tables in the order ss dumps them (raw, udp, tcp, dccp, sctp, … mptcp last); live
    /// collection and replay both follow it.</summary>
    public static ReadOnlySpan<SocketTable> TableOrder =>
        [SocketTable.Raw, SocketTable.Udp, SocketTable.Tcp, SocketTable.Dccp, SocketTable.Sctp, SocketTable.Mptcp];

    private readonly StateSet _states;
    private readonly byte[]? _bytecode;

    /// <param name="table">The inet table to dump.</param>
    /// <param name="query">The query: states, families and the extensions to ask for.</param>
    /// <param name="bytecode">The filter compiled to INET_DIAG_REQ_BYTECODE, or null for none.</param>
    /// <param name="bpfStorages">The INET_DIAG_REQ_SK_BPF_STORAGES payload, or null to ask for no BPF storage.</param>
    public InetDumpPlan(SocketTable table, SsQuery query, byte[]? bytecode, byte[]? bpfStorages = null)
    {
        Table = table;
        Protocol = InetDiagRequest.ProtocolOf(table);
        Extensions = InetDiagRequest.Extensions(query.Show);
        Families = RequestFamilies(query);
        FamilyMask = query.Families;
        _states = query.States;
        _bytecode = bytecode;
        BpfStorages = bpfStorages;
    }

    /// <summary>The INET_DIAG_REQ_SK_BPF_STORAGES payload, or null. The TCPDIAG_GETSOCK request cannot carry it.</summary>
    public byte[]? BpfStorages { get; }

    public SocketTable Table { get; }

    public int Protocol { get; }

    public byte Extensions { get; }

    /// <summary>
    /// AF_INET then AF_INET6, unless the query names only one of them. ss's inet_show_netlink dumps only the last
    /// family chosen (preferred_family) when that is AF_INET or AF_INET6, even where -46 or two -f selected both.
    /// </summary>
    public byte[] Families { get; }

    /// <summary>The families whose replies are listed (bits 1 &lt;&lt; AF_*).</summary>
    public ulong FamilyMask { get; }

    public bool HasBothFamilies => Families.Length == 2;

    /// <summary>The SOCK_DIAG_BY_FAMILY request of one family.</summary>
    public byte[] Request(byte family) => InetDiagRequest.Build(family, Protocol, Extensions, _states, _bytecode, bpfStorages: BpfStorages);

    /// <summary>The TCPDIAG_GETSOCK request of both families at once (TCP only).</summary>
    public byte[] CombinedTcpRequest() => InetDiagRequest.BuildTcpBothFamilies(Extensions, _states, _bytecode);

    private static byte[] RequestFamilies(SsQuery query)
    {
        if (query.PreferredFamily is AddressFamilies.Inet or AddressFamilies.Inet6)
        {
            return [(byte)query.PreferredFamily];
        }
        var inet = query.HasFamily(AddressFamilies.Inet);
        var inet6 = query.HasFamily(AddressFamilies.Inet6);
        return (inet, inet6) switch
        {
            (true, false) => [AddressFamilies.Inet],
            (false, true) => [AddressFamilies.Inet6],
            _ => [AddressFamilies.Inet, AddressFamilies.Inet6],
        };
    }
}
