#!/usr/bin/env python3
"""Holds N slow connections (a header byte per second each, reconnecting when the server closes
one) while it times normal requests, first without and then with the slow crowd.

usage: slow_clients.py PORT [--conns 1000] [--seconds 30]
"""
import argparse
import http.client
import selectors
import socket
import statistics
import threading
import time


def time_requests(port, seconds):
    latencies, errors = [], 0
    end = time.monotonic() + seconds
    conn = None
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/")
            resp = conn.getresponse()
            resp.read()
            if resp.status != 200:
                errors += 1
            latencies.append(time.monotonic() - start)
        except Exception:
            errors += 1
            conn = None
    return latencies, errors


def summary(latencies, errors):
    if not latencies:
        return "no successful requests, %d errors" % errors
    q = statistics.quantiles(latencies, n=100)
    return "%d requests, %d errors, p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        len(latencies), errors, q[49] * 1000, q[98] * 1000, max(latencies) * 1000)


def hold(port, conns, stop, stats):
    sel = selectors.DefaultSelector()

    def connect():
        s = socket.create_connection(("127.0.0.1", port))
        s.setblocking(False)
        s.sendall(b"GET / HTTP/1.1\r\nHost: slow\r\n")
        sel.register(s, selectors.EVENT_READ)
        stats["opened"] += 1
        return s

    socks = set()
    for _ in range(conns):
        socks.add(connect())
    stats["held"] = len(socks)
    while not stop.is_set():
        for s in list(socks):
            try:
                s.send(b"X")
            except OSError:
                pass
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            for key, _ in sel.select(timeout=max(0, deadline - time.monotonic())):
                s = key.fileobj
                try:
                    data = s.recv(4096)
                except OSError:
                    data = b""
                if data.startswith(b"HTTP/1.1 408"):
                    stats["408"] += 1
                if not data or data.startswith(b"HTTP/"):
                    sel.unregister(s)
                    s.close()
                    socks.discard(s)
                    socks.add(connect())
        stats["held"] = len(socks)
    for s in socks:
        s.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("--conns", type=int, default=1000)
    p.add_argument("--seconds", type=int, default=30)
    a = p.parse_args()
    print("without slow connections:", summary(*time_requests(a.port, a.seconds // 3)), flush=True)
    stop, stats = threading.Event(), {"opened": 0, "held": 0, "408": 0}
    t = threading.Thread(target=hold, args=(a.port, a.conns, stop, stats), daemon=True)
    t.start()
    while stats["held"] < a.conns:
        time.sleep(0.1)
    print("holding %d slow connections" % stats["held"], flush=True)
    lat, err = time_requests(a.port, a.seconds)
    print("with %d slow connections:" % a.conns, summary(lat, err), flush=True)
    stop.set()
    t.join(10)
    print("slow connections opened %d, answered 408 %d, still held at the end %d"
          % (stats["opened"], stats["408"], stats["held"]), flush=True)
    return 1 if err or not lat else 0


if __name__ == "__main__":
    raise SystemExit(main())
