"""Tests of load/catalog_bench.py: python3 -m unittest discover -s load -p 'test_*.py'"""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalog_bench as cb  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "testdata")


def read(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


class DbTimeTests(unittest.TestCase):
    # Listing GET between the two fixture scrapes: 500, 1500, 1800, 1990, 2000, 2000 requests at or
    # under 1, 2, 4, 8, 16 ms, +Inf; 4.0 s of DB time in all.
    def test_listing_p95_interpolates_inside_the_bucket_holding_the_rank(self):
        result = cb.db_time(read("prometheus-before.txt"), read("prometheus-after.txt"),
                            "http_server_requests_db_seconds", "/api/v1/products", "GET", 0.95)
        self.assertTrue(result["found"])
        self.assertEqual(result["count"], 2000)
        # rank 1900 lies between 1800 (4 ms) and 1990 (8 ms): 4 + 4 * 100 / 190
        self.assertAlmostEqual(result["p_ms"], 4 + 4 * 100 / 190, places=6)
        self.assertAlmostEqual(result["mean_ms"], 2.0, places=6)

    def test_other_methods_on_the_same_uri_are_left_out(self):
        post = cb.db_time(read("prometheus-before.txt"), read("prometheus-after.txt"),
                          "http_server_requests_db_seconds", "/api/v1/products", "POST", 0.95)
        self.assertEqual(post["count"], 900)
        self.assertAlmostEqual(post["p_ms"], 8 + 8 * (855 - 0) / 900, places=6)

    def test_series_missing_before_the_mix_counts_from_zero(self):
        result = cb.db_time(read("prometheus-before.txt"), read("prometheus-after.txt"),
                            "http_server_requests_db_seconds", "/api/v1/products/{slug}", "GET", 0.95)
        self.assertEqual(result["count"], 860)
        # rank 817 between 600 (1 ms) and 850 (2 ms)
        self.assertAlmostEqual(result["p_ms"], 1 + 217 / 250, places=6)
        self.assertAlmostEqual(result["mean_ms"], 0.5, places=6)

    def test_absent_metric_is_reported_as_not_found(self):
        result = cb.db_time(read("prometheus-before.txt"), read("prometheus-after.txt"),
                            "http_server_requests_db_seconds", "/api/v1/nothing", "GET", 0.95)
        self.assertFalse(result["found"])
        self.assertIsNone(result["p_ms"])
        self.assertIsNone(result["mean_ms"])

    def test_the_server_timer_is_not_mistaken_for_the_db_timer(self):
        buckets, count, _ = cb.histogram(read("prometheus-after.txt"), "http_server_requests_db_seconds",
                                         {"uri": "/livez"})
        self.assertEqual((buckets, count), ({}, 0))

    def test_jvm_info_names_the_jdk(self):
        self.assertEqual(cb.jvm_info(read("prometheus-after.txt")), "25.0.1+8-LTS (Eclipse Adoptium)")


class QuantileTests(unittest.TestCase):
    def test_empty_histogram_has_no_quantile(self):
        self.assertIsNone(cb.quantile(0.95, []))
        self.assertIsNone(cb.quantile(0.95, [(0.001, 0), (float("inf"), 0)]))

    def test_rank_in_the_infinite_bucket_gives_the_highest_finite_bound(self):
        self.assertEqual(cb.quantile(0.95, [(0.001, 10), (0.002, 50), (float("inf"), 100)]), 0.002)

    def test_first_bucket_interpolates_from_zero(self):
        self.assertAlmostEqual(cb.quantile(0.5, [(0.004, 100), (float("inf"), 100)]), 0.002)

    def test_counts_that_dip_are_made_cumulative(self):
        self.assertEqual(cb.delta({1.0: 5, 2.0: 4, float("inf"): 6}, {}), [(1.0, 5), (2.0, 5), (float("inf"), 6)])


class PrometheusParsingTests(unittest.TestCase):
    def test_labels_with_escapes_commas_and_braces(self):
        text = 'm_bucket{uri="/a,{b}",note="say \\"hi\\"\\\\",le="+Inf"} 3.0 1700000000000\n'
        [(name, labels, value)] = list(cb.parse_prometheus(text))
        self.assertEqual(name, "m_bucket")
        self.assertEqual(labels, {"uri": "/a,{b}", "note": 'say "hi"\\', "le": "+Inf"})
        self.assertEqual(value, 3.0)

    def test_scientific_bounds(self):
        text = 'm_bucket{uri="/x",le="1.0E-4"} 2\nm_bucket{uri="/x",le="+Inf"} 4\n'
        buckets, _, _ = cb.histogram(text, "m", {"uri": "/x"})
        self.assertEqual(buckets, {0.0001: 2.0, float("inf"): 4.0})


class WrkParsingTests(unittest.TestCase):
    def test_mix_output(self):
        parsed = cb.parse_wrk(read("wrk-mix.txt"))
        self.assertEqual(parsed["rps"], 1276.88)
        self.assertEqual(parsed["p50_ms"], 5.87)
        self.assertEqual(parsed["p99_ms"], 31.59)
        self.assertEqual(parsed["requests"], 3920)
        self.assertEqual(parsed["lua_non2xx"], 0)
        self.assertEqual(parsed["wrk_status_errors"], 0)
        self.assertEqual(parsed["by_kind"], {"detail": 1199, "listing": 2727})

    def test_microseconds_are_converted(self):
        parsed = cb.parse_wrk(read("wrk-livez.txt"))
        self.assertAlmostEqual(parsed["p50_ms"], 0.418)
        self.assertEqual(parsed["rps"], 12735.99)

    def test_error_counts(self):
        parsed = cb.parse_wrk(read("wrk-errors.txt"))
        self.assertEqual(parsed["wrk_status_errors"], 572)
        self.assertEqual(parsed["lua_non2xx"], 572)

    def test_durations(self):
        self.assertEqual(cb.to_ms("1.50s"), 1500.0)
        self.assertEqual(cb.to_ms("250.00us"), 0.25)
        self.assertEqual(cb.to_ms("1.00m"), 60000.0)


class SummaryTests(unittest.TestCase):
    INFO = {"date": "2026-01-01T00:00Z", "jdk": "25", "machine": "2 cores", "wrk": "-t2 -c64", "mix": "x"}
    LIVEZ = {"rps": 20000.0, "p50_ms": 1.0, "p99_ms": 5.0}

    def verdict(self, mix, db_p95):
        db = {"found": True, "count": 100, "p_ms": db_p95, "mean_ms": 1.0}
        return cb.summarize(self.LIVEZ, mix, db, db, self.INFO)

    def good_mix(self, **changes):
        mix = {"rps": 2000.0, "p50_ms": 10.0, "p99_ms": 40.0, "requests": 60000, "lua_non2xx": 0,
               "wrk_status_errors": 0, "socket_errors": 0}
        mix.update(changes)
        return mix

    def test_pass_when_every_target_is_met(self):
        text, passed, row = self.verdict(self.good_mix(), 5.0)
        self.assertTrue(passed)
        self.assertIn("RESULT: PASS", text)
        self.assertIn("ratio mix/livez      0.100", text)
        self.assertTrue(row.endswith("| PASS |"))

    def test_each_target_can_fail_the_run(self):
        for mix, db in [(self.good_mix(rps=1499.9), 1.0), (self.good_mix(p99_ms=50.0), 1.0),
                        (self.good_mix(), 5.01), (self.good_mix(lua_non2xx=1), 1.0), (self.good_mix(), None)]:
            with self.subTest(mix=mix, db=db):
                text, passed, _ = self.verdict(mix, db)
                self.assertFalse(passed)
                self.assertIn("RESULT: FAIL", text)


class MixTests(unittest.TestCase):
    def test_typos_differ_from_the_word_by_one_edit(self):
        rng = random.Random(3)
        for word in ["ceramic", "backpack", "notebook", "lamps"]:
            for _ in range(50):
                bad = cb.typo(word, rng)
                self.assertNotEqual(bad, word)
                self.assertTrue(len(bad) == len(word) - 1 or sorted(bad) == sorted(word))
        self.assertIsNone(cb.typo("mug", rng))

    def test_category_tree_is_flattened(self):
        tree = [{"slug": "home", "children": [{"slug": "lighting", "children": []},
                                              {"slug": "textiles", "children": [{"slug": "rugs"}]}]},
                {"slug": "garden"}]
        self.assertEqual(cb.flatten_categories(tree), ["home", "lighting", "textiles", "rugs", "garden"])

    def test_words_come_from_names(self):
        self.assertEqual(cb.words_of("Ceramic Mug 2-Pack, Çay"), ["ceramic", "mug", "pack", "çay"])

    def test_prices_in_major_units(self):
        self.assertEqual(cb.format_price(25.0), "25")
        self.assertEqual(cb.format_price(99.5), "99.50")

    def test_listing_urls_encode_searches(self):
        url = cb.MixBuilder.url({"search": "bamboo chair", "category": "home"}, "price_asc", 3, 24)
        self.assertEqual(url, "/api/v1/products?search=bamboo%20chair&category=home&sort=price_asc&page=3&size=24")


if __name__ == "__main__":
    unittest.main()
