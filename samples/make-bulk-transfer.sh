#!/bin/sh
# Makes samples/bulk-transfer.ssrec: a bulk transfer over loopback in a private network namespace (cubic) to a
# receiver that reads only 64 KiB every 10 ms, so queues build up; sampled with -tinm every 200 ms. Needs root,
# ip and python3. The transfer is stopped when sampling ends (the namespace is deleted).
set -u
cd "$(dirname "$0")"
NS=ssn-demo-$$
ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" python3 -c '
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 5201)); s.listen()
c, _ = s.accept()
while c.recv(1 << 16): time.sleep(0.01)' &
SERVER=$!
sleep 1
ip netns exec "$NS" python3 -c '
import socket, time
s = socket.create_connection(("127.0.0.1", 5201))
s.setsockopt(6, 13, b"cubic")  # TCP_CONGESTION
end = time.time() + 120
while time.time() < end: s.send(b"x" * 65536)' &
CLIENT=$!
sleep 1
dotnet run record.cs -- bulk-transfer.ssrec 20 200ms -tinm -N "$NS" state established
kill "$CLIENT" "$SERVER" 2>/dev/null
ip netns delete "$NS"
