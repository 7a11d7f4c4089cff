#!/usr/bin/env python3
"""Helpers for load/pages-bench.sh and load/lighthouse.sh (Python 3 standard library only).

Sub-commands:
  urls         build the anonymous page mix from a running shop: listing pages (categories, filters,
               sorts, searches, pages 1-3) and product pages in every language, each URL checked once
  shoppers     sign up and sign in shoppers through the API, put one item into each one's cart, write
               the signed-in mix (the page mix plus the shopper's own pages that answer), split by
               language, and one line per shopper: the URL file of its language and its cookies
  cart-cookie  one anonymous visitor with an item in the cart: prints its Cookie header value
  summary      print the page benchmark's summary (with the CPU time per page view of the app and its
               PostgreSQL) and the PASS/FAIL verdict (exit 0 pass, 3 fail)
  lighthouse   read Lighthouse JSON reports: the four scores per page (median of the runs), the
               audits that did not pass, and the verdict against a threshold (exit 0 pass, 3 fail)

Pages are requested with "Accept: text/html" as a browser does. The catalog data behind the mix
comes from the JSON API (/api/v1/categories, /api/v1/products), the same way load/catalog_bench.py
gets it; cookies are kept by hand as in load/purchase_bench.py.
"""

from __future__ import annotations

import argparse
import glob
import http.client
import json
import os
import random
import secrets
import statistics
import sys
import urllib.parse
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from catalog_bench import SORTS, MixBuilder, cache_hit_ratio, fmt, jvm_info, parse_wrk
from purchase_bench import Client, cpu_line, cpu_usage, in_stock_variant

LANGUAGES = ["", "/de", "/ar"]  # English unprefixed
PAGE_SIZE = 24  # products per listing page (ListingView.PAGE_SIZE)
SHOPPER_PAGES = ["/cart", "/account", "/account/orders"]
PAGE_CACHE = "storefront.pages"

TARGET_ANON_RPS = 3000.0
TARGET_ANON_P99_MS = 50.0
TARGET_SIGNED_RPS = 1000.0
FAIL_EXIT = 3

LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


# --------------------------------------------------------------------------- HTTP


def get_page(base: str, path: str, cookie: str | None = None, timeout: float = 60.0) -> tuple[int, str, str]:
    """GET a page as a browser asks for it; redirects are not followed. Returns (status, content
    type, Location)."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    headers = {"Accept": "text/html"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Content-Type") or "", response.getheader("Location") or ""
    finally:
        connection.close()


def canonical(base: str, path: str) -> str:
    """The URL the shop names for a listing state: a page that redirects (a listing sends a
    non-canonical URL of a state to its one URL) is replaced by where it leads on the same site."""
    status, _, location = get_page(base, path)
    if status in (301, 302, 303, 307, 308) and location:
        target = urllib.parse.urlsplit(urllib.parse.urljoin(base.rstrip("/") + path, location))
        if target.netloc == urllib.parse.urlsplit(base).netloc:
            return target.path + ("?" + target.query if target.query else "")
    return path


def is_page(status: int, content_type: str) -> bool:
    return 200 <= status < 300 and content_type.startswith("text/html")


# --------------------------------------------------------------------------- the page mix


def plain(amount: str) -> str:
    """A price as the listing's URLs write it: no trailing zeros (99.50 -> 99.5, 25.00 -> 25)."""
    return amount.rstrip("0").rstrip(".") if "." in amount else amount


def page_url(path: str, params: dict) -> str:
    """A listing URL as the pages write it (ListingView.url): parameters in the order given, values
    form-encoded, page numbers from 1, page 1 and empty values left out."""
    query = {k: v for k, v in params.items() if v not in (None, "") and not (k == "page" and int(v) <= 1)}
    return path + ("?" + urllib.parse.urlencode(query) if query else "")


def with_language(prefix: str, path: str) -> str:
    return prefix + path if prefix else path


class PageMixBuilder(MixBuilder):
    """Listing and product page URLs from the catalog that the JSON API shows."""

    def __init__(self, base: str, rng: random.Random, log=sys.stderr):
        super().__init__(base, rng, log)
        self.pages: dict[str, str] = {}  # page URL without language -> kind

    def listing_params(self, kind: str) -> tuple[str, dict, dict] | None:
        """(page path, page parameters, API parameters) of one listing state, or None."""
        api = self.filters(kind)
        if api is None:
            return None
        page: dict = {}
        path = "/products"
        if "category" in api:
            path = "/c/" + urllib.parse.quote(api["category"], safe="")
        if "search" in api:
            page["q"] = api["search"]
        for key in ("min_price", "max_price"):
            if key in api:
                page[key] = plain(api[key])
        if "in_stock" in api:
            page["in_stock"] = api["in_stock"]
        # the default order (relevance for a search, else newest) is the URL without sort
        default = "relevance" if "search" in api else "newest"
        sorts = [s for s in SORTS if s != default and (s != "relevance" or "search" in api)] + [None, None]
        sort = self.rng.choice(sorts)
        if sort:
            page["sort"] = sort
            api["sort"] = sort
        return path, page, api

    def total_pages(self, api: dict) -> int:
        query = dict(api, page=0, size=PAGE_SIZE)
        status, body = self.fetch("/api/v1/products?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote))
        if status != 200 or not isinstance(body, dict):
            return 0
        return int(body.get("total_pages") or 0)

    def build_pages(self, listing: int, detail: int) -> None:
        kinds = ["browse"] * 2 + ["category"] * 5 + ["price"] * 2 + ["in_stock"] + ["search1"] * 3
        kinds += ["search2", "typo"] + ["combo"] * 2
        self.pages["/"] = "home"
        self.pages["/products"] = "listing"
        for slug in self.categories:
            if len(self.pages) >= listing // 3:
                break
            self.pages["/c/" + urllib.parse.quote(slug, safe="")] = "listing"
        attempts = 0
        while sum(1 for k in self.pages.values() if k == "listing") < listing and attempts < listing * 20:
            attempts += 1
            state = self.listing_params(self.rng.choice(kinds))
            if state is None:
                continue
            path, params, api = state
            pages = self.total_pages(api)
            self.pages.setdefault(page_url(path, params), "listing")
            # pages 2 and 3 of the same state where it has them
            for number in (2, 3):
                if number <= pages and self.rng.random() < 0.5:
                    self.pages.setdefault(page_url(path, dict(params, page=number)), "listing")
        slugs = [str(p["slug"]) for p in self.products]
        chosen = self.rng.sample(slugs, detail) if len(slugs) >= detail else slugs
        for slug in chosen:
            self.pages["/products/" + urllib.parse.quote(slug, safe="")] = "product"


def check_pages(base: str, urls: list[str], cookie: str | None = None, workers: int = 4) -> list[tuple[int, str]]:
    """Requests every URL once; returns (status, url) of those that are not a 2xx HTML page."""

    def one(url: str):
        try:
            status, content_type, _ = get_page(base, url, cookie)
        except OSError:
            return 0, url
        return None if is_page(status, content_type) else (status, url)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [bad for bad in pool.map(one, urls) if bad]


def in_languages(pages: dict[str, str]) -> list[tuple[str, str]]:
    return [(kind, with_language(prefix, url)) for url, kind in pages.items() for prefix in LANGUAGES]


def write_mix(path: str, lines: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("".join(f"{kind}\t{url}\n" for kind, url in lines))


def command_urls(args) -> int:
    rng = random.Random(args.seed)
    builder = PageMixBuilder(args.base, rng)
    builder.load_catalog(args.products)
    builder.build_pages(args.listing, args.detail)
    # a listing URL the shop writes differently is replaced by its own form (one redirect followed)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        named = list(pool.map(lambda url: canonical(args.base, url), builder.pages))
    pages: dict[str, str] = {}
    for url, kind in zip(named, builder.pages.values()):
        pages.setdefault(url, kind)
    redirected = sum(1 for url, own in zip(builder.pages, named) if url != own)
    lines = in_languages(pages)
    rejected = check_pages(args.base, [url for _, url in lines], workers=args.workers)
    if rejected:
        sys.stderr.write(f"warning: {len(rejected)} page URLs did not answer a 2xx HTML page and were left out:\n")
        for status, url in rejected[:10]:
            sys.stderr.write(f"  {status} {url}\n")
        if len(rejected) > 0.05 * len(lines):
            raise SystemExit("more than 5% of the page URLs were refused: check the pages' URL contract")
    refused = {url for _, url in rejected}
    kept = [(kind, url) for kind, url in lines if url not in refused]
    rng.shuffle(kept)
    write_mix(args.out, kept)
    by_kind: dict[str, int] = defaultdict(int)
    by_language: dict[str, int] = defaultdict(int)
    for kind, url in kept:
        by_kind[kind] += 1
        by_language[language_of(url) or "en"] += 1
    stats = {
        "catalog_total": builder.total,
        "categories": len(builder.categories),
        "page_urls": len(kept),
        "redirected_to_their_own_url": redirected,
        "rejected": len(rejected),
        "by_kind": dict(sorted(by_kind.items())),
        "by_language": dict(sorted(by_language.items())),
        "with_page_2_or_3": sum(1 for _, url in kept if "page=2" in url or "page=3" in url),
        "searches": sum(1 for _, url in kept if "q=" in url),
        "sorted": sum(1 for _, url in kept if "sort=" in url),
    }
    stats["info"] = (
        f"{len(kept)} URLs: {by_kind.get('listing', 0)} listing, {by_kind.get('product', 0)} product and"
        f" {by_kind.get('home', 0)} home pages in en/de/ar (catalog of {builder.total} products)")
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as out:
            json.dump(stats, out, indent=2)
    print(json.dumps(stats))
    return 0


# --------------------------------------------------------------------------- signed-in shoppers


def cookie_header(client: Client) -> str:
    return "; ".join(f"{name}={value}" for name, value in sorted(client.cookies.items()))


def new_shopper(base: str, run: str, index: int, variant: str) -> str:
    """Signs up and signs in one shopper and puts one unit of the variant into its cart."""
    shopper = Client(base)
    try:
        shopper.csrf()
        email = f"pages-bench-{run}-{index}@example.com"
        password = "Pb-" + secrets.token_urlsafe(15)
        status, body, extra = shopper.request(
            "POST", "/api/v1/auth/register", {"email": email, "password": password, "display_name": f"Shopper {index}", "accept_privacy_notice": True})
        if status == 429:
            raise SystemExit("POST /api/v1/auth/register answered 429: raise dukkan.identity.sign-up-limits.per-ip")
        if status != 201:
            raise SystemExit(f"POST /api/v1/auth/register answered {status}: {extra['raw'][:300]!r}")
        status, _, extra = shopper.request("POST", "/api/v1/auth/login", {"email": email, "password": password})
        if status == 429:
            raise SystemExit("POST /api/v1/auth/login answered 429: raise dukkan.identity.sign-in-limits.per-ip")
        if status != 200 or "DUKKAN_SESSION" not in shopper.cookies:
            raise SystemExit(f"POST /api/v1/auth/login answered {status} without a session: {extra['raw'][:300]!r}")
        if "XSRF-TOKEN" not in shopper.cookies:  # signing in replaces the token
            shopper.csrf()
        shopper.expect(200, "POST", "/api/v1/cart", {"variant_id": variant, "quantity": 1})
        shopper.cookies.pop("DUKKAN_CART", None)  # the cart is the account's now
        return cookie_header(shopper)
    finally:
        shopper.close()


def language_of(url: str) -> str:
    """The language prefix of a page URL ("" for English)."""
    return next((p for p in LANGUAGES[1:] if url == p or url.startswith(p + "/")), "")


def command_shoppers(args) -> int:
    variant = in_stock_variant(args.base)
    run = secrets.token_hex(4)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        cookies = list(pool.map(lambda i: new_shopper(args.base, run, i, variant), range(args.count + 1)))
    checker = cookies.pop()  # one more shopper, who checks the pages in every language
    # the shopper's own pages, where the shop has them
    own = [(kind, url) for kind, url in in_languages({p: "shopper" for p in SHOPPER_PAGES})]
    missing = check_pages(args.base, [url for _, url in own], cookie=checker, workers=args.workers)
    if missing:
        sys.stderr.write("note: shopper pages left out of the signed-in mix (not a 2xx HTML page for a"
                         " signed-in shopper):\n")
        for status, url in missing:
            sys.stderr.write(f"  {status} {url}\n")
    left_out = {url for _, url in missing}
    own = [line for line in own if line[1] not in left_out]
    # a signed-in shopper's page views: the catalog pages, and its own pages for about a fifth
    with open(args.urls, encoding="utf-8") as f:
        catalog = [tuple(line.rstrip("\n").split("\t", 1)) for line in f if "\t" in line]
    rng = random.Random(args.seed)
    sample = rng.sample(catalog, min(len(catalog), args.catalog_pages))
    # the catalog pages answer signed-in shoppers too (checked on a sample)
    bad = check_pages(args.base, [url for _, url in sample[:30]], cookie=checker, workers=args.workers)
    if bad:
        raise SystemExit("catalog pages refused a signed-in shopper: " + ", ".join(f"{s} {u}" for s, u in bad[:5]))
    lines = list(sample)
    if own:
        repeat = max(1, round(len(sample) / 4 / len(own)))
        lines += own * repeat
    rng.shuffle(lines)
    write_mix(args.out, lines)
    # A shopper reads in one language (reading another one changes the account's language): shopper
    # i browses in language i mod 3, from a URL file of that language's lines.
    stem, ext = os.path.splitext(args.out)
    files = {}
    for prefix in LANGUAGES:
        name = f"{stem}-{prefix.strip('/') or 'en'}{ext}"
        write_mix(name, [line for line in lines if language_of(line[1]) == prefix])
        files[prefix] = name
    # and its browser has the cookie that remembers the language (DUKKAN_LANG), as after its first page
    with open(args.cookies, "w", encoding="utf-8") as out:
        for i, cookie in enumerate(cookies):
            prefix = LANGUAGES[i % len(LANGUAGES)]
            out.write(f"{files[prefix]}\t{cookie}; DUKKAN_LANG={prefix.strip('/') or 'en'}\n")
    stats = {
        "shoppers": len(cookies),
        "catalog_urls": len(sample),
        "shopper_pages": sorted({url for _, url in own}),
        "shopper_share": round((len(lines) - len(sample)) / len(lines), 3) if lines else 0,
        "url_files": {prefix or "en": os.path.basename(name) for prefix, name in files.items()},
    }
    stats["info"] = (
        f"{len(cookies)} shoppers, one per connection, each with one item in the cart and reading in one"
        f" language (en, de, ar in turn); {len(sample)} catalog page URLs and {len(own)} of the shopper's own"
        f" pages ({100 * stats['shopper_share']:.0f} % of picks)")
    print(json.dumps(stats))
    return 0


def command_cart_cookie(args) -> int:
    shopper = Client(args.base)
    try:
        shopper.csrf()
        shopper.expect(200, "POST", "/api/v1/cart", {"variant_id": in_stock_variant(args.base), "quantity": 1})
        if "DUKKAN_CART" not in shopper.cookies:
            raise SystemExit("the first POST /api/v1/cart set no DUKKAN_CART cookie")
        print(cookie_header(shopper))
    finally:
        shopper.close()
    return 0


def command_operator_cookie(args) -> int:
    operator = Client(args.base)
    try:
        operator.csrf()
        password = os.environ.get("DUKKAN_BENCH_ADMIN_PASSWORD") or sys.exit("DUKKAN_BENCH_ADMIN_PASSWORD is not set")
        status, _, extra = operator.request("POST", "/api/v1/auth/login", {"email": args.email, "password": password})
        if status != 200 or "DUKKAN_SESSION" not in operator.cookies:
            raise SystemExit(f"POST /api/v1/auth/login as {args.email} answered {status}: {extra['raw'][:300]!r}")
        print(cookie_header(operator))
    finally:
        operator.close()
    return 0


# --------------------------------------------------------------------------- summary


def wrk_seconds(path: str | None) -> float | None:
    """wrk's CPU time (user + system seconds) from the shell's `time` line "wrk-cpu U S"."""
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in reversed(f.read().splitlines()):
            parts = line.split()
            if len(parts) == 3 and parts[0] == "wrk-cpu":
                try:
                    return float(parts[1]) + float(parts[2])
                except ValueError:
                    return None
    return None


def cpu_between(paths: list[str] | None, wrk_cpu: float | None = None) -> dict | None:
    """Cores used by the app, PostgreSQL, wrk and the rest between two snapshots (purchase_bench cpu).
    wrk ends before the second snapshot, which then no longer sees it: its CPU time measured by the
    shell (wrk_cpu, seconds) is moved from "other" to "wrk"."""
    if not paths:
        return None
    snapshots = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            snapshots.append(json.load(f))
    before, after = snapshots
    if "time" not in before or "time" not in after or after["time"] <= before["time"]:
        return None
    seconds = after["time"] - before["time"]
    used = cpu_usage(before, after, seconds)
    if wrk_cpu is not None and used["wrk"] == 0:
        used["wrk"] = wrk_cpu / seconds
        used["other"] = max(0.0, used["other"] - used["wrk"])
    return used


def summarize(livez: dict, anon: dict, signed: dict | None, hit_ratio: float | None, info: dict,
              cpu: dict | None = None):
    def ratio(run):
        return run["rps"] / livez["rps"] if run and run.get("rps") and livez.get("rps") else None

    def non2xx(run):
        if not run:
            return None
        lua = run.get("lua_non2xx")
        return (lua if lua is not None else run.get("wrk_status_errors", 0)) + run.get("socket_errors", 0)

    def clean(run):
        return run is not None and non2xx(run) == 0 and run.get("wrk_status_errors", 0) == 0

    checks = [
        (f"anonymous >= {TARGET_ANON_RPS:.0f} req/s", fmt(anon.get("rps"), 1),
         anon.get("rps") is not None and anon["rps"] >= TARGET_ANON_RPS),
        (f"anonymous p99 < {TARGET_ANON_P99_MS:.0f} ms", fmt(anon.get("p99_ms")),
         anon.get("p99_ms") is not None and anon["p99_ms"] < TARGET_ANON_P99_MS),
        ("anonymous: no non-2xx or socket errors", str(non2xx(anon)), clean(anon)),
    ]
    if signed is not None:
        checks += [
            (f"signed-in >= {TARGET_SIGNED_RPS:.0f} req/s", fmt(signed.get("rps"), 1),
             signed.get("rps") is not None and signed["rps"] >= TARGET_SIGNED_RPS),
            ("signed-in: no non-2xx or socket errors", str(non2xx(signed)), clean(signed)),
        ]
    passed = all(ok for _, _, ok in checks)

    def kinds(run):
        return ", ".join(f"{k} {v}" for k, v in sorted((run.get("by_kind") or {}).items())) or "n/a"

    lines = [
        f"Storefront pages benchmark  {info['date']}",
        f"  JDK                  {info['jdk']}",
        f"  machine              {info['machine']}",
        f"  wrk                  {info['wrk']}",
        f"  anonymous mix        {info['anon_mix']}",
        f"  signed-in mix        {info['signed_mix']}",
        f"  livez                {fmt(livez.get('rps'), 1)} req/s   (p50 {fmt(livez.get('p50_ms'))} ms, p99 {fmt(livez.get('p99_ms'))} ms)",
        f"  anonymous            {fmt(anon.get('rps'), 1)} req/s   ({anon.get('requests')} requests: {kinds(anon)})",
        f"  ratio anonymous/livez {fmt(ratio(anon), 3)}",
        f"  anonymous latency    p50 {fmt(anon.get('p50_ms'))} ms, p99 {fmt(anon.get('p99_ms'))} ms",
        f"  non-2xx (anonymous)  {non2xx(anon)}   (wrk 'Non-2xx or 3xx responses': {anon.get('wrk_status_errors', 0)}; socket errors: {anon.get('socket_errors', 0)})",
        f"  page cache hits      {fmt(None if hit_ratio is None else 100 * hit_ratio, 1)} % of the anonymous run's look-ups ({PAGE_CACHE})",
    ]
    cpu = cpu or {}
    lines += cpu_line("anonymous", cpu.get("anonymous"), anon.get("rps"), "anonymous page")
    if signed is not None:
        lines += [
            f"  signed-in            {fmt(signed.get('rps'), 1)} req/s   ({signed.get('requests')} requests: {kinds(signed)})",
            f"  ratio signed-in/livez {fmt(ratio(signed), 3)}",
            f"  signed-in latency    p50 {fmt(signed.get('p50_ms'))} ms, p99 {fmt(signed.get('p99_ms'))} ms",
            f"  non-2xx (signed-in)  {non2xx(signed)}   (wrk 'Non-2xx or 3xx responses': {signed.get('wrk_status_errors', 0)}; socket errors: {signed.get('socket_errors', 0)})",
        ]
        lines += cpu_line("signed-in", cpu.get("signed"), signed.get("rps"), "signed-in page")
    else:
        lines.append("  signed-in            not measured")
    lines.append("Targets")
    for label, value, ok in checks:
        lines.append(f"  {label:<40} {value:>10}   {'PASS' if ok else 'FAIL'}")
    verdict = "PASS" if passed else "FAIL"
    lines.append(f"RESULT: {verdict}")
    signed = signed or {}

    def per_page(used, run):  # ms of CPU (JVM + PostgreSQL) per page view
        if not used or not run.get("rps") or not used.get("app"):
            return None
        return (used["app"] + used["postgres"]) / run["rps"] * 1000

    row = (
        f"| {info['date'][:10]} | {info['jdk']} | {info['machine']} | {fmt(livez.get('rps'), 0)} | "
        f"{fmt(anon.get('rps'), 0)} | {fmt(ratio(anon), 3)} | {fmt(anon.get('p50_ms'))} ms | {fmt(anon.get('p99_ms'))} ms | "
        f"{fmt(None if hit_ratio is None else 100 * hit_ratio, 1)} % | {fmt(per_page(cpu.get('anonymous'), anon), 3)} ms | "
        f"{fmt(signed.get('rps'), 0)} | {fmt(signed.get('p99_ms'))} ms | {fmt(per_page(cpu.get('signed'), signed), 3)} ms | "
        f"{verdict} |"
    )
    return "\n".join(lines), passed, row


def command_summary(args) -> int:
    def read(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    livez = parse_wrk(read(args.livez))
    anon = parse_wrk(read(args.anon))
    signed = parse_wrk(read(args.signed)) if args.signed else None
    before, after = read(args.before), read(args.after)
    info = {
        "date": args.date,
        "jdk": jvm_info(after) or args.jdk or "unknown",
        "machine": args.machine,
        "wrk": args.wrk,
        "anon_mix": args.anon_info,
        "signed_mix": args.signed_info if signed is not None else "not measured",
    }
    cpu = {"anonymous": cpu_between(args.cpu_anon, wrk_seconds(args.wrk_cpu_anon)),
           "signed": cpu_between(args.cpu_signed, wrk_seconds(args.wrk_cpu_signed))}
    text, passed, row = summarize(livez, anon, signed, cache_hit_ratio(before, after, PAGE_CACHE), info, cpu)
    text += "\nRow for docs/benchmarks.md:\n" + row
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0 if passed else FAIL_EXIT


# --------------------------------------------------------------------------- Lighthouse


def failing_audits(report: dict) -> list[dict]:
    """Audits of the four categories that did not pass, as Lighthouse's report lists them."""
    audits = report.get("audits") or {}
    out, seen = [], set()
    for category in LIGHTHOUSE_CATEGORIES:
        for ref in (report.get("categories") or {}).get(category, {}).get("auditRefs") or []:
            audit = audits.get(ref.get("id"))
            if not audit or ref["id"] in seen:
                continue
            mode = audit.get("scoreDisplayMode")
            score = audit.get("score")
            if mode in ("notApplicable", "informative", "manual"):
                continue
            if mode == "error":
                failed = True
            elif score is None:
                continue
            elif mode == "binary":
                failed = score < 1
            else:  # numeric, metricSavings: Lighthouse shows these as passed from 0.9
                failed = score < 0.9
            if failed:
                seen.add(ref["id"])
                out.append({
                    "category": category,
                    "id": ref["id"],
                    "title": audit.get("title", ref["id"]),
                    "score": score,
                    "weight": ref.get("weight", 0),
                    "display": audit.get("displayValue") or audit.get("errorMessage") or "",
                })
    return out


def scores(report: dict) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for category in LIGHTHOUSE_CATEGORIES:
        score = ((report.get("categories") or {}).get(category) or {}).get("score")
        out[category] = None if score is None else round(score * 100)
    return out


def lighthouse_page(reports: list[dict]) -> dict:
    """Median score per category over the runs of one page; failing audits of the median run."""
    per_run = [scores(r) for r in reports]
    median: dict[str, int | None] = {}
    for category in LIGHTHOUSE_CATEGORIES:
        values = [run[category] for run in per_run if run[category] is not None]
        median[category] = round(statistics.median(values)) if len(values) == len(per_run) and values else None
    # the run whose performance score is the median one tells what held it back
    order = sorted(range(len(reports)), key=lambda i: per_run[i]["performance"] or 0)
    chosen = reports[order[len(order) // 2]] if reports else {}
    return {
        "scores": median,
        "runs": per_run,
        "url": chosen.get("finalDisplayedUrl") or chosen.get("finalUrl") or chosen.get("requestedUrl"),
        "status": (chosen.get("runtimeError") or {}).get("code"),
        "failing": failing_audits(chosen),
        "form_factor": (chosen.get("configSettings") or {}).get("formFactor"),
    }


def command_lighthouse(args) -> int:
    pages = []
    for name in args.pages:
        files = sorted(glob.glob(os.path.join(args.dir, f"{name}.json")) + glob.glob(os.path.join(args.dir, f"{name}-run*.json")))
        reports = []
        for path in files:
            with open(path, encoding="utf-8") as f:
                reports.append(json.load(f))
        if not reports:
            pages.append((name, None))
            continue
        pages.append((name, lighthouse_page(reports)))
    text, passed = lighthouse_summary(pages, args.threshold, args.date)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0 if passed else FAIL_EXIT


# The console's pages tell search engines not to index them (noindex, no description): their SEO
# score is shown but not held to the threshold.
NOT_SCORED = {"dashboard": {"seo"}, "products": {"seo"}}


def lighthouse_summary(pages: list[tuple[str, dict | None]], threshold: int, date: str) -> tuple[str, bool]:
    short = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
    lines = [f"Lighthouse (mobile preset)  {date}",
             f"  {'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  result  url"]
    passed = bool(pages)
    details = []
    for name, page in pages:
        if page is None:
            lines.append(f"  {name:<10} {'-':>5} {'-':>5} {'-':>5} {'-':>5}  FAIL    no report")
            passed = False
            continue
        values = page["scores"]
        skipped = NOT_SCORED.get(name, set())
        ok = all(v is not None and v >= threshold for c, v in values.items() if c not in skipped) and not page["status"]
        passed = passed and ok
        cells = " ".join(f"{('-' if v is None else v):>5}" for v in values.values())
        lines.append(f"  {name:<10} {cells}  {'PASS' if ok else 'FAIL'}    {page['url']}")
        if skipped:
            details.append(f"  {name}: {', '.join(short[c] for c in sorted(skipped))} not held to the threshold"
                           " (an operator's page, kept out of search engines on purpose)")
        if page["form_factor"] not in (None, "mobile"):
            details.append(f"  {name}: the report's form factor is {page['form_factor']}, not mobile")
        if page["status"]:
            details.append(f"  {name}: Lighthouse could not load the page ({page['status']})")
        if len(page["runs"]) > 1:
            runs = "; ".join(" ".join(f"{short[c]} {r[c]}" for c in LIGHTHOUSE_CATEGORIES) for r in page["runs"])
            details.append(f"  {name}: {len(page['runs'])} runs, medians shown ({runs})")
        for audit in page["failing"]:
            if audit["category"] in skipped:
                continue
            display = f" ({audit['display']})" if audit["display"] else ""
            details.append(f"  {name} {short[audit['category']]}: {audit['title']}{display}")
    if details:
        lines.append("Audits that did not pass, and notes")
        lines.extend(details)
    lines.append(f"Target: every score >= {threshold}")
    lines.append(f"RESULT: {'PASS' if passed else 'FAIL'}")
    return "\n".join(lines), passed


# --------------------------------------------------------------------------- main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    urls = sub.add_parser("urls", help="write the anonymous page mix from a running shop")
    urls.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8080")
    urls.add_argument("--out", required=True, help="file to write: one 'kind<TAB>path' per line")
    urls.add_argument("--stats", help="also write the mix's statistics (JSON) here")
    urls.add_argument("--products", type=int, default=1000, help="product slugs to fetch (pages of 100)")
    urls.add_argument("--listing", type=int, default=300, help="distinct listing pages (before languages)")
    urls.add_argument("--detail", type=int, default=150, help="product pages (before languages)")
    urls.add_argument("--workers", type=int, default=4, help="parallel requests while checking the URLs")
    urls.add_argument("--seed", type=int, default=int(os.environ.get("PAGES_BENCH_SEED", "20261204")))
    urls.set_defaults(func=command_urls)

    shoppers = sub.add_parser("shoppers", help="signed-in shoppers (cookies) and their page mix")
    shoppers.add_argument("--base", required=True)
    shoppers.add_argument("--count", type=int, required=True, help="shoppers to sign up and sign in")
    shoppers.add_argument("--cookies", required=True,
                          help="file to write: per shopper its URL file, a tab and its Cookie header value")
    shoppers.add_argument("--urls", required=True, help="the anonymous page mix (from 'urls')")
    shoppers.add_argument("--out", required=True, help="the signed-in mix to write")
    shoppers.add_argument("--catalog-pages", type=int, default=600, help="catalog page URLs taken from the mix")
    shoppers.add_argument("--workers", type=int, default=4)
    shoppers.add_argument("--seed", type=int, default=int(os.environ.get("PAGES_BENCH_SEED", "20261204")))
    shoppers.set_defaults(func=command_shoppers)

    cart = sub.add_parser("cart-cookie", help="Cookie header of a new anonymous visitor with an item in the cart")
    cart.add_argument("--base", required=True)
    cart.set_defaults(func=command_cart_cookie)

    operator = sub.add_parser("operator-cookie", help="Cookie header of a signed-in operator"
                              " (password from DUKKAN_BENCH_ADMIN_PASSWORD)")
    operator.add_argument("--base", required=True)
    operator.add_argument("--email", required=True)
    operator.set_defaults(func=command_operator_cookie)

    summary = sub.add_parser("summary", help="summary and PASS/FAIL (exit 3 on FAIL)")
    summary.add_argument("--livez", required=True, help="wrk output of the /livez run")
    summary.add_argument("--anon", required=True, help="wrk output of the anonymous run")
    summary.add_argument("--signed", help="wrk output of the signed-in run")
    summary.add_argument("--before", required=True, help="Prometheus scrape before the anonymous run")
    summary.add_argument("--after", required=True, help="Prometheus scrape after the anonymous run")
    summary.add_argument("--date", required=True)
    summary.add_argument("--jdk", default="")
    summary.add_argument("--machine", default="")
    summary.add_argument("--wrk", default="")
    summary.add_argument("--cpu-anon", nargs=2, metavar=("BEFORE", "AFTER"),
                         help="CPU snapshots around the anonymous run (purchase_bench.py cpu)")
    summary.add_argument("--cpu-signed", nargs=2, metavar=("BEFORE", "AFTER"),
                         help="CPU snapshots around the signed-in run")
    summary.add_argument("--wrk-cpu-anon", help="the shell's 'wrk-cpu USER SYS' line of the anonymous run")
    summary.add_argument("--wrk-cpu-signed", help="the same of the signed-in run")
    summary.add_argument("--anon-info", default="")
    summary.add_argument("--signed-info", default="")
    summary.add_argument("--out")
    summary.set_defaults(func=command_summary)

    lighthouse = sub.add_parser("lighthouse", help="scores and failing audits of Lighthouse JSON reports")
    lighthouse.add_argument("--dir", required=True, help="directory of <page>.json or <page>-runN.json reports")
    lighthouse.add_argument("--threshold", type=int, default=95)
    lighthouse.add_argument("--date", default="")
    lighthouse.add_argument("--out")
    lighthouse.add_argument("pages", nargs="+", help="page names, in the order to print")
    lighthouse.set_defaults(func=command_lighthouse)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
