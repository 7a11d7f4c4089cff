#!/usr/bin/env python3
"""Helpers for load/catalog-bench.sh (Python 3 standard library only).

Sub-commands:
  urls      fetch categories and product slugs from a running shop and write the request mix
  db-time   DB time per request from two Prometheus scrapes (histogram delta: quantile and mean)
  wrk       parse a wrk --latency output file (prints key=value lines)
  summary   print the run summary and the PASS/FAIL verdict (exit 0 pass, 3 fail)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

PRODUCTS = "/api/v1/products"
CATEGORIES = "/api/v1/categories"
SORTS = ["relevance", "price_asc", "price_desc", "newest"]
PAGE_SIZES = [12, 24, 24, 24, 48, 100]
# Used when neither the listed items nor the price facets give prices (major units).
PRICE_LADDER = [5, 10, 15, 20, 25, 30, 40, 50, 75, 99.5, 100, 150, 200, 250, 500, 1000]

TARGET_MIX_RPS = 1500.0
TARGET_P99_MS = 50.0
TARGET_DB_P95_MS = 5.0
# --cold: listings only, caches off, so every request is a listing no cache has seen
COLD_TARGET_MIX_RPS = 1000.0
COLD_TARGET_P99_MS = 100.0
FAIL_EXIT = 3


# --------------------------------------------------------------------------- HTTP


def get_json(base: str, path: str, timeout: float = 60.0):
    """Returns (status, parsed JSON or None)."""
    request = urllib.request.Request(base.rstrip("/") + path, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, None
    try:
        return status, json.loads(body) if body else None
    except ValueError:
        return status, None


# --------------------------------------------------------------------------- request mix


def flatten_categories(nodes) -> list[str]:
    if isinstance(nodes, dict):
        nodes = nodes.get("items") or nodes.get("categories") or []
    slugs: list[str] = []
    for node in nodes or []:
        if not isinstance(node, dict):
            continue
        if node.get("slug"):
            slugs.append(str(node["slug"]))
        slugs.extend(flatten_categories(node.get("children") or []))
    return slugs


def as_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        for key in ("amount", "value", "major"):
            if key in value:
                return as_number(value[key])
    return None


def item_price(item: dict) -> float | None:
    for key in ("price", "min_price", "price_from", "from_price", "lowest_price"):
        if key in item:
            number = as_number(item[key])
            if number is not None and number >= 0:
                return number
    return None


def band_bounds(bands) -> list[float]:
    bounds: list[float] = []
    for band in bands or []:
        if not isinstance(band, dict):
            continue
        for key in ("min", "max", "from", "to", "min_price", "max_price", "lower", "upper"):
            number = as_number(band.get(key))
            if number is not None and number > 0:
                bounds.append(number)
    return bounds


WORD = re.compile(r"[^\W\d_]{3,}")


def words_of(name: str) -> list[str]:
    return [word.lower() for word in WORD.findall(name or "")]


def typo(word: str, rng: random.Random) -> str | None:
    """A misspelling: one interior letter dropped or two adjacent letters swapped."""
    if len(word) < 5:
        return None
    for _ in range(5):
        i = rng.randrange(1, len(word) - 1)
        if rng.random() < 0.5:
            candidate = word[:i] + word[i + 1 :]
        else:
            candidate = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if candidate != word:
            return candidate
    return None


def format_price(value: float) -> str:
    text = f"{value:.2f}"
    return text[:-3] if text.endswith(".00") else text


class MixBuilder:
    def __init__(self, base: str, rng: random.Random, log=sys.stderr):
        self.base = base
        self.rng = rng
        self.log = log
        self.categories: list[str] = []
        self.products: list[dict] = []
        self.total = 0
        self.prices: list[float] = []
        self.listing: dict[str, str] = {}  # url -> kind of filter
        self.rejected: list[tuple[int, str]] = []
        self.requests = 0

    def fetch(self, path: str):
        self.requests += 1
        return get_json(self.base, path)

    def load_catalog(self, want_products: int) -> None:
        status, body = self.fetch(CATEGORIES)
        if status != 200:
            raise SystemExit(f"GET {CATEGORIES} answered {status}")
        self.categories = sorted(set(flatten_categories(body)))
        page, total_pages = 0, 1
        bounds: list[float] = []
        while len(self.products) < want_products and page < total_pages:
            path = f"{PRODUCTS}?page={page}&size=100"
            status, body = self.fetch(path)
            if status != 200 or not isinstance(body, dict):
                raise SystemExit(f"GET {path} answered {status}")
            self.total = int(body.get("total") or 0)
            total_pages = int(body.get("total_pages") or 0)
            for item in body.get("items") or []:
                if isinstance(item, dict) and item.get("slug"):
                    self.products.append(item)
                    price = item_price(item)
                    if price is not None:
                        self.prices.append(price)
            if page == 0:
                bounds = band_bounds((body.get("facets") or {}).get("price_bands"))
            page += 1
        if not self.products:
            raise SystemExit(f"GET {PRODUCTS} listed no products: is the catalog seeded?")
        self.prices.extend(bounds)
        if len(self.prices) < 4:
            self.prices.extend(PRICE_LADDER)

    # -- filter sets -------------------------------------------------------------------------

    def a_name(self) -> list[str]:
        for _ in range(20):
            words = words_of(self.rng.choice(self.products).get("name", ""))
            if words:
                return words
        return []

    def one_word(self) -> str | None:
        words = self.a_name()
        return self.rng.choice(words) if words else None

    def two_words(self) -> str | None:
        words = self.a_name()
        if len(words) < 2:
            return None
        i = self.rng.randrange(len(words) - 1)
        return f"{words[i]} {words[i + 1]}"

    def misspelt(self) -> str | None:
        words = [w for w in self.a_name() if len(w) >= 5]
        if not words:
            return None
        chosen = self.rng.choice(words)
        if self.rng.random() < 0.3:
            # a two-word query with the typo in one of them
            others = self.a_name()
            bad = typo(chosen, self.rng)
            return f"{bad} {self.rng.choice(others)}" if bad and others else bad
        return typo(chosen, self.rng)

    def price_range(self) -> dict:
        low, high = sorted(self.rng.sample(self.prices, 2)) if len(set(self.prices)) > 1 else (0, self.prices[0])
        # snap some to whole units, keep some decimal (e.g. 99.50)
        if self.rng.random() < 0.6:
            low, high = math.floor(low), math.ceil(high)
        shape = self.rng.random()
        if shape < 0.25:
            return {"min_price": format_price(low)}
        if shape < 0.5:
            return {"max_price": format_price(max(high, 1))}
        if high <= low:
            high = low + 10
        return {"min_price": format_price(low), "max_price": format_price(high)}

    def filters(self, kind: str) -> dict | None:
        params: dict = {}
        if kind == "browse":
            pass
        elif kind == "category":
            if not self.categories:
                return None
            params["category"] = self.rng.choice(self.categories)
        elif kind == "price":
            params.update(self.price_range())
        elif kind == "in_stock":
            params["in_stock"] = self.rng.choice(["true", "false"])
        elif kind == "search1":
            params["search"] = self.one_word()
        elif kind == "search2":
            params["search"] = self.two_words()
        elif kind == "typo":
            params["search"] = self.misspelt()
        elif kind == "combo":
            parts = ["category", "price", "in_stock", "search"]
            for part in self.rng.sample(parts, self.rng.randint(2, 4)):
                if part == "category" and self.categories:
                    params["category"] = self.rng.choice(self.categories)
                elif part == "price":
                    params.update(self.price_range())
                elif part == "in_stock":
                    params["in_stock"] = self.rng.choice(["true", "false"])
                elif part == "search":
                    params["search"] = self.one_word() if self.rng.random() < 0.7 else self.two_words()
        else:
            raise ValueError(kind)
        if "search" in params and not params["search"]:
            return None
        return params

    @staticmethod
    def url(params: dict, sort: str | None, page: int, size: int) -> str:
        query = dict(params)
        if sort:
            query["sort"] = sort
        query["page"] = page
        query["size"] = size
        return PRODUCTS + "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)

    def add_listing(self, params: dict, sort: str | None, page: int, size: int, kind: str):
        """Requests the URL once (checks it and learns total_pages); keeps it when it answers 2xx."""
        url = self.url(params, sort, page, size)
        if url in self.listing:
            return None
        status, body = self.fetch(url)
        if not 200 <= status < 300:
            self.rejected.append((status, url))
            return None
        self.listing[url] = kind
        return body if isinstance(body, dict) else {}

    def build_listing(self, target: int) -> None:
        kinds = ["browse"] * 2 + ["category"] * 3 + ["price"] * 2 + ["in_stock"] + ["search1"] * 3
        kinds += ["search2"] * 2 + ["typo"] * 2 + ["combo"] * 3
        # every sort, first and deepest page of the whole catalog
        for sort in SORTS + [None]:
            body = self.add_listing({}, sort, 0, 24, "browse")
            pages = int((body or {}).get("total_pages") or 1)
            self.add_listing({}, sort, max(pages - 1, 0), 24, "browse")
        attempts = 0
        while len(self.listing) < target and attempts < target * 20:
            attempts += 1
            kind = self.rng.choice(kinds)
            params = self.filters(kind)
            if params is None:
                continue
            sort = self.rng.choice(SORTS + [None])
            size = self.rng.choice(PAGE_SIZES)
            body = self.add_listing(params, sort, 0, size, kind)
            if body is None:
                continue
            pages = int(body.get("total_pages") or 0)
            # deeper pages of the same query, within total_pages
            for _ in range(self.rng.choice([0, 0, 1, 1, 2])):
                if pages <= 1 or len(self.listing) >= target:
                    break
                if self.rng.random() < 0.6:
                    page = self.rng.randint(1, min(3, pages - 1))
                else:
                    page = self.rng.randint(1, pages - 1)
                self.add_listing(params, sort, page, size, kind)

    def build_detail(self, count: int, check: int = 20) -> list[str]:
        slugs = [str(p["slug"]) for p in self.products]
        if len(slugs) >= count:
            chosen = self.rng.sample(slugs, count)
        else:
            chosen = [self.rng.choice(slugs) for _ in range(count)]
        urls = [f"{PRODUCTS}/{urllib.parse.quote(slug, safe='')}" for slug in chosen]
        bad = []
        for url in self.rng.sample(urls, min(check, len(urls))):
            status, _ = self.fetch(url)
            if not 200 <= status < 300:
                bad.append((status, url))
        if bad:
            raise SystemExit("product detail answered non-2xx: " + ", ".join(f"{s} {u}" for s, u in bad[:5]))
        return urls


def command_urls(args) -> int:
    rng = random.Random(args.seed)
    builder = MixBuilder(args.base, rng)
    builder.load_catalog(args.products)
    builder.build_listing(args.listing)
    detail = builder.build_detail(args.detail) if args.detail > 0 else []
    listing = list(builder.listing)
    checked = len(listing) + len(builder.rejected)
    if builder.rejected:
        sys.stderr.write(f"warning: {len(builder.rejected)} generated listing URLs answered non-2xx and were left out:\n")
        for status, url in builder.rejected[:10]:
            sys.stderr.write(f"  {status} {url}\n")
        if len(builder.rejected) > 0.05 * checked:
            raise SystemExit("more than 5% of the generated listing URLs were refused: check the API contract")
    if len(listing) < args.min_listing:
        raise SystemExit(f"only {len(listing)} distinct listing URLs (need {args.min_listing})")
    lines = [f"listing\t{url}" for url in listing] + [f"detail\t{url}" for url in detail]
    rng.shuffle(lines)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    by_kind: dict[str, int] = defaultdict(int)
    sorts: dict[str, int] = defaultdict(int)
    deep = 0
    for url, kind in builder.listing.items():
        by_kind[kind] += 1
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        sorts[query.get("sort", ["(default)"])[0]] += 1
        if int(query.get("page", ["0"])[0]) > 3:
            deep += 1
    stats = {
        "categories": len(builder.categories),
        "products_listed": len(builder.products),
        "catalog_total": builder.total,
        "listing_urls": len(listing),
        "detail_urls": len(detail),
        "deep_pages": deep,
        "rejected": len(builder.rejected),
        "requests_made": builder.requests,
        "listing_by_filter": dict(sorted(by_kind.items())),
        "listing_by_sort": dict(sorted(sorts.items())),
    }
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as out:
            json.dump(stats, out, indent=2)
    print(json.dumps(stats))
    return 0


# --------------------------------------------------------------------------- Prometheus


SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$")
LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?')


def unescape(value: str) -> str:
    return value.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")


def parse_prometheus(text: str):
    """Yields (name, labels, value) for every sample of a text exposition."""
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        if not match:
            continue
        name, label_text, value = match.groups()
        labels = {key: unescape(val) for key, val in LABEL.findall(label_text or "")}
        try:
            yield name, labels, float(value)
        except ValueError:
            continue


def histogram(text: str, metric: str, match: dict[str, str]):
    """Cumulative bucket counts by upper bound, count and sum, added up over matching series."""
    buckets: dict[float, float] = defaultdict(float)
    count = total = 0.0
    for name, labels, value in parse_prometheus(text):
        if not name.startswith(metric) or any(labels.get(k) != v for k, v in match.items()):
            continue
        if name == metric + "_bucket" and "le" in labels:
            buckets[float(labels["le"])] += value
        elif name == metric + "_count":
            count += value
        elif name == metric + "_sum":
            total += value
    return dict(buckets), count, total


def delta(after: dict[float, float], before: dict[float, float]) -> list[tuple[float, float]]:
    bounds = sorted(set(after) | set(before))
    out, running = [], 0.0
    for bound in bounds:
        value = after.get(bound, 0.0) - before.get(bound, 0.0)
        running = max(running, value)  # cumulative counts never go down
        out.append((bound, running))
    return out


def quantile(q: float, cumulative: list[tuple[float, float]]) -> float | None:
    """Like PromQL histogram_quantile: linear interpolation inside the bucket holding the rank."""
    if not cumulative:
        return None
    total = cumulative[-1][1]
    if total <= 0:
        return None
    rank = q * total
    lower, below = 0.0, 0.0
    for bound, count in cumulative:
        if count >= rank:
            if math.isinf(bound):
                return lower  # the highest finite bound, as Prometheus does
            if count == below:
                return bound
            return lower + (bound - lower) * (rank - below) / (count - below)
        lower, below = bound, count
    return lower


def db_time(before_text: str, after_text: str, metric: str, uri: str, method: str, q: float) -> dict:
    match = {"uri": uri}
    if method:
        match["method"] = method
    after_buckets, after_count, after_sum = histogram(after_text, metric, match)
    before_buckets, before_count, before_sum = histogram(before_text, metric, match)
    result = {"found": bool(after_buckets) or after_count > 0}
    count = after_count - before_count
    cumulative = delta(after_buckets, before_buckets)
    if count <= 0 and cumulative:
        count = cumulative[-1][1]
    result["count"] = int(round(count))
    p = quantile(q, cumulative)
    result["p_ms"] = None if p is None else p * 1000.0
    result["mean_ms"] = (after_sum - before_sum) / count * 1000.0 if count > 0 else None
    return result


def command_db_time(args) -> int:
    with open(args.before, encoding="utf-8") as f:
        before = f.read()
    with open(args.after, encoding="utf-8") as f:
        after = f.read()
    result = db_time(before, after, args.metric, args.uri, args.method, args.quantile)
    print(f"found={'yes' if result['found'] else 'no'}")
    print(f"count={result['count']}")
    print(f"p{round(args.quantile * 100):d}_ms={fmt(result['p_ms'], 3)}")
    print(f"mean_ms={fmt(result['mean_ms'], 3)}")
    return 0


def jvm_info(text: str) -> str | None:
    for name, labels, _ in parse_prometheus(text):
        if name == "jvm_info":
            version = labels.get("version", "?")
            vendor = labels.get("vendor")
            return f"{version} ({vendor})" if vendor else version
    return None


# --------------------------------------------------------------------------- wrk output

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(text: str) -> dict:
    out: dict = {}
    match = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    out["rps"] = float(match.group(1)) if match else None
    for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", text, re.M):
        out[f"p{pct}_ms"] = to_ms(value)
    match = re.search(r"^\s*(\d+) requests in (\S+), (\S+) read", text, re.M)
    out["requests"] = int(match.group(1)) if match else None
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    out["wrk_status_errors"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["socket_errors"] = sum(int(g) for g in match.groups()) if match else 0
    match = re.search(r"^catalog-mix: non-2xx responses: (\d+)", text, re.M)
    out["lua_non2xx"] = int(match.group(1)) if match else None
    match = re.search(r"^catalog-mix: requests (.*)$", text, re.M)
    if match:
        out["by_kind"] = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", match.group(1))}
    return out


def command_wrk(args) -> int:
    with open(args.file, encoding="utf-8") as f:
        parsed = parse_wrk(f.read())
    for key, value in parsed.items():
        print(f"{key}={value}")
    return 0


# --------------------------------------------------------------------------- summary


def fmt(value, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def summarize(livez: dict, mix: dict, listing_db: dict, detail_db: dict, info: dict,
              cold: bool = False) -> tuple[str, bool, str]:
    ratio = mix["rps"] / livez["rps"] if mix.get("rps") and livez.get("rps") else None
    non2xx = mix["lua_non2xx"] if mix.get("lua_non2xx") is not None else mix.get("wrk_status_errors", 0)
    target_rps = COLD_TARGET_MIX_RPS if cold else TARGET_MIX_RPS
    target_p99 = COLD_TARGET_P99_MS if cold else TARGET_P99_MS
    checks = [
        (f"mix >= {target_rps:.0f} req/s", fmt(mix.get("rps"), 1),
         mix.get("rps") is not None and mix["rps"] >= target_rps),
        (f"mix p99 < {target_p99:.0f} ms", fmt(mix.get("p99_ms")),
         mix.get("p99_ms") is not None and mix["p99_ms"] < target_p99),
    ]
    if not cold:
        checks.append((f"DB p95 per listing <= {TARGET_DB_P95_MS:.0f} ms", fmt(listing_db.get("p_ms")),
                       listing_db.get("p_ms") is not None and listing_db["p_ms"] <= TARGET_DB_P95_MS))
    checks.append(("no non-2xx responses in the mix", str(non2xx),
                   non2xx == 0 and mix.get("wrk_status_errors", 0) == 0))
    passed = all(ok for _, _, ok in checks)
    kinds = mix.get("by_kind") or {}
    kind_text = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "n/a"
    lines = [
        f"Catalog read path benchmark{' (cold listings: caches off)' if cold else ''}  {info['date']}",
        f"  JDK                  {info['jdk']}",
        f"  machine              {info['machine']}",
        f"  wrk                  {info['wrk']}",
        f"  request mix          {info['mix']}",
        f"  livez                {fmt(livez.get('rps'), 1)} req/s   (p50 {fmt(livez.get('p50_ms'))} ms, p99 {fmt(livez.get('p99_ms'))} ms)",
        f"  mix                  {fmt(mix.get('rps'), 1)} req/s   ({mix.get('requests')} requests: {kind_text})",
        f"  ratio mix/livez      {fmt(ratio, 3)}",
        f"  mix latency          p50 {fmt(mix.get('p50_ms'))} ms, p99 {fmt(mix.get('p99_ms'))} ms",
        f"  non-2xx (mix)        {non2xx}   (wrk 'Non-2xx or 3xx responses': {mix.get('wrk_status_errors', 0)}; socket errors: {mix.get('socket_errors', 0)})",
        f"  DB time per listing  p95 {fmt(listing_db.get('p_ms'), 3)} ms, mean {fmt(listing_db.get('mean_ms'), 3)} ms   ({listing_db.get('count', 0)} requests timed)",
        f"  DB time per detail   p95 {fmt(detail_db.get('p_ms'), 3)} ms, mean {fmt(detail_db.get('mean_ms'), 3)} ms   ({detail_db.get('count', 0)} requests timed)",
    ]
    if not listing_db.get("found"):
        lines.append("  note: no http_server_requests_db_seconds series for uri=/api/v1/products in /actuator/prometheus")
    lines.append("Targets")
    for label, value, ok in checks:
        lines.append(f"  {label:<34} {value:>10}   {'PASS' if ok else 'FAIL'}")
    verdict = "PASS" if passed else "FAIL"
    lines.append(f"RESULT: {verdict}")
    row = (
        f"| {info['date'][:10]} | {info['jdk']} | {info['machine']} | {fmt(livez.get('rps'), 0)} | "
        f"{fmt(mix.get('rps'), 0)} | {fmt(ratio, 3)} | {fmt(mix.get('p50_ms'))} ms | {fmt(mix.get('p99_ms'))} ms | "
        f"{fmt(listing_db.get('p_ms'))} ms | {verdict} |"
    )
    return "\n".join(lines), passed, row


def cache_hit_ratio(before_text: str, after_text: str, cache: str) -> float | None:
    """Share of cache look-ups during the mix that were hits (Micrometer's cache_gets_total)."""

    def gets(text: str) -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        for name, labels, value in parse_prometheus(text):
            if name == "cache_gets_total" and labels.get("cache") == cache:
                totals[labels.get("result", "")] += value
        return totals

    before, after = gets(before_text), gets(after_text)
    hits = after.get("hit", 0.0) - before.get("hit", 0.0)
    misses = after.get("miss", 0.0) - before.get("miss", 0.0)
    return hits / (hits + misses) if hits + misses > 0 else None


def command_summary(args) -> int:
    def read(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    livez = parse_wrk(read(args.livez))
    mix = parse_wrk(read(args.mix))
    before, after = read(args.before), read(args.after)
    listing_db = db_time(before, after, args.metric, PRODUCTS, "GET", 0.95)
    detail_db = db_time(before, after, args.metric, PRODUCTS + "/{slug}", "GET", 0.95)
    info = {
        "date": args.date,
        "jdk": jvm_info(after) or args.jdk or "unknown",
        "machine": args.machine,
        "wrk": args.wrk,
        "mix": args.mix_info,
    }
    text, passed, row = summarize(livez, mix, listing_db, detail_db, info, args.cold)
    ratios = {name: cache_hit_ratio(before, after, "catalog." + name) for name in ("listings", "products")}
    text += "\nCache hit ratio during the mix: " + ", ".join(
        f"{name} {fmt(None if r is None else 100 * r, 1)} %" for name, r in ratios.items())
    text += "\nRow for docs/benchmarks.md:\n" + row
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0 if passed else FAIL_EXIT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    urls = sub.add_parser("urls", help="write the request mix from a running shop")
    urls.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8080")
    urls.add_argument("--out", required=True, help="file to write: one 'kind<TAB>path' per line")
    urls.add_argument("--stats", help="also write the generation statistics (JSON) here")
    urls.add_argument("--products", type=int, default=1000, help="product slugs to fetch (pages of 100)")
    urls.add_argument("--listing", type=int, default=700, help="distinct listing URLs to generate")
    urls.add_argument("--min-listing", type=int, default=500)
    urls.add_argument("--detail", type=int, default=300, help="product detail URLs")
    urls.add_argument("--seed", type=int, default=int(os.environ.get("CATALOG_BENCH_SEED", "20240501")))
    urls.set_defaults(func=command_urls)

    db = sub.add_parser("db-time", help="histogram quantile and mean between two scrapes")
    db.add_argument("--before", required=True)
    db.add_argument("--after", required=True)
    db.add_argument("--metric", default="http_server_requests_db_seconds")
    db.add_argument("--uri", default=PRODUCTS)
    db.add_argument("--method", default="GET")
    db.add_argument("--quantile", type=float, default=0.95)
    db.set_defaults(func=command_db_time)

    wrk = sub.add_parser("wrk", help="parse wrk --latency output")
    wrk.add_argument("file")
    wrk.set_defaults(func=command_wrk)

    summary = sub.add_parser("summary", help="summary and PASS/FAIL (exit 3 on FAIL)")
    summary.add_argument("--livez", required=True, help="wrk output of the /livez run")
    summary.add_argument("--mix", required=True, help="wrk output of the mix run")
    summary.add_argument("--before", required=True, help="Prometheus scrape before the mix")
    summary.add_argument("--after", required=True, help="Prometheus scrape after the mix")
    summary.add_argument("--metric", default="http_server_requests_db_seconds")
    summary.add_argument("--date", required=True)
    summary.add_argument("--jdk", default="")
    summary.add_argument("--machine", default="")
    summary.add_argument("--wrk", default="")
    summary.add_argument("--mix-info", default="")
    summary.add_argument("--out")
    summary.add_argument("--cold", action="store_true", help="targets of the cold listing mix")
    summary.set_defaults(func=command_summary)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
