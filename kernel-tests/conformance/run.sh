#!/usr/bin/env bash
# Differential conformance: every line of the corpus runs through the oracle ss and through ssn, in one private
# network namespace holding a fixed socket population (kernel-tests/tools/sockets.c, mode "fixed"), and their
# standard output and exit status must be equal after the normalisations below.
#
# usage: kernel-tests/conformance/run.sh SSN [CORPUS] [REPORT]
#   SSN     the ssn binary (artifacts/ssn/ssn)
#   CORPUS  one ss command line per line, '#' comments (default: corpus.txt next to this script)
#   REPORT  where the differences go (default: artifacts/test-results/conformance.txt)
# The oracle: $SS_ORACLE when set; else ../shared/oracle/ss-6.10 beside the repository when present; else the
# installed ss (Debian 12's is 6.1, which needs the version normalisations below).
# Prints "conformance: K/N identical (oracle ...)" last and exits 0 only when K == N. Needs root.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 SSN [CORPUS] [REPORT]   (SSN: the ssn binary, e.g. artifacts/ssn/ssn)" >&2
  exit 2
fi
ssn="$(realpath "$1")"
corpus="${2:-$here/corpus.txt}"
report="${3:-$root/artifacts/test-results/conformance.txt}"
mkdir -p "$(dirname "$report")"

work="$(mktemp -d /tmp/ssn-conformance.XXXXXX)"
ns="ssnconf$$x$RANDOM"
population=
cleanup() {
  [ -n "$population" ] && kill "$population" 2>/dev/null && wait "$population" 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 3' INT TERM

# Both tools run under the name "ss": a netlink listing shows each tool's own sock_diag socket as
# "tcpdiag:NAME/PID", whose width sets the column width of every line.
mkdir "$work/oracle" "$work/candidate" "$work/unix"
if [ -n "${SS_ORACLE:-}" ]; then
  ln -s "$(realpath "$(command -v "$SS_ORACLE")")" "$work/oracle/ss"
elif [ -x "$root/../shared/oracle/ss-6.10" ]; then
  # Its wrapper installs the runtime libraries it needs the first time.
  "$root/../shared/oracle/ss-6.10.sh" -V >/dev/null 2>&1
  ln -s "$(realpath "$root/../shared/oracle/ss-6.10")" "$work/oracle/ss"
else
  ln -s "$(command -v ss)" "$work/oracle/ss"
fi
ln -s "$ssn" "$work/candidate/ss"
version="$("$work/oracle/ss" -V 2>/dev/null | sed -nE 's/.*iproute2-([0-9.]+).*/\1/p')"

gcc -O2 -Wall -Wextra -Werror -o "$work/sockets" "$root/kernel-tests/tools/sockets.c" || exit 2
ip netns add "$ns" || exit 2
ip -n "$ns" link set lo up
ip netns exec "$ns" "$work/sockets" fixed "$work/ready" "$work/unix" &
population=$!
for _ in $(seq 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
[ -s "$work/ready" ] || { echo "conformance: the socket population did not start"; exit 2; }

normalise() {
  local rules=(
    # Ages and timers move between the two runs.
    -e 's/(lastsnd|lastrcv|lastack|busy):[0-9]+/\1:N/g'
    -e 's/timer:\(([a-z_]+),[^,)]*/timer:(\1,T/g'
  )
  if [ "$version" != 6.10.0 ]; then
    rules+=(
      # 6.1 prints the Process header without -p and pads every line to it; 6.10 does neither.
      -e '/^(Netid|State|Recv-Q) /s/Process *$//' -e 's/ +$//'
      # Fields 6.1 does not know yet.
      -e 's/ (rcv_wnd|rehash):[0-9]+//g'
    )
  fi
  # Each tool's own sock_diag socket (protocol 4, "tcpdiag" by name) differs by process.
  sed -E "${rules[@]}" | grep -vE '^(nl +)?[A-Z-]+ +[0-9]+ +[0-9]+ +(tcpdiag|4):[^k*]'
}

run() { # TOOL_DIR LINE: stdout normalised, then the exit status
  local out status
  out="$(cd "$work" && ip netns exec "$ns" env PATH="$1:$PATH" bash -c "ss $2" 2>/dev/null)"
  status=$?
  printf '%s\n' "$out" | normalise
  echo "exit status $status"
}

: >"$report"
total=0 same=0
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  total=$((total + 1))
  want="$(run "$work/oracle" "$line")"
  got="$(run "$work/candidate" "$line")"
  if [ "$want" == "$got" ]; then
    same=$((same + 1))
  else
    { echo "=== ss $line"; diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -20; } >>"$report"
  fi
done <"$corpus"
echo "conformance: $same/$total identical (oracle ss $version; differences in $report)"
[ "$same" -eq "$total" ]
