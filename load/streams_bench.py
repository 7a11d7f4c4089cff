#!/usr/bin/env python3
"""Load client of load/streams-bench.sh (Python 3 standard library only).

Opens many live stock streams (GET /inventory/stream, Server-Sent Events) from several source
addresses 127.0.x.y (each holds at most --per-client streams, as the shop allows one address), then
changes the stock of the product they all follow through the admin API, round after round, and
measures how long after the change each stream got its event. Half the streams are product pages
(the product and a variant), half are listings (the product among 23 others), in English, German
and Arabic. Heap (after a full GC, through jcmd) and live threads are read from the shop's metrics
before and with the streams open.

One thread runs an epoll loop over all sockets; the stock change is sent from another, so that no
event waits for it. An event's time is when the loop read it: an upper bound of its arrival.

Sub-commands:
  run      the measurement; writes JSON (--out) and prints the summary (exit 0 pass, 3 fail)
"""

from __future__ import annotations

import argparse
import errno
import json
import math
import os
import resource
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

from purchase_bench import admin_client

TARGET_STREAMS = 10_000
TARGET_P99_MS = 1000.0
FAIL_EXIT = 3
MARK = b"event:stock"
LANGUAGES = ("", "/de", "/ar")


def source_address(client: int) -> str:
    """127.0.0.2 onwards: loopback answers every 127/8 address."""
    return f"127.0.{client // 250}.{client % 250 + 2}"


class Stream:
    __slots__ = ("sock", "path", "state", "head", "tail", "status", "seen")

    def __init__(self, sock: socket.socket, path: str):
        self.sock = sock
        self.path = path
        self.state = "connecting"
        self.head = b""
        self.tail = b""
        self.status = 0
        self.seen: dict[int, float] = {}


class Streams:
    """All streams on one epoll; poll() reads whatever arrived and notes stock events."""

    def __init__(self, host: str, port: int):
        self.host = host
        self.port = port
        self.epoll = select.epoll()
        self.by_fd: dict[int, Stream] = {}
        self.open = 0
        self.refused: dict[int, int] = {}
        self.closed = 0
        self.round = -1
        self.round_start = 0.0

    def connect(self, path: str, source: str):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.bind((source, 0))
        code = sock.connect_ex((self.host, self.port))
        if code not in (0, errno.EINPROGRESS):
            sock.close()
            raise OSError(code, f"connect from {source}")
        stream = Stream(sock, path)
        self.by_fd[sock.fileno()] = stream
        self.epoll.register(sock.fileno(), select.EPOLLOUT)

    def pending(self) -> int:
        return sum(1 for s in self.by_fd.values() if s.state in ("connecting", "headers"))

    def poll(self, timeout: float):
        for fd, mask in self.epoll.poll(timeout):
            stream = self.by_fd.get(fd)
            if stream is None:
                continue
            if stream.state == "connecting":
                error = stream.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if error:
                    self._drop(stream, f"connect error {error}")
                    continue
                request = (f"GET {stream.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                           "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                stream.sock.send(request.encode())
                stream.state = "headers"
                self.epoll.modify(fd, select.EPOLLIN)
                continue
            try:
                data = stream.sock.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            now = time.monotonic()
            if not data:
                self._drop(stream, "closed")
                continue
            if stream.state == "headers":
                stream.head += data
                end = stream.head.find(b"\r\n\r\n")
                if end < 0:
                    continue
                stream.status = int(stream.head.split(b" ", 2)[1])
                if stream.status != 200:
                    self.refused[stream.status] = self.refused.get(stream.status, 0) + 1
                    self._drop(stream, None)
                    continue
                stream.state = "open"
                self.open += 1
                data = stream.head[end + 4:]
                stream.head = b""
            # a mark may straddle two reads: keep the end of the previous one
            text = stream.tail + data
            if MARK in text and self.round >= 0 and self.round not in stream.seen:
                stream.seen[self.round] = (now - self.round_start) * 1000.0
            stream.tail = text[-len(MARK):]

    def _drop(self, stream: Stream, reason: str | None):
        fd = stream.sock.fileno()
        self.epoll.unregister(fd)
        stream.sock.close()
        del self.by_fd[fd]
        if stream.state == "open":
            self.open -= 1
            self.closed += 1

    def close_all(self):
        for stream in list(self.by_fd.values()):
            self._drop(stream, None)


def get_json(base: str, path: str, headers: dict | None = None):
    with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Accept": "application/json",
                                                                            **(headers or {})}),
                                timeout=30) as response:
        return json.load(response)


# a shop started by streams-bench.sh serves metrics on its management port; one given by --url on its
# own port, to an admin's API key of scope metrics:read (DUKKAN_METRICS_KEY)
METRICS_HEADERS = ({"Authorization": "Bearer " + os.environ["DUKKAN_METRICS_KEY"]}
                   if os.environ.get("DUKKAN_METRICS_KEY") else {})


def metric(base: str, name: str, tag: str | None = None) -> float | None:
    try:
        data = get_json(base, f"/actuator/metrics/{name}" + (f"?tag={tag}" if tag else ""), METRICS_HEADERS)
    except OSError:
        return None
    for m in data.get("measurements", []):
        if m.get("statistic") == "VALUE":
            return float(m["value"])
    return None


def gauge_streams(base: str) -> float | None:
    return metric(base, "dukkan.live.streams")


def jvm_state(base: str, app_pid: int | None) -> dict:
    if app_pid:
        # a full collection first: what the heap holds, not what it has yet to collect
        subprocess.run(["jcmd", str(app_pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        time.sleep(1)
    return {"heap_bytes": metric(base, "jvm.memory.used", "area:heap"),
            "threads": metric(base, "jvm.threads.live"),
            "streams": gauge_streams(base)}


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    # nearest rank: the smallest value that at least p % of the values do not exceed
    rank = math.ceil(p / 100.0 * len(ordered))
    return ordered[max(0, min(len(ordered), rank) - 1)]


def command_run(args) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if args.streams + 100 > hard:
        raise SystemExit(f"{args.streams} streams need more open files than ulimit -n allows ({hard})")
    parts = urllib.parse.urlsplit(args.base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80

    admin = admin_client(args.base, args.admin_email, args.admin_password)
    listing = get_json(args.base, "/api/v1/products?size=24&in_stock=true")["items"]
    if len(listing) < 2:
        raise SystemExit("the shop lists fewer than 2 products in stock")
    slug = listing[0]["slug"]
    detail = get_json(args.base, f"/api/v1/products/{slug}")
    product_id, variant = detail["id"], detail["variants"][0]["id"]
    product_path = f"/inventory/stream?product={slug}&variant={variant}"
    listing_path = "/inventory/stream?" + "&".join(f"product={item['slug']}" for item in listing)

    before = jvm_state(args.metrics_base, args.app_pid)
    streams = Streams(host, port)
    started = time.monotonic()
    for i in range(args.streams):
        while streams.pending() >= args.connect_batch:
            streams.poll(0.05)
        path = LANGUAGES[i % 3] + (product_path if i % 2 == 0 else listing_path)
        streams.connect(path, source_address(i // args.per_client))
    deadline = time.monotonic() + args.timeout
    while streams.pending() and time.monotonic() < deadline:
        streams.poll(0.05)
    open_seconds = time.monotonic() - started
    print(f"[streams-bench] {streams.open} streams open after {open_seconds:.1f} s; refused: {streams.refused}",
          file=sys.stderr)
    opened = jvm_state(args.metrics_base, args.app_pid)
    if args.app_pid and args.histogram:
        with open(args.histogram, "w") as out:
            subprocess.run(["jcmd", str(args.app_pid), "GC.class_histogram"], stdout=out, check=False)

    rounds = []
    # the first changes run code the JIT compiler has not seen yet: measured, but not counted
    for r in range(args.warmup_rounds + args.rounds):
        stock = 40 + (r % 2) * 10 + r  # a new number every round: every event says something new
        done = threading.Event()
        timing: dict = {}

        def change():
            timing["start"] = time.monotonic()
            streams.round_start = timing["start"]
            streams.round = r
            status, _, _ = admin.request("PATCH", f"/api/v1/admin/products/{product_id}/variants/{variant}",
                                         {"stock": stock})
            timing["committed_ms"] = (time.monotonic() - timing["start"]) * 1000.0
            timing["status"] = status
            done.set()

        thread = threading.Thread(target=change)
        thread.start()
        end = time.monotonic() + args.timeout
        while time.monotonic() < end:
            streams.poll(0.01)
            if done.is_set() and all(r in s.seen for s in streams.by_fd.values() if s.state == "open"):
                break
        thread.join()
        latencies = [s.seen[r] for s in streams.by_fd.values() if r in s.seen]
        measured = {
            "round": r + 1 - args.warmup_rounds,
            "patch_status": timing.get("status"),
            "patch_ms": timing.get("committed_ms"),
            "received": len(latencies),
            "open": streams.open,
            "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99),
            "max_ms": max(latencies) if latencies else None,
        }
        label = "warm-up" if r < args.warmup_rounds else "round"
        print(f"[streams-bench] {label} {json.dumps(measured)}", file=sys.stderr)
        if r >= args.warmup_rounds:
            rounds.append(measured)
        pause = time.monotonic() + args.pause
        while time.monotonic() < pause:
            streams.poll(0.05)

    result = {
        "streams_requested": args.streams,
        "streams_open": streams.open,
        "refused": streams.refused,
        "closed_by_server": streams.closed,
        "open_seconds": open_seconds,
        "source_addresses": (args.streams + args.per_client - 1) // args.per_client,
        "before": before,
        "opened": opened,
        "rounds": rounds,
    }
    streams.close_all()
    with open(args.out, "w") as out:
        json.dump(result, out, indent=2)
    return summary(result, args)


def mib(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1048576:.0f} MiB"


def summary(result: dict, args) -> int:
    rounds = result["rounds"]
    open_streams = result["opened"].get("streams") or result["streams_open"]
    worst_p99 = max((r["p99_ms"] for r in rounds if r["p99_ms"] is not None), default=None)
    all_received = all(r["received"] >= r["open"] for r in rounds)
    heap_before, heap_open = result["before"].get("heap_bytes"), result["opened"].get("heap_bytes")
    per_stream = ((heap_open - heap_before) / open_streams
                  if heap_before is not None and heap_open is not None and open_streams else None)
    checks = [
        (f"open streams >= {TARGET_STREAMS:,}", f"{open_streams:,.0f}", open_streams >= TARGET_STREAMS),
        (f"99 % within {TARGET_P99_MS:.0f} ms, every round", "n/a" if worst_p99 is None else f"{worst_p99:.0f} ms",
         worst_p99 is not None and worst_p99 <= TARGET_P99_MS),
        ("every open stream got every event", "yes" if all_received else "no", all_received),
    ]
    lines = [
        f"date {args.date}, JDK {args.jdk}, {args.machine}",
        f"{result['streams_open']:,} streams open from {result['source_addresses']} addresses in "
        f"{result['open_seconds']:.1f} s (refused: {result['refused'] or 'none'}; closed by the shop: "
        f"{result['closed_by_server']})",
        f"heap after GC: {mib(heap_before)} before, {mib(heap_open)} open"
        + ("" if per_stream is None else f" ({per_stream / 1024:.1f} KiB a stream)")
        + f"; live threads: {result['before'].get('threads') or 0:.0f} before, "
          f"{result['opened'].get('threads') or 0:.0f} open",
        "round  patch ms  received     p50 ms  p99 ms  100% ms",
    ]
    for r in rounds:
        lines.append(f"{r['round']:>5}  {r['patch_ms'] or 0:8.0f}  {r['received']:>8,}  "
                     f"{r['p50_ms'] or 0:9.0f}  {r['p99_ms'] or 0:6.0f}  {r['max_ms'] or 0:7.0f}")
    ok = all(passed for _, _, passed in checks)
    for name, value, passed in checks:
        lines.append(f"{'PASS' if passed else 'FAIL'}  {name}: {value}")
    lines.append("PASS" if ok else "FAIL")
    text = "\n".join(lines)
    print(text)
    if args.summary:
        with open(args.summary, "w") as out:
            out.write(text + "\n")
    return 0 if ok else FAIL_EXIT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--base", required=True)
    run.add_argument("--metrics-base", required=True, help="where /actuator answers")
    run.add_argument("--admin-email", required=True)
    run.add_argument("--admin-password", required=True)
    run.add_argument("--streams", type=int, default=TARGET_STREAMS)
    run.add_argument("--per-client", type=int, default=16)
    run.add_argument("--rounds", type=int, default=5)
    run.add_argument("--warmup-rounds", type=int, default=2)
    run.add_argument("--pause", type=float, default=2.0, help="seconds between rounds")
    run.add_argument("--timeout", type=float, default=60.0)
    run.add_argument("--connect-batch", type=int, default=256, help="connections being opened at once")
    run.add_argument("--app-pid", type=int)
    run.add_argument("--histogram", help="file for the heap's class histogram with the streams open")
    run.add_argument("--out", required=True)
    run.add_argument("--summary")
    run.add_argument("--date", default="")
    run.add_argument("--jdk", default="")
    run.add_argument("--machine", default="")
    args = parser.parse_args(argv)
    return command_run(args)


if __name__ == "__main__":
    sys.exit(main())
