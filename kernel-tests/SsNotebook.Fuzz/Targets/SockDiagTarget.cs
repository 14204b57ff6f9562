using SsNotebook.Diag;
using SsNotebook.Netlink;
using SsNotebook.Sockets;

namespace SsNotebook.Fuzz.Targets;

/// <summary>Parses one sock_diag reply payload; false (with an error) for a malformed one.</summary>
internal delegate bool ReplyParser(ReadOnlySpan<byte> payload, byte flags, SocketRecord into, out string? error);

/// <summary>
/// A receive buffer of one sock_diag dump: netlink messages walked by <see cref="NetlinkMessageReader"/>, each payload
/// decoded by the family's parser and every accepted socket printed with a set of ss options chosen by the input's
/// first byte. Contract: the parsers never throw; a malformed reply is a false return (which the collector turns into
/// an ss-style error), so every exception is a finding.
/// </summary>
internal sealed class SockDiagTarget(string name, Func<byte, string[]> arguments, ReplyParser parser) : FuzzTarget
{
    private static readonly SocketTable[] InetTables =
        [SocketTable.Tcp, SocketTable.Udp, SocketTable.Raw, SocketTable.Dccp, SocketTable.Sctp, SocketTable.Mptcp];

    private static readonly string[] InetTableOptions = ["-t", "-u", "-w", "-d", "-S", "-M"];

    public static SockDiagTarget Inet { get; } = new("inet",
        flags => [InetTableOptions[TableIndex(flags)], .. ExtraOptions(flags), "--tos", "--cgroup", "--inet-sockopt"],
        (ReadOnlySpan<byte> payload, byte flags, SocketRecord into, out string? error) =>
            InetDiagParser.TryParse(payload, InetTables[TableIndex(flags)], into, out error));

    public static SockDiagTarget Unix { get; } = new("unix", flags => ["-x", .. ExtraOptions(flags)],
        (ReadOnlySpan<byte> payload, byte _, SocketRecord into, out string? error) => UnixDiagParser.TryParse(payload, into, out error));

    public static SockDiagTarget Packet { get; } = new("packet", flags => ["-0", .. ExtraOptions(flags)],
        (ReadOnlySpan<byte> payload, byte _, SocketRecord into, out string? error) => PacketDiagParser.TryParse(payload, into, out bool _, out error));

    public static SockDiagTarget Netlink { get; } = new("netlink", flags => ["-f", "netlink", .. ExtraOptions(flags)],
        (ReadOnlySpan<byte> payload, byte _, SocketRecord into, out string? error) => NetlinkDiagParser.TryParse(payload, into, out error));

    public static SockDiagTarget Vsock { get; } = new("vsock", flags => ["--vsock", .. ExtraOptions(flags)],
        (ReadOnlySpan<byte> payload, byte _, SocketRecord into, out string? error) => VsockDiagParser.TryParse(payload, into, out error));

    public static SockDiagTarget Xdp { get; } = new("xdp", flags => ["--xdp", .. ExtraOptions(flags)],
        (ReadOnlySpan<byte> payload, byte _, SocketRecord into, out string? error) => XdpDiagParser.TryParse(payload, into, out error));

    /// <summary>TIPC's replies (attributes only, no fixed header); a reply without TIPC_NLA_SOCK is no socket.</summary>
    public static SockDiagTarget Tipc { get; } = new("tipc", flags => ["--tipc", "--tipcinfo", .. ExtraOptions(flags)],
        (ReadOnlySpan<byte> payload, byte _, SocketRecord into, out string? error) =>
            TipcDiagParser.TryParse(payload, into, out var isSocket, out error) && isSocket);

    public override string Name => name;

    public override string Contract => $"{name}_diag replies: the parser returns false for a malformed reply and never throws";

    /// <summary>Input: one flags byte (table, ss options, layout), then the receive buffer.</summary>
    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        var flags = input[0];
        var sockets = new List<SocketRecord>();
        var reader = new NetlinkMessageReader(input[1..]);
        while (reader.TryReadMessage(out var message))
        {
            if (message.Type is Nl.MsgDone or Nl.MsgError or Nl.MsgNoop)
            {
                continue;
            }
            var record = new SocketRecord();
            if (parser(message.Payload, flags, record, out _))
            {
                sockets.Add(record);
            }
        }
        FuzzEnvironment.Print(FuzzEnvironment.Query(arguments(flags)), sockets, processes: null, flags);
    }

    /// <summary>The inet table: the low three bits (6 and 7 are mptcp too).</summary>
    public static int TableIndex(byte flags) => Math.Min(flags & 7, 5);

    /// <summary>The options that change what is printed: -a always, -n, -eo, -im, -O by bits 3 to 6; bit 7 is the
    /// terminal layout.</summary>
    private static string[] ExtraOptions(byte flags)
    {
        var options = new List<string> { "-a" };
        if ((flags & 0x08) != 0)
        {
            options.Add("-n");
        }
        if ((flags & 0x10) != 0)
        {
            options.Add("-eo");
        }
        if ((flags & 0x20) != 0)
        {
            options.Add("-im");
        }
        if ((flags & 0x40) != 0)
        {
            options.Add("-O");
        }
        return [.. options];
    }
}
