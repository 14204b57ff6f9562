namespace SsNotebook.CommandLine;

/// <summary>The help text of ss 6.10 (with the --bpf-maps options of a libbpf build): printed on stdout by -h,
/// and on stderr after every command-line error that makes ss call its usage().</summary>
internal static class SsUsage
{
    public const string Text =
        "Usage: ss [ OPTIONS ]\n" +
        "       ss [ OPTIONS ] [ FILTER ]\n" +
        "   -h, --help          this message\n" +
        "   -V, --version       output version information\n" +
        "   -n, --numeric       don't resolve service names\n" +
        "   -r, --resolve       resolve host names\n" +
        "   -a, --all           display all sockets\n" +
        "   -l, --listening     display listening sockets\n" +
        "   -B, --bound-inactive display TCP bound but inactive sockets\n" +
        "   -o, --options       show timer information\n" +
        "   -e, --extended      show detailed socket information\n" +
        "   -m, --memory        show socket memory usage\n" +
        "   -p, --processes     show process using socket\n" +
        "   -T, --threads       show thread using socket\n" +
        "   -i, --info          show internal TCP information\n" +
        "       --tipcinfo      show internal tipc socket information\n" +
        "   -s, --summary       show socket usage summary\n" +
        "       --tos           show tos and priority information\n" +
        "       --cgroup        show cgroup information\n" +
        "   -b, --bpf           show bpf filter socket information\n" +
        "       --bpf-maps      show all BPF socket-local storage maps\n" +
        "       --bpf-map-id=MAP-ID    show a BPF socket-local storage map\n" +
        "   -E, --events        continually display sockets as they are destroyed\n" +
        "   -Z, --context       display task SELinux security contexts\n" +
        "   -z, --contexts      display task and socket SELinux security contexts\n" +
        "   -N, --net           switch to the specified network namespace name\n" +
        "\n" +
        "   -4, --ipv4          display only IP version 4 sockets\n" +
        "   -6, --ipv6          display only IP version 6 sockets\n" +
        "   -0, --packet        display PACKET sockets\n" +
        "   -t, --tcp           display only TCP sockets\n" +
        "   -M, --mptcp         display only MPTCP sockets\n" +
        "   -S, --sctp          display only SCTP sockets\n" +
        "   -u, --udp           display only UDP sockets\n" +
        "   -d, --dccp          display only DCCP sockets\n" +
        "   -w, --raw           display only RAW sockets\n" +
        "   -x, --unix          display only Unix domain sockets\n" +
        "       --tipc          display only TIPC sockets\n" +
        "       --vsock         display only vsock sockets\n" +
        "       --xdp           display only XDP sockets\n" +
        "   -f, --family=FAMILY display sockets of type FAMILY\n" +
        "       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}\n" +
        "\n" +
        "   -K, --kill          forcibly close sockets, display what was closed\n" +
        "   -H, --no-header     Suppress header line\n" +
        "   -Q, --no-queues     Suppress sending and receiving queue columns\n" +
        "   -O, --oneline       socket's data printed on a single line\n" +
        "       --inet-sockopt  show various inet socket options\n" +
        "\n" +
        "   -A, --query=QUERY, --socket=QUERY\n" +
        "       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]\n" +
        "\n" +
        "   -D, --diag=FILE     Dump raw information about TCP sockets to FILE\n" +
        "   -F, --filter=FILE   read filter information from FILE\n" +
        "       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]\n" +
        "       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}\n" +
        "         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}\n" +
        "          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n" +
        "       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n" +
        "             bucket := {syn-recv|time-wait}\n" +
        "                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n";
}
