#!/usr/bin/env python3
"""Writes corpus.txt: 400 malformed or edge-case ss command lines (see README.md for the format).

Deterministic: rerun it after changing the lists, then re-record the expectations with record.sh."""
import itertools
import os

SAFE = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=:/.,!()[]<>*@#&|+~^$;'?`")


def enc(value):
    """One word (str or bytes) in the corpus encoding: %XX for any other byte."""
    data = value.encode() if isinstance(value, str) else value
    if not data:
        return '""'
    return "".join(chr(b) if b in SAFE else "%%%02X" % b for b in data)


def rep(count, text, head="", tail=""):
    """A word of COUNT copies of TEXT (between HEAD and TAIL), kept short in the corpus."""
    part = lambda t: enc(t) if t else ""
    return part(head) + "{%d*%s}" % (count, enc(text)) + part(tail)


cases = []


def add(name, *words, env="-", stdin="-", raw=False):
    encoded = list(words) if raw else [enc(w) for w in words]
    cases.append((name, env, stdin, " ".join(encoded)))


# Unknown short options, alone and inside clusters.
for letter in "cgjkqyCGIJLPY7@%":
    add(f"unknown-short-{ord(letter):02x}", "-" + letter)
for cluster in ["-tq", "-tanc", "-xyz", "-tn-", "-t-a", "-ttttttttttttq"]:
    add("unknown-cluster", cluster)
# Unknown and malformed long options.
for option in ["--foo", "--tcpx", "--numerics", "--=x", "---", "--help=1", "--version=x", "--all=yes", "--tcp=1",
               "--tipcinfo=x", "--inet-sockopt=1", "--no-header=", "--kill=x", "--events=x", "--bpf=1", "--family",
               "--filter", "--diag", "--net", "--query", "--socket", "--bpf-map-id", "--bpf-map-id=", "--bpf-map-id=x",
               "--bpf-map-id=-1", "--bpf-map-id=4294967296", "--bpf-map-id=0x10", "--bpf-maps=1", "--FAMILY=inet",
               "--Tcp", "-- -t", "--context=1", "--xdp=x"]:
    add("long", *option.split(" "))
# Ambiguous and unique prefixes of long options.
for prefix in ["--i", "--n", "--e", "--p", "--s", "--t", "--u", "--c", "--b", "--d", "--m", "--r", "--in", "--no",
               "--co", "--bpf-m", "--ti", "--ne", "--so", "--mp", "--fa", "--q", "--ex", "--z"]:
    add("prefix", prefix)
# Options missing their argument, at the end or followed by another option.
for option in ["-f", "-A", "-D", "-F", "-N", "--query", "--family", "--diag", "--filter", "--net", "--socket"]:
    add("missing-argument", option)
    if option.startswith("--"):
        add("missing-argument-then-option", "-t", option)
for option in ["-tf", "-tA", "-tD", "-tF", "-tN", "-anf"]:
    add("missing-argument-cluster", option)
# -f and --family values.
for family in ["foo", "", "INET", "inet6x", "help", "unix,inet", "link", "netlink", "vsock", "tipc", "xdp", "0", "all",
               "inet ", "unix\n", "packet", "-t", "\xff"]:
    add("family", "-f", family)
add("family-twice", "-f", "inet", "-f", "unix")
add("family-equals", "--family=", "")
add("family-equals-bad", "--family=nope")
add("family-then-4", "-f", "unix", "-4")
add("family-help-with-others", "-t", "-f", "help")
# -A and --query lists.
for query in ["foo", "", ",", "tcp,,udp", "!all", "help", "all,!tcp", "inet,foo", "unix_foo", "packet_x", "tcp,", ",tcp",
              "!", "!!tcp", "TCP", "tcp udp", "vsock", "vsock_stream", "vsock_dgram", "tipc", "xdp", "netlink,!netlink",
              "inet,!inet", "all,!all", "packet_raw,packet_dgram,!packet", "raw,!raw", "\xfe"]:
    add("query", "-A", query)
add("query-long", "--query=tcp,udp,raw,unix,packet,netlink,all,!all,inet,!inet" + ",tcp" * 300)
add("query-huge-list", "-A", ",".join(["tcp", "udp"] * 5000))
add("socket-equals", "--socket=bogus")
# State words.
for words in [["state"], ["state", "foo"], ["exclude"], ["exclude", "foo"], ["state", "established", "state"],
              ["state", "ESTABLISHED"], ["state", "all"], ["state", "bucket"], ["state", "big"], ["state", ""],
              ["exclude", "all"], ["state", "fin-wait-3"],
              ["state", "syn_sent"], ["state", "time-wait", "sport"], ["state", "connected", "("],
              ["state", "synchronized", "and"], ["state", "closed", "state", "close-wait", "state", "last-ack", "foo"],
              ["state", "\xff"], ["-t", "state", "established", "exclude"], ["-x", "state", "listening", "foo"],
              ["state", "state"]]:
    add("state", *words)
# Broken filters, as one word and split over words.
filters = ["(", ")", "( sport = :22", "sport = :22 )", "sport", "sport =", "sport = :", "sport = :abc", "sport = :99999",
           "sport = :-1", "src", "src 1.2.3.4/33", "src 999.1.1.1", "src [::1", "src [zz::1]", "dst unix:", "src link:foo",
           "dev", "dev foo", "fwmark", "fwmark x", "fwmark 1/", "fwmark 1/x", "cgroup", "cgroup /nonexistent/ssn", "and",
           "or", "not", "sport = :22 and", "and sport = :22", "!", "! !", "autobound x", "src inet:foo.invalid",
           "src inet6:1.2.3.4", "src vsock:abc", "src netlink:x", "dport > :nosuchservice", "dport < :nosuchservice",
           "sport = :22 or or sport = :23", "( )", "(( sport = :1 )", "sport = :1 ))", "dst 1.2.3.4:99999",
           "dst [::1]:abc", "src *:*:*", "src :", "dst ::1", "dst 1.2.3.4/-1", "sport >= :", "sport eq", "sport neq :1 :2",
           "dport = :22 dport", "src unix:*", "src link:*:", "src netlink:*:abc", "src vsock:*:", "dev = ", "dev != ",
           "fwmark = 0x1/0x1/0x1", "sport = 1.2.3.4", "src 1.2.3.4:22:33", "exclude listening", "state", "\\", "sport\\",
           "#", "not not", "not ( )", "autobound autobound",
           "dport != :", "dst 1.2.3", "src 1.2.3.4/", "src [::1]/129",
           "src inet:", "src inet6:", "src unix:" + "x" * 200, "dst link:0x800:1:2"]
for text in filters:
    add("filter", "-t", text)
for text in filters[:12]:
    add("filter-words", "-t", *text.split(" "))
# Files and namespaces that are missing or odd.
for path in ["/nonexistent/ssn-filter", "/", "/etc", "/dev/null", "/proc/self/mem", "/proc/version", "",
             "/dev/full", "-", "--", "-x"]:
    add("filter-file", "-t", "-F", path)
add("filter-file-stdin", "-t", "-F", "-", stdin=enc("sport = :22\n"))
add("filter-file-stdin-broken", "-t", "-F", "-", stdin=enc("sport = :22 (\n"))
add("filter-file-stdin-long-line", "-t", "-F", "-", stdin=rep(2000, "x") + "%0A")
add("filter-file-stdin-nul", "-t", "-F", "-", stdin=enc("sport = :22\x00\n"))
add("filter-file-stdin-empty-line", "-t", "-F", "-", stdin=enc("\nsport = :22\n"))
add("filter-file-stdin-comments", "-t", "-F", "-", stdin=enc("# c\n0 zero\nsport = :22\n"))
add("filter-file-stdin-1mb", "-t", "-F", "-", stdin="{87382*sport%20=%20:1%0A}")
add("filter-file-and-words", "-t", "-F", "-", "sport", "=", ":22", stdin=enc("or dport = :23\n"))
for name in ["nonexistent-ssn", "", "../x", "/etc/passwd", "\xff", "a" * 300, ".", "..", "a/b"]:
    add("netns", "-N", name, "-t")
add("netns-long", "--net=nonexistent-ssn", "-t")
add("netns-twice", "-N", "x", "-N", "y")
# -D to odd places (a temporary path only; ss and ssn run in their own namespaces).
for path in ["", "/proc/version", "/dev/full", "/nonexistent/dir/dump", "/tmp/ssn-cmdline-dump", "-"]:
    add("dump", "-D", path, "-t")
add("dump-with-filter", "-D", "/tmp/ssn-cmdline-dump", "-t", "sport", "=", ":22")
add("dump-with-bad-filter", "-D", "/tmp/ssn-cmdline-dump", "-t", "sport", "=")
# Huge numbers.
for text in ["sport = :4294967296", "sport = :18446744073709551616", "dport >= 99999999999999999999",
             "fwmark 0x100000000", "fwmark 4294967296/1", "fwmark 1/18446744073709551616", "src 1.2.3.4/4294967296",
             "src 1.2.3.4:4294967297", "dst [::1]:18446744073709551615", "sport = :-9223372036854775809",
             "src link:4294967296:1", "src vsock:4294967296:1", "src netlink:1:4294967296", "dev if4294967296",
             "sport = :0x10000", "sport = :0000000000000000000000022", "sport = :1e3"]:
    add("huge-number", "-t", text)
# Empty, long and 1 MB arguments.
add("empty", "")
add("empties", "", "", "")
add("empty-after-option", "-t", "")
add("empty-between", "-t", "", "-a")
add("long-single-argument", "-t", raw=True)
cases[-1] = (cases[-1][0], "-", "-", "-t " + rep(43000, "or ", "sport = :1 ", "sport = :2"))
for count, word in [(9, 116000)]:
    words = ["-t"] + [rep(word // 14, "sport = :1 or ", tail="sport = :2 or") for _ in range(count)] + [enc("sport = :3")]
    cases.append(("one-megabyte-of-filter", "-", "-", " ".join(words)))
cases.append(("deep-not", "-", "-", "-t " + rep(30000, "not ", tail="sport = :1")))
cases.append(("deep-parentheses", "-", "-", "-t " + rep(50000, "( ", tail="sport = :1")))
cases.append(("deep-balanced", "-", "-", "-t " + rep(5000, "( ", tail="sport = :1") + rep(5000, " )")))
cases.append(("many-or", "-", "-", "-t " + rep(5000, "sport = :1 or ", tail="sport = :2")))
cases.append(("many-options", "-", "-", " ".join(["-t"] * 5000)))
cases.append(("many-state-words", "-", "-", "-t " + " ".join(["state", "established"] * 2000)))
# Bytes that are not UTF-8.
for words in [["-t", b"\xff"], [b"--\xff"], ["-f", b"\xfe"], ["state", b"\xff"], ["-t", b"src \xff"], ["-N", b"\xff"],
              [b"-\xc3"], [b"-t\xff"], ["-A", b"tcp,\xff"], ["-t", b"sport = :\xe2\x82"], ["-t", b"dev \xff\xfe"],
              ["-t", b"src unix:\xff*"], [b"\x80"], ["-F", b"/nonexistent/\xff"], ["-D", b"/nonexistent/\xff"]]:
    add("not-utf8", *words)
# Edge cases that succeed (or refuse politely) in an empty namespace.
for line in ["-tan", "-h", "-V", "--help", "--version", "-V -t", "-h -t", "-tanH", "-4 -6 -t", "-6 -4 -t", "-0", "-x -a",
             "-tuwxa", "-s", "-s -t", "-tlnQ", "-tO", "-E", "-K", "-b -t", "-Z -t", "-z -t", "--bpf-maps", "--bpf-map-id=1",
             "-tipcinfo", "--tipcinfo", "-B -t", "-r -t", "-H -t -- sport = :22", "-t -- -a", "-t sport = :22 -a", "-a -l",
             "-t -e -o -m -i -p -T", "-f inet -4", "-f unix -f inet", "-A all", "-A inet", "-A unix", "-A packet",
             "-A netlink", "-Mt", "-S", "-d", "-w", "--vsock", "--xdp", "--tipc"]:
    if line in ("-K", "-E"):
        continue
    add("edge", *line.split(" "))
add("posixly-correct", "-t", "sport", "=", ":22", "-a", env="POSIXLY_CORRECT=1")
add("posixly-correct-option-after", "sport", "=", ":22", "-t", env="POSIXLY_CORRECT=1")
add("tcpdiag-file-missing", "-t", env="TCPDIAG_FILE=/nonexistent/ssn")
add("tcpdiag-file-null", "-t", env="TCPDIAG_FILE=/dev/null")
add("tcpdiag-file-dir", "-t", env="TCPDIAG_FILE=/")
add("proc-root-missing", "-t", env="PROC_ROOT=/nonexistent/ssn")
add("proc-net-tcp-null", "-t", env="PROC_NET_TCP=/dev/null")

# The corpus is 400 lines; names get a number so every id is unique.
print("total", len(cases))
assert len(cases) == 400, len(cases)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "corpus.txt"), "w", encoding="ascii") as out:
    out.write("# Malformed and edge-case ss command lines; made by make-corpus.py, format in README.md.\n")
    for number, (name, env, stdin, words) in enumerate(cases):
        out.write(f"{number:03d}-{name}\t{env}\t{stdin}\t{words}\n")
print(len(cases), "cases")
