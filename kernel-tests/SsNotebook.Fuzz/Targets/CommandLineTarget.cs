using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Query;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// The ss command line: argv (NUL-separated, decoded as the runtime decodes argv) parsed into a query, then the query
/// printed nowhere as ssn would print its usage or version. Only the parse runs — never a listing, -K or -D — so
/// an input cannot act on the machine. Contract: a bad command line is an <see cref="SsException"/> with ss's message
/// and exit status. Run it in a private network namespace: a host name in a filter is looked up.
/// </summary>
public sealed class CommandLineTarget : FuzzTarget
{
    public override string Name => "cmdline";

    public override string Contract => "SsCommandLine.Parse: SsException (ss's message and status) for a bad command line";

    public override IReadOnlyList<string> Dictionary { get; } =
    [
        "-t\0", "-u\0", "-a\0", "-n\0", "-l\0", "-x\0", "-0\0", "-4\0", "-6\0", "-f\0", "-A\0", "-F\0", "-N\0", "-D\0",
        "-K\0", "-E\0", "-s\0", "-H\0", "-O\0", "-e\0", "-o\0", "-i\0", "-m\0", "-p\0", "-T\0", "-b\0", "-Z\0", "-z\0",
        "--\0", "--family=\0", "--query=\0", "--filter\0", "--net\0", "--diag\0", "--kill\0", "--vsock\0", "--xdp\0",
        "--tipc\0", "--bpf-map-id=\0", "--bpf-maps\0", "--inet-sockopt\0", "--cgroup\0", "--tos\0", "--help\0", "--version\0",
        "inet\0", "inet6\0", "unix\0", "link\0", "netlink\0", "vsock\0", "tipc\0", "xdp\0", "all\0", "tcp\0", "udp\0",
        "raw\0", "dccp\0", "sctp\0", "mptcp\0", "unix_dgram\0", "packet_raw\0", "!tcp\0", "tcp,udp\0",
        "state\0", "exclude\0", "established\0", "listening\0", "connected\0", "synchronized\0", "bucket\0", "big\0",
        "sport = :22\0", "( dst 127.0.0.1 or not dport > 1024 )\0", "/dev/null\0", "-\0", "\xff\0",
    ];

    public override bool IsRejection(Exception exception) => exception is SsException;

    public override void Run(ReadOnlySpan<byte> input)
    {
        var words = new List<string>();
        foreach (var range in input.Split((byte)0))
        {
            words.Add(Encoding.UTF8.GetString(input[range]));
        }
        var parsed = SsCommandLine.Parse(words, FuzzEnvironment.Neutral, new StringReader("sport = :22\n"));
        _ = parsed.Query.ToString();
    }
}
