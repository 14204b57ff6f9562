using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// A /proc/net file (tcp, tcp6, udp, udp6, raw, raw6, unix, packet, netlink) read through the collector's /proc
/// fallback (PROC_NET_* pointing at it) and printed. Contract: whatever the file holds, listing never throws (ss
/// reads what it can and stops at a malformed line).
/// </summary>
public sealed class ProcNetTarget : FuzzTarget
{
    private static readonly (string File, string[] Arguments)[] Kinds =
    [
        ("tcp", ["-tan4eo"]), ("tcp6", ["-tan6eo"]), ("udp", ["-uan4e"]), ("udp6", ["-uan6"]), ("raw", ["-wan4e"]),
        ("raw6", ["-wa6"]), ("unix", ["-xae"]), ("packet", ["-0ae"]), ("netlink", ["-f", "netlink", "-ae"]),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("ssn-fuzz-procnet-").FullName;

    public override string Name => "procnet";

    public override string Contract => "the /proc/net fallback readers: never throw, whatever the file holds";

    public override IReadOnlyList<string> Dictionary { get; } =
    [
        "\n", " ", ":", "0100007F:0016", "00000000000000000000000001000000:01BB", " 0A ", " 01 ", "00000000:00000000",
        " 0 ", " -1 ", " 4294967296 ", "ffffffffffffffff", "@/tmp/sock", "/run/x", "  sl  local_address",
        "Num       RefCount Protocol Flags    Type St Inode Path\n",
    ];

    /// <summary>Input: one byte choosing the file, then its content.</summary>
    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        var (file, arguments) = Kinds[input[0] % Kinds.Length];
        var path = Path.Combine(_directory, file);
        File.WriteAllBytes(path, input[1..]);
        // The table's base name (TCP for tcp6) is what forces the /proc path; -4/-6 keep the other file unread.
        var overrides = new Dictionary<string, string> { [file.TrimEnd('6').ToUpperInvariant()] = path };
        overrides[file.ToUpperInvariant()] = path;
        var environment = FuzzEnvironment.Neutral with { ProcNetOverrides = overrides };
        var query = FuzzEnvironment.Query(arguments);
        var snapshot = new SocketCollector(environment).Collect(query);
        FuzzEnvironment.Print(query, snapshot.Sockets, processes: null, input[0], environment);
    }
}
