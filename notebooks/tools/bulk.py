#!/usr/bin/env python3
"""A bulk TCP transfer over loopback for the investigation notebook: one process, a receiver and a sender.

    bulk.py --port PORT --cc CONGESTION --seconds SECONDS [--address 127.0.0.1] [--read-delay MS]

The receiver listens on ADDRESS:PORT and reads as fast as it can (or sleeps READ-DELAY ms between 64 KiB reads, to
make the receive side the bottleneck); the sender connects with the congestion control CONGESTION (set through
TCP_CONGESTION before connecting, so the whole connection uses it) and writes for SECONDS, then both close and the
process exits. It prints one line "connected LOCAL_PORT -> PORT (CONGESTION)" once the connection is up, so a caller
can start sampling right then, and "done BYTES bytes in SECONDS s (MBIT Mbit/s)" at the end.
Run it inside a namespace with `ip netns exec NS python3 bulk.py ...`.
"""
import argparse
import socket
import sys
import threading
import time

TCP_CONGESTION = getattr(socket, "TCP_CONGESTION", 13)
CHUNK = 64 * 1024


def receive(listener, read_delay, received):
    connection, _ = listener.accept()
    with connection:
        while True:
            data = connection.recv(CHUNK)
            if not data:
                break
            received[0] += len(data)
            if read_delay:
                time.sleep(read_delay)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cc", default="cubic", help="congestion control: reno, cubic, bbr, ...")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--address", default="127.0.0.1")
    parser.add_argument("--read-delay", type=float, default=0, help="ms to sleep between reads (default: none)")
    args = parser.parse_args()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.address, args.port))
    listener.listen(1)
    received = [0]
    receiver = threading.Thread(target=receive, args=(listener, args.read_delay / 1000, received), daemon=True)
    receiver.start()

    sender = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sender.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, args.cc.encode())
    except OSError as error:
        sys.exit(f"bulk.py: congestion control {args.cc!r} is not available: {error}")
    sender.connect((args.address, args.port))
    print(f"connected {sender.getsockname()[1]} -> {args.port} ({args.cc})", flush=True)

    payload = b"\0" * CHUNK
    sent = 0
    start = time.monotonic()
    end = start + args.seconds
    while time.monotonic() < end:
        sent += sender.send(payload)
    sender.shutdown(socket.SHUT_WR)
    receiver.join(timeout=10)
    sender.close()
    listener.close()
    elapsed = time.monotonic() - start
    print(f"done {received[0]} bytes in {elapsed:.1f} s ({received[0] * 8 / elapsed / 1e6:.1f} Mbit/s)", flush=True)


if __name__ == "__main__":
    main()
