#!/bin/sh
# Makes samples/tbf-cubic-vs-bbr.ssrec: the investigation notebook's experiment as one replayable recording.
# In a private network namespace, loopback (MTU 1500) goes through a tbf bottleneck of 20 Mbit/s (at most 50 ms of
# queue); a cubic bulk transfer to port 5201 runs for 6 s, then a bbr one to port 5202 for 6 s
# (notebooks/tools/bulk.py), while `ss -tinm state established '( dport = :5201 or dport = :5202 )'` (the senders'
# sockets only) is sampled every 250 ms, 60 times, by record.cs. Needs root, ip, tc, python3 and the .NET SDK.
# Usage: samples/make-tbf-cubic-vs-bbr.sh [OUT.ssrec]
set -eu
cd "$(dirname "$0")"
out=${1:-tbf-cubic-vs-bbr.ssrec}
ns=ssnb-rec-$$
bulk=../notebooks/tools/bulk.py
sampler=

cleanup() {
  # Only what this script started: the sampler (if still running) and the namespace (with any transfer in it).
  if [ -n "$sampler" ]; then
    kill "$sampler" 2>/dev/null || true
  fi
  ip netns delete "$ns" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

grep -qw bbr /proc/sys/net/ipv4/tcp_available_congestion_control || modprobe tcp_bbr
ip netns add "$ns"
ip -n "$ns" link set lo up mtu 1500
tc -n "$ns" qdisc add dev lo root tbf rate 20mbit burst 20kb latency 50ms

# Build first, so the sampler starts quickly.
dotnet build record.cs -v:q -nologo >/dev/null

# The sampler starts first and the transfers once it has taken its first sample, so the recording shows cubic's
# slow start from the beginning; the transfers run one after the other, each for 6 s.
log=$(mktemp)
dotnet run --no-build record.cs -- "$out" 60 250ms -tinm -N "$ns" state established '( dport = :5201 or dport = :5202 )' 2>"$log" &
sampler=$!
tries=0
until grep -q '^sample 1:' "$log"; do
  tries=$((tries + 1))
  [ "$tries" -lt 300 ] || { echo "the sampler did not start:"; cat "$log"; exit 1; } >&2
  sleep 0.05
done
ip netns exec "$ns" python3 "$bulk" --port 5201 --cc cubic --seconds 6
ip netns exec "$ns" python3 "$bulk" --port 5202 --cc bbr --seconds 6
wait "$sampler"
sampler=
rm -f "$log"
rm -f "${out%.ssrec}.html"  # record.cs also writes the charts as a page: not kept here
ls -l "$out"
