namespace SsNotebook.Text;

/// <summary>The "comm/pid" ss shows for a netlink socket's port id (the protocol's name is
/// <see cref="Naming.NetlinkProtocols"/>).</summary>
internal sealed class NetlinkPortOwners(string procRoot, bool numeric, Processes.ISecurityContextSource? contexts = null)
{
    private readonly Dictionary<int, byte[]> _owners = [];

    /// <summary>
    /// ss's netlink port text: "*" for -1, the number with -n, "kernel" for 0, "comm/pid" when /proc/PID/stat
    /// names a process, otherwise the number.
    /// </summary>
    public byte[] Owner(int portId)
    {
        if (_owners.TryGetValue(portId, out var text))
        {
            return text;
        }
        text = portId == -1 ? "*"u8.ToArray()
            : numeric ? Number(portId)
            : portId == 0 ? "kernel"u8.ToArray()
            : portId > 0 && ReadComm(portId) is { } comm ? comm
            : Number(portId);
        _owners[portId] = text;
        return text;
    }

    /// <summary>
    /// ss's netlink proc_ctx (-Z, -z): port 0 is the kernel, shown with its initial context; a positive port is
    /// taken for a pid (getpidcon); a port the kernel allocated, or a context that cannot be read, is "unavailable".
    /// </summary>
    public string OwnerContext(int portId) =>
        (portId == 0 ? contexts?.KernelInitialContext()
            : portId > 0 ? Processes.SecurityContextText.ProcessContext(procRoot, portId)
            : null) ?? Processes.SecurityContextText.Unavailable;

    private static byte[] Number(int value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The comm in "PID (comm) ..." up to the first ')', then "/pid", cut to ss's 63-byte buffer.</summary>
    private byte[]? ReadComm(int pid)
    {
        byte[] stat;
        try
        {
            stat = File.ReadAllBytes(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "stat"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var span = stat.AsSpan();
        var open = span.IndexOf(" ("u8);
        if (open < 0)
        {
            return null;
        }
        var comm = span[(open + 2)..];
        var close = comm.IndexOf((byte)')');
        comm = close < 0 ? comm : comm[..close];
        if (comm.IsEmpty)
        {
            return null;
        }
        var result = new List<byte>(comm.Length + 8);
        result.AddRange(comm);
        result.AddRange(Encoding.ASCII.GetBytes("/" + pid.ToString(CultureInfo.InvariantCulture)));
        return result.Count > 63 ? result.GetRange(0, 63).ToArray() : result.ToArray();
    }
}
