"""Tests of load/streams_bench.py: python3 -m unittest discover -s load -p 'test_*.py'"""

import argparse
import io
import os
import socket
import sys
import threading
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import streams_bench as sb  # noqa: E402


def result(p99s, received=10_000, open_streams=10_000):
    return {
        "streams_open": open_streams, "refused": {}, "closed_by_server": 0, "open_seconds": 30.0,
        "source_addresses": 625,
        "before": {"heap_bytes": 50 * 1048576, "threads": 44, "streams": 0},
        "opened": {"heap_bytes": 1250 * 1048576, "threads": 45, "streams": open_streams},
        "rounds": [{"round": i + 1, "patch_ms": 50, "received": received, "open": open_streams,
                    "p50_ms": p99 / 2, "p99_ms": p99, "max_ms": p99 + 5} for i, p99 in enumerate(p99s)],
    }


ARGS = argparse.Namespace(date="2026-12-05T01:37Z", jdk="17", machine="2 cores", summary=None)


def verdict(data):
    with redirect_stdout(io.StringIO()) as out:
        status = sb.summary(data, ARGS)
    return status, out.getvalue()


class SummaryTests(unittest.TestCase):

    def test_passes_with_every_round_within_a_second(self):
        status, text = verdict(result([600, 870]))
        self.assertEqual(0, status)
        self.assertIn("122.9 KiB a stream", text)
        self.assertTrue(text.rstrip().endswith("PASS"))

    def test_fails_when_one_round_is_late_or_streams_are_missing(self):
        self.assertEqual(sb.FAIL_EXIT, verdict(result([600, 1200]))[0])
        self.assertEqual(sb.FAIL_EXIT, verdict(result([600], open_streams=9_000))[0])
        self.assertEqual(sb.FAIL_EXIT, verdict(result([600], received=9_999))[0])


class HelperTests(unittest.TestCase):

    def test_percentiles_by_nearest_rank(self):
        values = list(range(1, 101))
        self.assertEqual(50, sb.percentile(values, 50))
        self.assertEqual(99, sb.percentile(values, 99))
        self.assertEqual(100, sb.percentile(values, 100))
        self.assertIsNone(sb.percentile([], 99))

    def test_source_addresses_are_loopback_and_distinct(self):
        addresses = [sb.source_address(i) for i in range(700)]
        self.assertEqual(700, len(set(addresses)))
        self.assertTrue(all(a.startswith("127.") and not a.endswith(".0.1") for a in addresses))


class StreamsTests(unittest.TestCase):
    """The epoll client against a socket server that answers like the shop."""

    def test_counts_each_streams_stock_event_of_the_round(self):
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        port = server.getsockname()[1]
        accepted = []

        def serve():
            for _ in range(2):
                conn, _ = server.accept()
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 200 \r\nContent-Type: text/event-stream\r\n\r\nretry:3000\n:live\n\n")
                accepted.append(conn)

        thread = threading.Thread(target=serve)
        thread.start()
        streams = sb.Streams("127.0.0.1", port)
        streams.connect("/inventory/stream?product=a", sb.source_address(0))
        streams.connect("/inventory/stream?product=a", sb.source_address(1))
        while streams.open < 2:
            streams.poll(0.05)
        thread.join()
        streams.round, streams.round_start = 0, 0.0
        # one event split across two writes, as TCP may deliver it
        accepted[0].sendall(b"event:st")
        streams.poll(0.05)
        accepted[0].sendall(b"ock\nid:1\ndata:<p>x</p>\n\n")
        accepted[1].sendall(b"event:stock\nid:1\ndata:<p>x</p>\n\n")
        for _ in range(20):
            streams.poll(0.05)
        self.assertEqual(2, sum(1 for s in streams.by_fd.values() if 0 in s.seen))
        streams.close_all()
        for conn in accepted:
            conn.close()
        server.close()


if __name__ == "__main__":
    unittest.main()
