"""Tests of load/jobs_bench.py: python3 -m unittest discover -s load -p 'test_*.py'"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jobs_bench as jb  # noqa: E402

OUTPUT = """\
jobs-bench: task mail-order-confirmation, 10000 jobs, then 100 jobs/s for 20 s; db-scheduler threads=4 polling=2s; run bench-mhx2k9
throughput: 10000 jobs inserted in 0.91 s, all done after 25.40 s: 394 jobs/s (10000 runs)
latency: 2000 jobs at 100 jobs/s, enqueue-to-start p50 3 ms, p95 9 ms, p99 21 ms, max 60 ms
result: PASS (targets: p95 enqueue-to-start < 500 ms)
"""
INFO = {"jdk": "17.0.15", "machine": "2 cores", "date": "2026-11-22T08:00Z"}


class BenchOutputTests(unittest.TestCase):
    def test_parses_the_command_output(self):
        bench = jb.parse_bench(OUTPUT)
        self.assertEqual(bench["task"], "mail-order-confirmation")
        self.assertEqual((bench["jobs"], bench["rate"], bench["seconds"], bench["threads"]), (10000, 100, 20, 4))
        self.assertEqual(bench["throughput"], 394)
        self.assertEqual((bench["p50"], bench["p95"], bench["p99"], bench["max"]), (3, 9, 21, 60))
        self.assertEqual(bench["latency_jobs"], 2000)
        self.assertEqual(bench["result"], "PASS")
        self.assertEqual(bench["failed_runs"], 0)

    def test_an_incomplete_run_has_no_verdict(self):
        text, status = jb.summarize(jb.parse_bench(OUTPUT.split("latency:")[0]), None, INFO)
        self.assertEqual(status, jb.INCOMPLETE_EXIT)
        self.assertIn("did not complete", text)


class MailCountTests(unittest.TestCase):
    FETCHED = [
        (b"1 (BODY[HEADER.FIELDS (X-DUKKAN-MAIL)] {40}", b"X-Dukkan-Mail: order-confirmation 0193-a\r\n\r\n"),
        b")",
        (b"2 (BODY[HEADER.FIELDS (X-DUKKAN-MAIL)] {46}", b"X-Dukkan-Mail: order-confirmation bench-r-t0\r\n\r\n"),
        b")",
        (b"3 (BODY[HEADER.FIELDS (X-DUKKAN-MAIL)] {46}", b"x-dukkan-mail: order-confirmation bench-r-t1\r\n\r\n"),
        b")",
        (b"4 (BODY[HEADER.FIELDS (X-DUKKAN-MAIL)] {2}", b"\r\n"),
        b")",
    ]

    def test_reads_the_key_of_each_mail(self):
        self.assertEqual(
            jb.mail_keys(self.FETCHED),
            ["order-confirmation 0193-a", "order-confirmation bench-r-t0", "order-confirmation bench-r-t1", ""])

    def test_counts_distinct_benchmark_keys_and_duplicates(self):
        keys = ["order-confirmation bench-r-t0", "order-confirmation bench-r-t1", "order-confirmation bench-r-t1", "x"]
        counts = jb.count_mails(keys, "order-confirmation bench-")
        self.assertEqual((counts["messages"], counts["matching"], counts["distinct"], counts["duplicates"]), (4, 3, 2, 1))


class VerdictTests(unittest.TestCase):
    def mails(self, distinct, duplicates=0, others=0):
        return {"messages": distinct + duplicates + others, "matching": distinct + duplicates,
                "distinct": distinct, "duplicates": duplicates, "prefix": "p"}

    def test_passes_when_every_job_delivered_one_mail(self):
        text, status = jb.summarize(jb.parse_bench(OUTPUT), self.mails(12000), INFO)
        self.assertEqual(status, 0)
        self.assertIn("RESULT: PASS", text)
        self.assertIn("| 2026-11-22 | 17.0.15 | mail-order-confirmation | 4 | 394 jobs/s (10,000 jobs) | 100/s "
                      "| 3 / 9 / 21 / 60 ms | 12,000 mails | PASS |", text)

    def test_fails_on_missing_duplicate_or_foreign_mails(self):
        for mails in (self.mails(11999), self.mails(12000, duplicates=1), self.mails(12000, others=1)):
            text, status = jb.summarize(jb.parse_bench(OUTPUT), mails, INFO)
            self.assertEqual(status, jb.FAIL_EXIT, mails)
            self.assertIn("MISMATCH", text)

    def test_follows_the_command_verdict(self):
        _, status = jb.summarize(jb.parse_bench(OUTPUT.replace("result: PASS", "result: FAIL")), None, INFO)
        self.assertEqual(status, jb.FAIL_EXIT)


if __name__ == "__main__":
    unittest.main()
