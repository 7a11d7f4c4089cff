#!/usr/bin/env python3
"""A stand-in for the shop's catalog API, for testing load/catalog-bench.sh without the app.

Serves the contract the benchmark relies on, on 127.0.0.1 only:
  GET /livez, /readyz
  GET /api/v1/categories                       tree [{slug,name,children}]
  GET /api/v1/products?search&category&min_price&max_price&in_stock&sort&page&size
  GET /api/v1/products/{slug}
  GET /actuator/prometheus                     http_server_requests_db_seconds histogram
Parameters are checked as the contract says (400 on a bad one), so a request mix that passes
here uses the parameters correctly. The "DB time" is the time spent filtering in memory.

  python3 load/testdata/fake_catalog.py --port 18080 [--products 2000]
"""

import argparse
import json
import random
import re
import threading
import time
import urllib.parse
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADJECTIVES = ["ceramic", "wooden", "leather", "organic", "vintage", "compact", "wireless", "linen",
              "stainless", "handmade", "classic", "bamboo", "woollen", "copper", "marble"]
NOUNS = ["mug", "teapot", "wallet", "notebook", "lamp", "blanket", "speaker", "backpack", "candle",
         "kettle", "scarf", "bowl", "chair", "headphones", "pillow", "planter", "tumbler"]
TREE = [("kitchen", ["cookware", "tableware"]), ("home", ["lighting", "textiles", "furniture"]),
        ("fashion", ["bags", "accessories"]), ("electronics", ["audio"])]
SORTS = {"relevance", "price_asc", "price_desc", "newest"}
BOUNDS = [0.0005 * 2 ** i for i in range(12)] + [float("inf")]


def build(count, rng):
    categories = [{"slug": top, "name": top.title(), "children": [{"slug": c, "name": c.title(), "children": []}
                   for c in children]} for top, children in TREE]
    parent = {c: top for top, children in TREE for c in children}
    leaves = list(parent)
    products = []
    for i in range(count):
        name = f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS).title()} {rng.choice(['Mini', 'Pro', 'Set', 'XL', 'Duo'])}"
        leaf = rng.choice(leaves)
        products.append({
            "slug": re.sub(r"[^a-z0-9]+", "-", name.lower()) + f"-{i}",
            "name": name,
            "price": f"{rng.randint(3, 600)}.{rng.choice(['00', '50', '99'])}",
            "in_stock": rng.random() < 0.8,
            "created": i,
            "categories": {leaf, parent[leaf]},
        })
    return categories, products


class Histogram:
    def __init__(self):
        self.lock = threading.Lock()
        self.series = {}

    def record(self, uri, seconds):
        with self.lock:
            counts, total = self.series.setdefault(uri, ([0] * len(BOUNDS), [0.0, 0]))
            for i, bound in enumerate(BOUNDS):
                if seconds <= bound:
                    counts[i] += 1
            total[0] += seconds
            total[1] += 1

    def text(self):
        lines = ['jvm_info{runtime="Fake",vendor="test",version="0-fake"} 1',
                 "# TYPE http_server_requests_db_seconds histogram"]
        with self.lock:
            for uri, (counts, (total, n)) in sorted(self.series.items()):
                labels = f'method="GET",uri="{uri}"'
                for bound, c in zip(BOUNDS, counts):
                    le = "+Inf" if bound == float("inf") else repr(bound)
                    lines.append(f'http_server_requests_db_seconds_bucket{{{labels},le="{le}"}} {float(c)}')
                lines.append(f"http_server_requests_db_seconds_count{{{labels}}} {float(n)}")
                lines.append(f"http_server_requests_db_seconds_sum{{{labels}}} {total}")
        return "\n".join(lines) + "\n"


class Refused(Exception):
    pass


def listing(products, query):
    def one(name):
        values = query.get(name, [])
        if len(values) > 1:
            raise Refused(f"{name} given twice")
        return values[0] if values else None

    def number(name):
        value = one(name)
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            raise Refused(f"{name} is not a number")

    page, size = one("page") or "0", one("size") or "20"
    if not page.isdigit() or not size.isdigit() or not 1 <= int(size) <= 100:
        raise Refused("page must be >= 0 and size 1..100")
    page, size = int(page), int(size)
    sort = one("sort") or "relevance"
    if sort not in SORTS:
        raise Refused("unknown sort")
    in_stock = one("in_stock")
    if in_stock not in (None, "true", "false"):
        raise Refused("in_stock must be true or false")
    low, high = number("min_price"), number("max_price")
    search = (one("search") or "").strip().lower()
    category = one("category")
    items = products
    if category:
        items = [p for p in items if category in p["categories"]]
    if low is not None:
        items = [p for p in items if Decimal(p["price"]) >= low]
    if high is not None:
        items = [p for p in items if Decimal(p["price"]) <= high]
    if in_stock is not None:
        items = [p for p in items if p["in_stock"] == (in_stock == "true")]
    if search:
        words = search.split()
        items = [p for p in items if all(w in p["name"].lower() for w in words)]
    if sort == "price_asc":
        items = sorted(items, key=lambda p: Decimal(p["price"]))
    elif sort == "price_desc":
        items = sorted(items, key=lambda p: Decimal(p["price"]), reverse=True)
    elif sort == "newest":
        items = sorted(items, key=lambda p: -p["created"])
    total = len(items)
    shown = items[page * size:(page + 1) * size]
    return {
        "items": [{k: p[k] for k in ("slug", "name", "price", "in_stock")} for p in shown],
        "page": page, "size": size, "total": total, "total_pages": (total + size - 1) // size,
        "facets": {"categories": [], "price_bands": [{"min": "0", "max": "25"}, {"min": "25", "max": "100"}]},
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--products", type=int, default=2000)
    args = parser.parse_args()
    categories, products = build(args.products, random.Random(1))
    by_slug = {p["slug"]: p for p in products}
    histogram = Histogram()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *a):
            pass

        def send(self, status, body, content_type="application/json"):
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            path = url.path
            if path in ("/livez", "/readyz"):
                return self.send(200, {"status": "UP"})
            if path == "/actuator/prometheus":
                return self.send(200, histogram.text(), "text/plain; version=0.0.4")
            if path == "/api/v1/categories":
                return self.send(200, categories)
            if path == "/api/v1/products":
                started = time.perf_counter()
                try:
                    body = listing(products, urllib.parse.parse_qs(url.query, keep_blank_values=True))
                except Refused as refused:
                    return self.send(400, {"title": "Bad request", "detail": str(refused)})
                histogram.record("/api/v1/products", time.perf_counter() - started)
                return self.send(200, body)
            if path.startswith("/api/v1/products/"):
                started = time.perf_counter()
                product = by_slug.get(urllib.parse.unquote(path.rsplit("/", 1)[1]))
                histogram.record("/api/v1/products/{slug}", time.perf_counter() - started)
                if not product:
                    return self.send(404, {"title": "Not found"})
                return self.send(200, {k: product[k] for k in ("slug", "name", "price", "in_stock")})
            self.send(404, {"title": "Not found"})

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
