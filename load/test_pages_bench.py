"""Tests of load/pages_bench.py: python3 -m unittest discover -s load -p 'test_*.py'"""

import copy
import http.server
import json
import os
import random
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pages_bench as pb  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "testdata")


def read(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


def report(**scores):
    """The privacy page's Lighthouse report, with other category scores where given (0..1)."""
    data = json.loads(read("lighthouse-privacy.json"))
    for category, score in scores.items():
        data["categories"][category.replace("_", "-")]["score"] = score
    return data


class PageUrlTests(unittest.TestCase):
    def test_page_one_and_empty_values_are_left_out(self):
        self.assertEqual(pb.page_url("/products", {"q": "", "page": 1, "sort": None}), "/products")
        self.assertEqual(pb.page_url("/c/home", {"page": 2}), "/c/home?page=2")

    def test_searches_are_encoded_as_the_pages_write_them(self):
        url = pb.page_url("/products", {"q": "bamboo chair", "min_price": "10", "sort": "price_asc", "page": 3})
        self.assertEqual(url, "/products?q=bamboo+chair&min_price=10&sort=price_asc&page=3")

    def test_prices_lose_trailing_zeros_as_the_pages_write_them(self):
        self.assertEqual([pb.plain(p) for p in ["99.50", "25.00", "25", "0.05", "100"]], ["99.5", "25", "25", "0.05", "100"])

    def test_every_page_is_in_every_language(self):
        lines = pb.in_languages({"/products?page=2": "listing", "/": "home"})
        self.assertEqual(sorted(url for _, url in lines),
                         ["/", "/ar/", "/ar/products?page=2", "/de/", "/de/products?page=2", "/products?page=2"])
        self.assertEqual({kind for kind, url in lines if url.endswith("/")}, {"home"})

    def test_the_language_of_a_page_is_its_prefix(self):
        self.assertEqual([pb.language_of(u) for u in ["/", "/products", "/de/", "/ar/c/x", "/deals", "/de"]],
                         ["", "", "/de", "/ar", "", "/de"])

    def test_listing_states_map_api_filters_to_page_parameters(self):
        builder = pb.PageMixBuilder("http://127.0.0.1:1", random.Random(5))
        builder.categories = ["kitchen", "home decor"]
        builder.products = [{"slug": "a", "name": "Bamboo Chair Duo"}]
        builder.prices = [5.0, 25.0, 99.5]
        seen_sorts = set()
        for kind in ["category", "search1", "price", "in_stock", "combo"] * 20:
            path, page, api = builder.listing_params(kind)
            self.assertNotIn("search", page)
            self.assertNotIn("category", page)
            self.assertEqual(page.get("q"), api.get("search"))
            if "category" in api:
                self.assertEqual(path, "/c/" + api["category"].replace(" ", "%20"))
            else:
                self.assertEqual(path, "/products")
            if page.get("sort") == "relevance":
                self.assertIn("q", page, "relevance is a search's order")
            # the default order is the URL without sort
            self.assertNotEqual(page.get("sort"), "relevance" if "q" in page else "newest")
            self.assertEqual(list(page), [k for k in ["q", "min_price", "max_price", "in_stock", "sort"] if k in page])
            seen_sorts.add(page.get("sort"))
        self.assertEqual(seen_sorts, {"price_asc", "price_desc", "newest", None})


class CanonicalTests(unittest.TestCase):
    """canonical() against a small server that redirects as the listing pages do."""

    @classmethod
    def setUpClass(cls):
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                targets = {"/products?sort=newest": "/products", "/de/x": "/de/y?page=2",
                           "/away": "http://elsewhere.example/products"}
                self.send_response(303 if self.path in targets else 200)
                if self.path in targets:
                    self.send_header("Location", targets[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()

        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def test_a_redirect_names_the_pages_own_url(self):
        self.assertEqual(pb.canonical(self.base, "/products?sort=newest"), "/products")
        self.assertEqual(pb.canonical(self.base, "/de/x"), "/de/y?page=2")

    def test_a_page_that_answers_keeps_its_url(self):
        self.assertEqual(pb.canonical(self.base, "/products?sort=price_asc"), "/products?sort=price_asc")

    def test_a_redirect_off_site_is_not_followed(self):
        self.assertEqual(pb.canonical(self.base, "/away"), "/away")


class SummaryTests(unittest.TestCase):
    INFO = {"date": "2026-12-04T00:00Z", "jdk": "17", "machine": "2 cores", "wrk": "-t2 -c64",
            "anon_mix": "a", "signed_mix": "s"}
    LIVEZ = {"rps": 20000.0, "p50_ms": 1.0, "p99_ms": 5.0}

    @staticmethod
    def run_(**changes):
        run = {"rps": 4000.0, "p50_ms": 5.0, "p99_ms": 30.0, "requests": 120000, "lua_non2xx": 0,
               "wrk_status_errors": 0, "socket_errors": 0}
        run.update(changes)
        return run

    def test_pass_when_every_target_is_met(self):
        text, passed, row = pb.summarize(self.LIVEZ, self.run_(), self.run_(rps=1200.0), 0.99, self.INFO)
        self.assertTrue(passed)
        self.assertIn("RESULT: PASS", text)
        self.assertIn("ratio anonymous/livez 0.200", text)
        self.assertIn("page cache hits      99.0 %", text)
        self.assertEqual(row, "| 2026-12-04 | 17 | 2 cores | 20000 | 4000 | 0.200 | 5.00 ms | 30.00 ms | 99.0 % | n/a ms | "
                              "1200 | 30.00 ms | n/a ms | PASS |")

    def test_each_target_can_fail_the_run(self):
        cases = [
            (self.run_(rps=2999.9), self.run_(rps=1200.0)),
            (self.run_(p99_ms=50.0), self.run_(rps=1200.0)),
            (self.run_(lua_non2xx=1), self.run_(rps=1200.0)),
            (self.run_(socket_errors=3), self.run_(rps=1200.0)),
            (self.run_(), self.run_(rps=999.0)),
            (self.run_(), self.run_(lua_non2xx=2)),
            (self.run_(rps=None), self.run_()),
        ]
        for anon, signed in cases:
            with self.subTest(anon=anon, signed=signed):
                text, passed, _ = pb.summarize(self.LIVEZ, anon, signed, None, self.INFO)
                self.assertFalse(passed)
                self.assertIn("RESULT: FAIL", text)

    def test_cpu_time_per_page_view_and_a_warning_about_other_processes(self):
        cpu = {"anonymous": {"busy": 1.9, "app": 1.2, "postgres": 0.0, "wrk": 0.3, "other": 0.4},
               "signed": {"busy": 1.9, "app": 1.0, "postgres": 0.2, "wrk": 0.1, "other": 0.1}}
        text, _, row = pb.summarize(self.LIVEZ, self.run_(), self.run_(rps=1000.0), 1.0, self.INFO, cpu)
        self.assertIn("| 100.0 % | 0.300 ms | 1000 | 30.00 ms | 1.200 ms | PASS |", row)
        self.assertIn("CPU per anonymous page app 0.30 ms, PostgreSQL 0.00 ms", text)
        self.assertIn("CPU per signed-in page app 1.00 ms, PostgreSQL 0.20 ms", text)
        self.assertEqual(text.count("WARNING: other processes used"), 1)

    def test_cpu_between_two_snapshots(self):
        hz = os.sysconf("SC_CLK_TCK")
        with tempfile.TemporaryDirectory() as tmp:
            def snapshots(wrk_ticks):
                paths = [os.path.join(tmp, name) for name in ("a.json", "b.json")]
                for path, snap in zip(paths, [{"time": 100.0, "busy": 0, "app": 0, "postgres": 0, "wrk": 0},
                                              {"time": 110.0, "busy": 20 * hz, "app": 15 * hz, "postgres": 2 * hz,
                                               "wrk": wrk_ticks}]):
                    with open(path, "w", encoding="utf-8") as f:
                        json.dump(snap, f)
                return paths

            used = pb.cpu_between(snapshots(hz))
            self.assertAlmostEqual(used["app"], 1.5)
            self.assertAlmostEqual(used["wrk"], 0.1)
            self.assertAlmostEqual(used["other"], 0.2)
            # wrk had ended when the second snapshot was taken: the shell's figure moves it out of "other"
            wrk = os.path.join(tmp, "wrk-cpu")
            with open(wrk, "w", encoding="utf-8") as f:
                f.write("some wrk error\nwrk-cpu 1.20 0.80\n")
            self.assertEqual(pb.wrk_seconds(wrk), 2.0)
            moved = pb.cpu_between(snapshots(0), pb.wrk_seconds(wrk))
            self.assertAlmostEqual(moved["wrk"], 0.2)
            self.assertAlmostEqual(moved["other"], 0.1)
            # a snapshot that saw wrk keeps its own figure
            self.assertAlmostEqual(pb.cpu_between(snapshots(hz), 2.0)["wrk"], 0.1)
            with open(os.path.join(tmp, "b.json"), "w", encoding="utf-8") as f:
                f.write("{}")
            self.assertIsNone(pb.cpu_between([os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")]),
                              "a snapshot that could not be taken")
        self.assertIsNone(pb.cpu_between(None))
        self.assertIsNone(pb.wrk_seconds(None))

    def test_without_signed_in_run_only_the_anonymous_targets_count(self):
        text, passed, row = pb.summarize(self.LIVEZ, self.run_(), None, None, self.INFO)
        self.assertTrue(passed)
        self.assertIn("signed-in            not measured", text)
        self.assertIn("| n/a | n/a ms | n/a ms | PASS |", row)


class LighthouseTests(unittest.TestCase):
    def test_scores_are_percentages(self):
        self.assertEqual(pb.scores(report()),
                         {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100})

    def test_failing_audits_are_those_lighthouse_does_not_pass(self):
        failing = {a["id"]: a for a in pb.failing_audits(report())}
        # numeric audits pass from 0.9 on; binary ones only at 1; informative ones never fail
        self.assertIn("speed-index", failing)
        self.assertIn("render-blocking-resources", failing)
        self.assertNotIn("first-contentful-paint", failing)  # 0.99
        self.assertNotIn("largest-contentful-paint", failing)
        self.assertEqual(failing["speed-index"]["category"], "performance")
        self.assertEqual(failing["speed-index"]["display"], "3.8\u00a0s")

    def test_binary_and_errored_audits_fail(self):
        data = report()
        data["audits"]["document-title"]["score"] = 0
        data["audits"]["color-contrast"].update(score=None, scoreDisplayMode="error", errorMessage="boom")
        failing = {a["id"]: a for a in pb.failing_audits(data)}
        self.assertEqual(failing["document-title"]["category"], "accessibility")  # listed once, under its first category
        self.assertEqual(failing["color-contrast"]["display"], "boom")

    def test_the_median_of_several_runs_counts(self):
        page = pb.lighthouse_page([report(performance=0.91), report(performance=0.97), report(performance=0.99)])
        self.assertEqual(page["scores"]["performance"], 97)
        self.assertEqual([run["performance"] for run in page["runs"]], [91, 97, 99])

    def test_verdict_against_the_threshold(self):
        good = pb.lighthouse_page([report()])
        text, passed = pb.lighthouse_summary([("home", good)], 95, "d")
        self.assertTrue(passed)
        self.assertIn("  home          98   100   100   100  PASS", text)
        self.assertIn("home perf: Speed Index (3.8\u00a0s)", text)
        low = pb.lighthouse_page([report(seo=0.94)])
        _, passed = pb.lighthouse_summary([("home", good), ("cart", low)], 95, "d")
        self.assertFalse(passed)
        _, passed = pb.lighthouse_summary([("home", good), ("cart", None)], 95, "d")
        self.assertFalse(passed, "a page without a report fails")

    def test_the_consoles_seo_is_shown_but_not_held_to_the_threshold(self):
        unindexed = pb.lighthouse_page([report(seo=0.58)])
        text, passed = pb.lighthouse_summary([("dashboard", unindexed)], 95, "d")
        self.assertTrue(passed)
        self.assertIn("  dashboard     98   100   100    58  PASS", text)
        self.assertIn("dashboard: seo not held to the threshold", text)
        _, passed = pb.lighthouse_summary([("home", unindexed)], 95, "d")
        self.assertFalse(passed, "a shop page's SEO counts")
        inaccessible = pb.lighthouse_page([report(seo=0.58, accessibility=0.9)])
        _, passed = pb.lighthouse_summary([("products", inaccessible)], 95, "d")
        self.assertFalse(passed, "the console's accessibility counts")

    def test_a_page_lighthouse_could_not_load_fails(self):
        data = report()
        data = copy.deepcopy(data)
        data["runtimeError"] = {"code": "ERRORED_DOCUMENT_REQUEST", "message": "404"}
        text, passed = pb.lighthouse_summary([("cart", pb.lighthouse_page([data]))], 95, "d")
        self.assertFalse(passed)
        self.assertIn("could not load the page (ERRORED_DOCUMENT_REQUEST)", text)


if __name__ == "__main__":
    unittest.main()
