using SsNotebook.Fuzz.Targets;

namespace SsNotebook.Fuzz;

/// <summary>Every target, by name: one per parser of untrusted input.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        SockDiagTarget.Inet,
        SockDiagTarget.Unix,
        SockDiagTarget.Packet,
        SockDiagTarget.Netlink,
        SockDiagTarget.Vsock,
        SockDiagTarget.Xdp,
        SockDiagTarget.Tipc,
        new TcpDiagFileTarget(),
        new RecordingFileTarget(),
        new RecordingBodyTarget(),
        new RecordingFramesTarget(),
        new FilterTarget(),
        new CommandLineTarget(),
        new ProcNetTarget(),
        new BtfTarget(),
    ];

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(target => target.Name == name)
        ?? throw new ArgumentException($"unknown target {name}; targets: {string.Join(' ', All.Select(t => t.Name))}");
}
