#!/usr/bin/env bash
# Regenerates tcp4.dump and tcp6.dump, the TCPDIAG_FILE recordings the filter cases replay: the "documentation"
# population of kernel-tests/tools/sockets.c in a private namespace, dumped by ssn -D (sock_diag replies as the
# kernel sent them). Run once by hand as root; the expected outputs in cases.txt must then be reviewed and updated,
# since inodes, cookies and timers change. usage: make-dumps.sh SSN
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ssn="$(realpath "$1")"
work="$(mktemp -d)"
ns="ssndump$$x$RANDOM"
trap 'kill "${pid:-}" 2>/dev/null || true; wait; ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"' EXIT
gcc -O2 -Wall -Wextra -Werror -o "$work/sockets" "$here/../../tools/sockets.c"
ip netns add "$ns"
ip -n "$ns" link set lo up
for address in 192.0.2.1/24 192.0.2.10/32 192.0.2.11/32 192.0.2.12/32 192.0.2.200/32; do
  ip -n "$ns" addr add "$address" dev lo
done
for address in 2001:db8::1/64 2001:db8::10/128 2001:db8::11/128; do
  ip -n "$ns" -6 addr add "$address" dev lo nodad
done
ip netns exec "$ns" "$work/sockets" documentation "$work/ready" &
pid=$!
for _ in $(seq 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
ip netns exec "$ns" "$ssn" -4 -tan -D "$here/tcp4.dump"
ip netns exec "$ns" "$ssn" -6 -tan -D "$here/tcp6.dump"
