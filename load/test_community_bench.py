"""Tests of load/community_bench.py: python3 -m unittest discover -s load -p 'test_*.py'"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import community_bench as cb  # noqa: E402

PG_LOG = """\
2026-12-05 14:01:00.001 UTC [101] LOG:  checkpoint starting: time
2026-12-05 14:01:00.100 UTC [202] LOG:  duration: 0.051 ms  plan:
\tQuery Text: select primary_id, session_id from spring_session where session_id = $1
\tIndex Scan using spring_session_ix1 on spring_session  (cost=0.28..8.29 rows=1 width=90) (actual time=0.020..0.021 rows=1 loops=1)
\t  Index Cond: (session_id = $1)
\t  Buffers: shared hit=3
2026-12-05 14:01:00.103 UTC [202] LOG:  duration: 2.500 ms  plan:
\tQuery Text: with authors as (
\t    select f.followed_id as author_id from community_follows f
\t    where f.follower_id = $1
\t)
\tselect p.id from authors a cross join lateral (select * from community_posts p where p.author_id = a.author_id) p
\tQuery Parameters: $1 = 'aaaa-1'
\tLimit  (cost=10.00..20.00 rows=20 width=16) (actual time=2.400..2.450 rows=20 loops=1)
\t  Buffers: shared hit=4000
\t  ->  Sort  (cost=10.00..15.00 rows=2000 width=16) (actual time=2.400..2.420 rows=20 loops=1)
2026-12-05 14:01:00.104 UTC [202] LOG:  duration: 0.300 ms  plan:
\tQuery Text: select user_id, handle from community_profiles where user_id = any($1)
\tIndex Scan using community_profiles_pkey on community_profiles  (cost=0.29..50.00 rows=20 width=40) (actual time=0.010..0.200 rows=20 loops=1)
2026-12-05 14:01:00.200 UTC [202] LOG:  duration: 3.500 ms  plan:
\tQuery Text: with authors as (
\t    select f.followed_id as author_id from community_follows f
\t    where f.follower_id = $1
\t)
\tselect p.id from authors a cross join lateral (select * from community_posts p where p.author_id = a.author_id) p
\tQuery Parameters: $1 = 'aaaa-1'
\tLimit  (cost=10.00..20.00 rows=20 width=16) (actual time=3.400..3.450 rows=20 loops=1)
\t  Buffers: shared hit=4000
2026-12-05 14:01:00.201 UTC [202] LOG:  duration: 0.200 ms  plan:
\tQuery Text: select user_id, handle from community_profiles where user_id = any($1)
\tIndex Scan using community_profiles_pkey on community_profiles  (cost=0.29..50.00 rows=20 width=40) (actual time=0.010..0.150 rows=20 loops=1)
2026-12-05 14:01:00.300 UTC [202] LOG:  duration: 3.000 ms  plan:
\tQuery Text: with authors as (
\t    select f.followed_id as author_id from community_follows f
\t    where f.follower_id = $1
\t)
\tselect p.id from authors a cross join lateral (select * from community_posts p where p.author_id = a.author_id) p
\tQuery Parameters: $1 = 'aaaa-1'
\tLimit  (cost=10.00..20.00 rows=20 width=16) (actual time=2.900..2.950 rows=20 loops=1)
\t  Buffers: shared hit=4001
2026-12-05 14:01:00.301 UTC [203] LOG:  duration: 90.000 ms  plan:
\tQuery Text: with authors as (
\t    select f.followed_id as author_id from community_follows f
\t    where f.follower_id = $1
\t)
\tselect p.id from authors a cross join lateral (select * from community_posts p where p.author_id = a.author_id) p
\tQuery Parameters: $1 = 'bbbb-2'
\tLimit  (cost=10.00..20.00 rows=20 width=16) (actual time=89.900..89.950 rows=20 loops=1)
"""

WRK = """\
Running 30s test @ http://127.0.0.1:8080
  2 threads and 1000 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    40.00ms   20.00ms 300.00ms   80.00%
  60000 requests in 30.00s, 90.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2000.00
Transfer/sec:      3.00MB
community-mix: requests feed=30000 like=12000 post=18000
community-mix: statuses 200=41997 201=18000 429=3
community-mix: non-2xx responses: 3
community-mix: latency ms p50=35.10 p90=70.20 p95=88.30 p99=150.00 max=300.00
"""


def prometheus(feed_count, feed_sum, bucket_counts):
    """A Prometheus text with the feed's histograms: bucket_counts by upper bound in seconds."""
    lines = []
    for metric in ("http_server_requests_seconds", "http_server_requests_db_seconds"):
        labels = 'method="GET",outcome="SUCCESS",status="200",uri="/api/v1/feed"'
        for bound, count in bucket_counts:
            lines.append(f'{metric}_bucket{{{labels},le="{bound}"}} {count}')
        lines.append(f'{metric}_bucket{{{labels},le="+Inf"}} {feed_count}')
        lines.append(f"{metric}_count{{{labels}}} {feed_count}")
        lines.append(f"{metric}_sum{{{labels}}} {feed_sum}")
    lines.append('jvm_info{runtime="OpenJDK Runtime Environment",vendor="Eclipse Adoptium",version="17.0.15+6"} 1')
    return "\n".join(lines) + "\n"


class SessionTests(unittest.TestCase):
    def test_a_session_line_carries_every_cookie_and_the_token(self):
        line = cb.session_line({"XSRF-TOKEN": "t0k", "DUKKAN_SESSION": "abc"})
        self.assertEqual(line, "DUKKAN_SESSION=abc; XSRF-TOKEN=t0k\tt0k")
        self.assertEqual(cb.parse_session_line(line + "\n"), ("DUKKAN_SESSION=abc; XSRF-TOKEN=t0k", "t0k"))

    def test_a_line_without_token_is_refused(self):
        with self.assertRaises(ValueError):
            cb.parse_session_line("DUKKAN_SESSION=abc")

    def test_members_are_the_bench_accounts(self):
        self.assertEqual(cb.member_email(17), "bench-17@bench.dukkan.local")

    def test_feed_items_are_read_from_the_page(self):
        self.assertEqual(len(cb.feed_items({"posts": [{}, {}], "next_cursor": "x"})), 2)
        self.assertEqual(cb.feed_items({"detail": "nope"}), [])


class AutoExplainTests(unittest.TestCase):
    def test_plans_are_read_with_their_query_and_time(self):
        entries = cb.auto_explain_entries(PG_LOG)
        self.assertEqual([e["ms"] for e in entries], [0.051, 2.5, 0.3, 3.5, 0.2, 3.0, 90.0])
        self.assertEqual(entries[1]["parameters"], "$1 = 'aaaa-1'")
        self.assertTrue(entries[1]["query"].startswith("with authors as ( select f.followed_id"))
        self.assertTrue(entries[1]["plan"][0].startswith("Limit  (cost="))
        self.assertIn("  Buffers: shared hit=4000", entries[1]["plan"])

    def test_the_feed_db_time_is_every_community_statement_per_request(self):
        probe = PG_LOG[:PG_LOG.index("2026-12-05 14:01:00.301")]
        text, result = cb.explain_report(cb.auto_explain_entries(probe), 3, "aaaa-1")
        self.assertAlmostEqual(result["feed_ms"], (2.5 + 0.3 + 3.5 + 0.2 + 3.0) / 3)
        self.assertEqual((result["slowest_ms"], result["slowest_max_ms"]), (3.0, 3.5))
        self.assertEqual(result["executions"], 3)
        self.assertIn("community_follows", result["query"])
        self.assertIn("database time per feed request: 3.167 ms", text)
        self.assertIn("Buffers: shared hit=4001", text)  # the slowest statement's last plan
        self.assertNotIn("spring_session", text)

    def test_the_plan_is_of_a_statement_naming_the_member_when_there_is_one(self):
        _, named = cb.explain_report(cb.auto_explain_entries(PG_LOG), 3, "aaaa-1")
        _, unnamed = cb.explain_report(cb.auto_explain_entries(PG_LOG), 3, "cccc-3")
        self.assertIn("community_follows", named["query"])
        self.assertEqual(named["query"], unnamed["query"])  # nothing names cccc-3: the slowest of all
        self.assertAlmostEqual(named["feed_ms"], (2.5 + 0.3 + 3.5 + 0.2 + 3.0 + 90.0) / 3)

    def test_no_plan_means_no_figure(self):
        text, result = cb.explain_report(cb.auto_explain_entries("2026 LOG:  checkpoint starting\n"), 3)
        self.assertIsNone(result["feed_ms"])
        self.assertIn("no plan", text)


class SummaryTests(unittest.TestCase):
    INFO = {"date": "2026-12-05T14:00Z", "jdk": "17", "machine": "2 cores", "data": "100 members", "wrk": "-t2 -c1000"}

    def test_the_mix_is_parsed_with_its_percentiles(self):
        mix = cb.parse_mix(WRK)
        self.assertEqual(mix["rps"], 2000.0)
        self.assertEqual(mix["requests"], 60000)
        self.assertEqual(mix["by_kind"], {"feed": 30000, "like": 12000, "post": 18000})
        self.assertEqual(mix["by_status"], {"200": 41997, "201": 18000, "429": 3})
        self.assertEqual((mix["p50_ms"], mix["p95_ms"], mix["p99_ms"], mix["max_ms"]), (35.1, 88.3, 150.0, 300.0))
        self.assertEqual(mix["lua_non2xx"], 3)

    def test_server_and_db_times_come_from_the_histograms_delta(self):
        before = prometheus(100, 1.0, [(0.001, 50), (0.005, 100)])
        after = prometheus(1100, 4.0, [(0.001, 550), (0.005, 1000)])
        feed = cb.server_times(before, after)["feed"]
        self.assertEqual(feed["count"], 1000)
        self.assertAlmostEqual(feed["mean_ms"], 3.0)
        # 500 of 1000 below 1 ms, 400 more below 5 ms, 100 above: p95 is the highest finite bound
        self.assertAlmostEqual(feed["db_p95_ms"], 5.0)
        self.assertTrue(feed["db_found"])

    def test_errors_fail_the_run(self):
        mix = cb.parse_mix(WRK)
        text, passed, row = cb.summarize(mix, {}, {"feed_ms": 2.0}, self.INFO)
        self.assertFalse(passed)
        self.assertRegex(text, r"0 errors \(non-2xx, socket errors\) +3   FAIL")
        self.assertIn("429: 3", text)
        self.assertTrue(row.endswith("| FAIL |"))

    def test_a_clean_fast_run_passes(self):
        mix = cb.parse_mix(WRK.replace("non-2xx responses: 3", "non-2xx responses: 0"))
        mix["wrk_status_errors"] = 0
        text, passed, _ = cb.summarize(mix, {}, {"feed_ms": 2.0, "slowest_ms": 1.5, "slowest_max_ms": 2.5, "executions": 7}, self.INFO)
        self.assertTrue(passed, text)
        self.assertIn("RESULT: PASS", text)

    def test_a_slow_feed_query_or_p95_fails(self):
        mix = cb.parse_mix(WRK.replace("non-2xx responses: 3", "non-2xx responses: 0"))
        mix["wrk_status_errors"] = 0
        self.assertFalse(cb.summarize(mix, {}, {"feed_ms": 5.0}, self.INFO)[1])
        self.assertFalse(cb.summarize(mix, {}, {}, self.INFO)[1])
        mix["p95_ms"] = 100.0
        self.assertFalse(cb.summarize(mix, {}, {"feed_ms": 1.0}, self.INFO)[1])


if __name__ == "__main__":
    unittest.main()
