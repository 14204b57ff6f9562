/*
 * Socket populations for the conformance harness and the benchmark, run inside a network namespace the caller created
 * (with lo up). Two modes:
 *
 *   sockets fixed READY_FILE
 *       A small deterministic population of every family ss lists: TCP v4/v6 listening, established (some with
 *       unread data), time-wait; UDP bound and connected; raw; unix stream/dgram/seqpacket with a path, an
 *       abstract name and none; packet raw/dgram; netlink. The conformance harness compares ss and ssn on it.
 *
 *   sockets documentation READY_FILE
 *       TCP listeners and connections on documentation addresses, for the TCPDIAG_FILE dumps of the filter cases.
 *
 *   sockets mass READY_FILE PAIRS [V6_PERCENT]
 *       PAIRS established loopback TCP connections (2*PAIRS sockets), V6_PERCENT (default 50) of them over ::1,
 *       for the benchmark. 8 of them ("needles") go to port 5001, the rest are spread over 16 service ports.
 *
 * Both write "pid=N" and a few counts to READY_FILE once everything exists, then wait for SIGTERM/SIGINT and exit.
 * Every address and port is bound explicitly, so the namespace's ephemeral range is never involved.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "sockets: ");
    vfprintf(stderr, format, args);
    fprintf(stderr, ": %s\n", strerror(errno));
    va_end(args);
    exit(1);
}

static int check(int result, const char *what)
{
    if (result < 0)
        die("%s", what);
    return result;
}

/* An IPv4 or IPv6 address with a port, as bind/connect take it. */
struct endpoint {
    struct sockaddr_storage address;
    socklen_t length;
};

static struct endpoint inet(const char *host, unsigned port)
{
    struct endpoint e;
    memset(&e, 0, sizeof e);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&e.address;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&e.address;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        e.length = sizeof *v4;
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        e.length = sizeof *v6;
    } else {
        errno = EINVAL;
        die("bad address %s", host);
    }
    return e;
}

static int bound(int type, struct endpoint local)
{
    int fd = check(socket(local.address.ss_family, type, 0), "socket");
    int one = 1;
    check(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), "SO_REUSEADDR");
    check(bind(fd, (struct sockaddr *)&local.address, local.length), "bind");
    return fd;
}

static int listener(const char *host, unsigned port, int backlog, int v6only)
{
    struct endpoint local = inet(host, port);
    int fd = check(socket(local.address.ss_family, SOCK_STREAM, 0), "socket");
    int one = 1;
    check(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), "SO_REUSEADDR");
    if (v6only >= 0)
        check(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only), "IPV6_V6ONLY");
    check(bind(fd, (struct sockaddr *)&local.address, local.length), "bind listener");
    check(listen(fd, backlog), "listen");
    return fd;
}

/* Connects local to remote through the listener; the accepted socket goes to *accepted. Loopback completes the
 * handshake inside connect(), so the accept never waits. */
static int connected(int listen_fd, struct endpoint local, struct endpoint remote, int *accepted)
{
    int fd = bound(SOCK_STREAM, local);
    check(connect(fd, (struct sockaddr *)&remote.address, remote.length), "connect");
    *accepted = check(accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC), "accept");
    return fd;
}

static volatile sig_atomic_t stopping;

static void on_stop(int signal_number)
{
    (void)signal_number;
    stopping = 1;
}

static void write_ready(const char *path, const char *details)
{
    char temporary[4096];
    snprintf(temporary, sizeof temporary, "%s.tmp", path);
    FILE *file = fopen(temporary, "w");
    if (file == NULL)
        die("open %s", temporary);
    fprintf(file, "pid=%d\n%s", getpid(), details);
    if (fclose(file) != 0 || rename(temporary, path) != 0)
        die("write %s", path);
}

static void wait_for_stop(void)
{
    sigset_t none;
    sigemptyset(&none);
    while (!stopping)
        sigsuspend(&none);
}

static void trap_stop_signals(void)
{
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
}

/* ---- fixed ---------------------------------------------------------------------------------------------------- */

static int unix_bound(int type, const char *name, int listening)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    socklen_t length;
    if (name[0] == '@') {
        /* Abstract: a leading NUL, then the name without its terminator. */
        memcpy(address.sun_path + 1, name + 1, strlen(name) - 1);
        length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(name));
    } else {
        unlink(name);
        memcpy(address.sun_path, name, strlen(name));
        length = sizeof address;
    }
    int fd = check(socket(AF_UNIX, type, 0), "unix socket");
    check(bind(fd, (struct sockaddr *)&address, length), "unix bind");
    if (listening)
        check(listen(fd, 4), "unix listen");
    return fd;
}

static int unix_connected(int type, const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, path, strlen(path));
    int fd = check(socket(AF_UNIX, type, 0), "unix socket");
    check(connect(fd, (struct sockaddr *)&address, sizeof address), "unix connect");
    return fd;
}

static void fill(int fd, size_t bytes)
{
    char buffer[4096];
    memset(buffer, 'x', sizeof buffer);
    while (bytes > 0) {
        size_t chunk = bytes < sizeof buffer ? bytes : sizeof buffer;
        ssize_t sent = check((int)send(fd, buffer, chunk, 0), "send");
        bytes -= (size_t)sent;
    }
}

/* The client closes first and the server follows, which leaves the client's side in TIME-WAIT for 60 s. */
static void time_wait(int listen_fd, const char *host, unsigned port, const char *server, unsigned server_port)
{
    int accepted;
    int fd = connected(listen_fd, inet(host, port), inet(server, server_port), &accepted);
    close(fd);
    char byte;
    while (read(accepted, &byte, 1) > 0) {
    }
    close(accepted);
}

static int fixed(const char *ready, const char *directory)
{
    /* TCP listeners: a loopback service, wildcard v4, a v6 service, a dual-stack and a v6-only wildcard. */
    int service4 = listener("127.0.0.1", 5001, 128, -1);
    listener("0.0.0.0", 22, 64, -1);
    listener("127.0.0.1", 80, 16, -1);
    int service6 = listener("::1", 443, 32, -1);
    listener("::", 8080, 10, 0);
    listener("::", 8443, 10, 1);

    /* Established: five v4 pairs from 127.0.0.2 with 0..4000 unread bytes at the server, three v6 pairs. */
    for (unsigned i = 0; i < 5; i++) {
        int accepted;
        int client = connected(service4, inet("127.0.0.2", 40001 + i), inet("127.0.0.1", 5001), &accepted);
        fill(client, i * 1000);
    }
    for (unsigned i = 0; i < 3; i++) {
        int accepted;
        connected(service6, inet("::1", 41001 + i), inet("::1", 443), &accepted);
    }
    time_wait(service4, "127.0.0.3", 42001, "127.0.0.1", 5001);
    time_wait(service6, "::1", 42002, "::1", 443);

    /* UDP: wildcard and loopback v4, wildcard v6, one connected v4 socket. */
    bound(SOCK_DGRAM, inet("0.0.0.0", 53));
    bound(SOCK_DGRAM, inet("127.0.0.1", 5353));
    bound(SOCK_DGRAM, inet("::", 123));
    int udp = bound(SOCK_DGRAM, inet("127.0.0.3", 45000));
    struct endpoint dns = inet("127.0.0.1", 53);
    check(connect(udp, (struct sockaddr *)&dns.address, dns.length), "udp connect");

    /* Raw: ICMP and ICMPv6. */
    check(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), "raw icmp");
    check(socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6), "raw icmpv6");

    /* Unix: a stream listener with a path and one connection carrying 300 unread bytes, an abstract stream
     * listener, an abstract dgram socket, an abstract seqpacket listener, an unnamed stream pair. */
    /* The names must fit sun_path with room for a terminator. */
    char path[sizeof ((struct sockaddr_un *)0)->sun_path];
    if ((size_t)snprintf(path, sizeof path, "%s/stream.sock", directory) >= sizeof path) {
        errno = ENAMETOOLONG;
        die("%s", directory);
    }
    int unix_listener = unix_bound(SOCK_STREAM, path, 1);
    unix_bound(SOCK_STREAM, "@ssconf-abstract", 1);
    int unix_client = unix_connected(SOCK_STREAM, path);
    check(accept4(unix_listener, NULL, NULL, SOCK_CLOEXEC), "unix accept");
    fill(unix_client, 300);
    unix_bound(SOCK_DGRAM, "@ssconf-dgram", 0);
    unix_bound(SOCK_SEQPACKET, "@ssconf-seq", 1);
    int pair[2];
    check(socketpair(AF_UNIX, SOCK_STREAM, 0, pair), "socketpair");

    /* Packet: a raw socket bound to lo for every protocol, an unbound dgram socket for IPv4. */
    int packet = check(socket(AF_PACKET, SOCK_RAW, htons(0x0003)), "packet raw");
    struct sockaddr_ll link;
    memset(&link, 0, sizeof link);
    link.sll_family = AF_PACKET;
    link.sll_protocol = htons(0x0003);
    link.sll_ifindex = (int)if_nametoindex("lo");
    check(bind(packet, (struct sockaddr *)&link, sizeof link), "packet bind");
    check(socket(AF_PACKET, SOCK_DGRAM, htons(0x0800)), "packet dgram");

    /* Netlink: a route socket joined to the link group. */
    int route = check(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), "netlink");
    struct sockaddr_nl groups;
    memset(&groups, 0, sizeof groups);
    groups.nl_family = AF_NETLINK;
    groups.nl_groups = 1;
    check(bind(route, (struct sockaddr *)&groups, sizeof groups), "netlink bind");

    write_ready(ready, "");
    wait_for_stop();
    unlink(path);
    return 0;
}

/* ---- documentation ------------------------------------------------------------------------------------------ */

/* TCP only, on documentation prefixes (192.0.2.0/24, 2001:db8::/32, added to lo by the caller), for the
 * TCPDIAG_FILE dumps of kernel-tests/conformance/filter: what the filter cases select must not depend on loopback. */
static int documentation(const char *ready)
{
    listener("0.0.0.0", 22, 128, -1);
    int web = listener("192.0.2.1", 80, 64, -1);
    int tls = listener("192.0.2.1", 443, 64, -1);
    int ssh6 = listener("::", 22, 128, 1);
    int tls6 = listener("2001:db8::1", 443, 32, -1);
    int ssh4 = listener("192.0.2.1", 2222, 16, -1);
    static const struct {
        const char *client;
        unsigned port;
        const char *server;
        unsigned server_port;
    } pairs[] = {
        {"192.0.2.10", 50080, "192.0.2.1", 80},   {"192.0.2.11", 50081, "192.0.2.1", 80},
        {"192.0.2.10", 50443, "192.0.2.1", 443},  {"192.0.2.1", 33000, "192.0.2.1", 2222},
        {"192.0.2.200", 1023, "192.0.2.1", 2222}, {"2001:db8::10", 51000, "2001:db8::1", 443},
        {"2001:db8::11", 51001, "2001:db8::1", 443}, {"2001:db8::10", 51022, "2001:db8::1", 22},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        int to = pairs[i].server_port == 80 ? web : pairs[i].server_port == 2222 ? ssh4
                 : pairs[i].server_port == 22 ? ssh6 : strchr(pairs[i].server, ':') ? tls6 : tls;
        int accepted;
        int client = connected(to, inet(pairs[i].client, pairs[i].port), inet(pairs[i].server, pairs[i].server_port),
                               &accepted);
        fill(client, 100 * i);
    }
    time_wait(web, "192.0.2.12", 50100, "192.0.2.1", 80);
    write_ready(ready, "");
    wait_for_stop();
    return 0;
}

/* ---- mass ----------------------------------------------------------------------------------------------------- */

enum { services = 16, needles = 8, first_client_port = 10000, last_client_port = 60999 };

/* Pair j of a family: the server port, and the client port. Up to `services` clients share one client address and
 * port (SO_REUSEADDR, none of them listening), each towards a different server port, so every 4-tuple is unique
 * with a single loopback address per family. */
static unsigned server_port(long j)
{
    return j < needles / 2 ? 5001 : 6000 + (unsigned)((j - needles / 2) % services);
}

static unsigned client_port(long j)
{
    return j < needles / 2 ? first_client_port + (unsigned)j
                           : first_client_port + needles / 2 + (unsigned)((j - needles / 2) / services);
}

struct family {
    const char *host;
    long pairs;
    int listeners[services + 1]; /* [services] is the needle port */
};

static int listener_for(const struct family *family, long j)
{
    unsigned port = server_port(j);
    return port == 5001 ? family->listeners[services] : family->listeners[port - 6000];
}

static int *clients;
static long client_count;

static void on_stop_reset(int signal_number)
{
    (void)signal_number;
    /* A reset on close leaves no TIME-WAIT behind, so the namespace goes away at once. */
    struct linger reset = {1, 0};
    for (long i = 0; i < client_count; i++)
        setsockopt(clients[i], SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    _exit(0);
}

/* A holder process: builds pairs [from, to) of each family into its own descriptors, reports, then waits. */
static void hold(struct family *families, long from[2], long to[2], int report)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    clients = calloc((size_t)(to[0] - from[0] + to[1] - from[1]) + 1, sizeof *clients);
    if (clients == NULL)
        die("calloc");
    for (int f = 0; f < 2; f++) {
        for (long j = from[f]; j < to[f]; j++) {
            int accepted;
            clients[client_count++] = connected(listener_for(&families[f], j), inet(families[f].host, client_port(j)),
                                                inet(families[f].host, server_port(j)), &accepted);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_reset;
    sigaction(SIGTERM, &action, NULL);
    sigset_t unblocked;
    sigemptyset(&unblocked);
    sigaddset(&unblocked, SIGTERM);
    sigprocmask(SIG_UNBLOCK, &unblocked, NULL);
    check((int)write(report, "1", 1), "report");
    for (;;)
        pause();
}

static int mass(const char *ready, long pairs, long v6_percent)
{
    long v6 = pairs * v6_percent / 100;
    struct family families[2] = {{"127.0.0.1", pairs - v6, {0}}, {"::1", v6, {0}}};
    long per_family_limit = (long)(last_client_port - first_client_port + 1 - needles) * services;
    for (int f = 0; f < 2; f++) {
        if (families[f].pairs > per_family_limit) {
            errno = ERANGE;
            die("at most %ld pairs per family", per_family_limit);
        }
        for (int s = 0; s < services; s++)
            families[f].listeners[s] = listener(families[f].host, 6000 + (unsigned)s, 4096, f == 1 ? 1 : -1);
        families[f].listeners[services] = listener(families[f].host, 5001, 4096, f == 1 ? 1 : -1);
    }

    /* Each socket is a descriptor. Raise the limit as far as the hard limit allows (root may raise that too);
     * what does not fit in one process is spread over holders, each within the limit. */
    struct rlimit limit;
    check(getrlimit(RLIMIT_NOFILE, &limit), "getrlimit");
    rlim_t wanted = (rlim_t)(2 * pairs + 256);
    struct rlimit raised = {wanted, wanted};
    if (wanted > limit.rlim_max && setrlimit(RLIMIT_NOFILE, &raised) == 0)
        limit = raised;
    limit.rlim_cur = limit.rlim_max;
    check(setrlimit(RLIMIT_NOFILE, &limit), "setrlimit");
    long per_holder = ((long)limit.rlim_cur - 2 * (services + 1) - 64) / 2;
    if (per_holder < 1) {
        errno = EMFILE;
        die("descriptor limit %ld too low", (long)limit.rlim_cur);
    }

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int report[2];
    check(pipe(report), "pipe");
    long holders = 0;
    long done[2] = {0, 0};
    pid_t children[4096];
    while (done[0] < families[0].pairs || done[1] < families[1].pairs) {
        long from[2] = {done[0], done[1]}, to[2];
        long room = per_holder;
        for (int f = 0; f < 2; f++) {
            long take = families[f].pairs - done[f] < room ? families[f].pairs - done[f] : room;
            to[f] = done[f] + take;
            room -= take;
        }
        if (holders == (long)(sizeof children / sizeof children[0])) {
            errno = E2BIG;
            die("too many holder processes");
        }
        pid_t child = check(fork(), "fork");
        if (child == 0)
            hold(families, from, to, report[1]);
        children[holders++] = child;
        char byte;
        /* One holder at a time: a connection is then always accepted by the holder that made it. */
        if (read(report[0], &byte, 1) != 1) {
            errno = ECHILD;
            die("holder %d failed", child);
        }
        done[0] = to[0];
        done[1] = to[1];
    }
    clock_gettime(CLOCK_MONOTONIC, &end);

    char details[512];
    snprintf(details, sizeof details, "pairs_v4=%ld\npairs_v6=%ld\nholders=%ld\nseconds=%.2f\n", families[0].pairs,
             families[1].pairs, holders, (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    write_ready(ready, details);
    wait_for_stop();
    for (long h = 0; h < holders; h++)
        kill(children[h], SIGTERM);
    for (long h = 0; h < holders; h++)
        waitpid(children[h], NULL, 0);
    unlink(ready);
    return 0;
}

int main(int argc, char **argv)
{
    trap_stop_signals();
    if (argc == 4 && strcmp(argv[1], "fixed") == 0)
        return fixed(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "documentation") == 0)
        return documentation(argv[2]);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "mass") == 0) {
        long pairs = strtol(argv[3], NULL, 10);
        long v6_percent = argc == 5 ? strtol(argv[4], NULL, 10) : 50;
        if (pairs >= 0 && v6_percent >= 0 && v6_percent <= 100)
            return mass(argv[2], pairs, v6_percent);
    }
    fprintf(stderr, "usage: sockets fixed READY_FILE UNIX_DIR\n"
                    "       sockets documentation READY_FILE\n"
                    "       sockets mass READY_FILE PAIRS [V6_PERCENT]\n");
    return 2;
}
