"""Tests of load/purchase_bench.py: python3 -m unittest discover -s load -p 'test_*.py'"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import purchase_bench as pb  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "testdata")
INFO = {"date": "2026-11-22T05:08Z", "jdk": "17", "machine": "2 cores", "runs": "r", "data": "d"}


def read(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


def server(init_p95=40.0):
    return {uri: {"count": 10, "p95_ms": init_p95 if uri.endswith("/init") else 5.0, "mean_ms": 3.0,
                  "db_mean_ms": 1.0, "db_p95_ms": 2.0} for _, uri in pb.FLOW_URIS}


class FlowOutputTests(unittest.TestCase):
    def test_parses_orders_steps_and_errors(self):
        flow = pb.parse_flow(read("purchase-flow-wrk.txt"))
        self.assertEqual(flow["shoppers"], 16)
        self.assertEqual(flow["paid"], 1718)
        self.assertEqual(flow["started"], 1734)
        self.assertAlmostEqual(flow["orders_per_s"], 57.1)
        self.assertEqual(flow["steps"]["init"]["n"], 1731)
        self.assertAlmostEqual(flow["steps"]["init"]["p95"], 85.71)
        self.assertAlmostEqual(flow["steps"]["order"]["p99"], 520.34)
        self.assertEqual(flow["errors"], {})
        self.assertEqual(flow["unexpected"], 0)
        self.assertEqual(flow["overlaps"], 0)
        self.assertEqual(flow["requests"], 9707)

    def test_errors_per_step_and_status(self):
        text = read("purchase-flow-wrk.txt").replace(
            "purchase-flow: errors none", "purchase-flow: errors intent:409=3 poll:not-paid-after-30s=1")
        flow = pb.parse_flow(text)
        self.assertEqual(flow["errors"], {"intent:409": 3, "poll:not-paid-after-30s": 1})

    def test_steps_without_samples_have_no_percentiles(self):
        flow = pb.parse_flow("purchase-flow: step paid n=0 p50=-1.00 p95=-1.00 p99=-1.00 max=-1.00 mean=-1.00\n")
        self.assertEqual(flow["steps"]["paid"]["n"], 0)
        self.assertIsNone(flow["steps"]["paid"]["p95"])
        self.assertIsNone(flow["unexpected"])


class VerdictTests(unittest.TestCase):
    def setUp(self):
        self.cart = pb.parse_cart(read("purchase-cart-wrk.txt"))
        self.flow = pb.parse_flow(read("purchase-flow-wrk.txt"))

    def test_cart_output(self):
        self.assertAlmostEqual(self.cart["rps"], 875.77)
        self.assertEqual(self.cart["lua_non2xx"], 0)
        self.assertEqual(self.cart["statuses"], "200=17547")

    def test_sample_fails_every_throughput_target(self):
        text, passed, row = pb.summarize(self.cart, self.flow, server(), 1723, 30.6, INFO)
        self.assertFalse(passed)
        self.assertIn("add-to-cart >= 1000 req/s                 875.8   FAIL", text)
        self.assertIn("full flow >= 100 paid orders/s             57.1   FAIL", text)
        self.assertIn("checkout/init p95 < 50 ms                 85.71   FAIL", text)
        self.assertIn("no unexpected responses                       0   PASS", text)
        self.assertIn("= 56.3 orders/s", text)  # 1723 paid per the admin API in 30.6 s
        self.assertTrue(row.startswith("| 2026-11-22 | 17 | 2 cores | 876 | 35.56 / 76.37 ms | 16 | 57.1 | 85.71 ms (40.00 ms)"))
        self.assertTrue(row.endswith("| 0 | FAIL |"))

    def test_jobs_left_after_the_flow(self):
        stats = {"tasks": [
            {"task": "order-receipt", "queue": "bulk", "counts": {"depth": 900, "due": 880, "running": 4}},
            {"task": "mail-order-confirmation", "queue": "default", "counts": {"depth": 3, "due": 3, "running": 0}},
            {"task": "release-expired-stock-reservations", "queue": "bulk",
             "counts": {"depth": 1, "due": 0, "running": 0}},
            {"task": "mail-welcome", "queue": "default", "counts": {"depth": 0, "due": 0, "running": 0}},
        ]}
        left = pb.jobs_left(stats)
        # postponed receipts (not due yet) and running ones count; recurring tasks do not
        self.assertEqual(left, {"order-receipt": 904, "mail-order-confirmation": 3})
        backlog = {"left": left, "total": 907, "drained_after_s": 12.5, "waited_s": 900}
        text, _, _ = pb.summarize(self.cart, self.flow, server(), 1723, 30.6, INFO, backlog=backlog)
        self.assertIn("jobs left after it     907 (order-receipt 904, mail-order-confirmation 3); all run 12.5 s later",
                      text)
        backlog.update(drained_after_s=None)
        text, _, _ = pb.summarize(self.cart, self.flow, server(), 1723, 30.6, INFO, backlog=backlog)
        self.assertIn("not all run 900 s later", text)

    def test_fast_enough_and_clean_passes(self):
        self.cart["rps"] = 1200.0
        self.flow["orders_per_s"] = 120.0
        self.flow["steps"]["init"]["p95"] = 30.0
        _, passed, row = pb.summarize(self.cart, self.flow, server(), 7200, 60.0, INFO)
        self.assertTrue(passed)
        self.assertTrue(row.endswith("| PASS |"))

    def test_any_unexpected_answer_fails_the_run(self):
        self.cart["rps"] = 1200.0
        self.flow["orders_per_s"] = 120.0
        self.flow["steps"]["init"]["p95"] = 30.0
        for change in ({"unexpected": 1}, {"overlaps": 1}, {"socket_errors": 2}):
            flow = dict(self.flow, **change)
            _, passed, _ = pb.summarize(self.cart, flow, server(), 7200, 60.0, INFO)
            self.assertFalse(passed, change)
        cart = dict(self.cart, lua_non2xx=5)
        _, passed, _ = pb.summarize(cart, self.flow, server(), 7200, 60.0, INFO)
        self.assertFalse(passed)


if __name__ == "__main__":
    unittest.main()


class CpuTests(unittest.TestCase):
    def test_other_processes_are_the_rest_of_the_busy_time(self):
        hz = os.sysconf("SC_CLK_TCK")
        before = {"busy": 0, "app": 0, "postgres": 0, "wrk": 0}
        after = {"busy": 20 * hz, "app": 12 * hz, "postgres": 4 * hz, "wrk": 1 * hz}
        used = pb.cpu_usage(before, after, 10.0)
        self.assertAlmostEqual(used["busy"], 2.0)
        self.assertAlmostEqual(used["app"], 1.2)
        self.assertAlmostEqual(used["other"], 0.3)
        lines = pb.cpu_line("full flow", used)
        self.assertEqual(len(lines), 2)
        self.assertIn("WARNING: other processes used 0.30 cores", lines[1])
        per_order = pb.cpu_line("full flow", used, 100.0, "paid order")
        self.assertEqual(len(per_order), 3)
        self.assertIn("CPU per paid order", per_order[1])
        self.assertIn("app 12.00 ms, PostgreSQL 4.00 ms", per_order[1])

    def test_snapshot_of_this_machine(self):
        snapshot = pb.cpu_snapshot(os.getpid(), None)
        self.assertGreater(snapshot["busy"], 0)
        self.assertGreaterEqual(snapshot["app"], 0)
