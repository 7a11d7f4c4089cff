#!/usr/bin/env python3
"""Helpers for load/purchase-bench.sh (Python 3 standard library only).

Sub-commands:
  prepare     sign in as administrator, create the benchmark's products (ample stock), check one
              purchase end to end, and prepare anonymous shoppers (cookies, CSRF token) for the
              add-to-cart run
  paid-count  number of paid orders (GET /api/v1/admin/orders?status=paid, as administrator)
  buy-one     one guest purchase of an in-stock catalog product, paid with the test card; waits until
              the shop has no job due or running (its confirmation mail sent), prints the order number
  flow        parse the output of load/purchase-flow.lua (prints key=value lines)
  cpu         CPU time used so far by the machine, the app (JVM), its PostgreSQL and wrk (JSON)
  summary     print the run summary and the PASS/FAIL verdict (exit 0 pass, 3 fail)

Cookies are kept by hand: the shop marks its cookies Secure, and the benchmark talks plain HTTP to
127.0.0.1, where a cookie jar would drop them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from catalog_bench import db_time, fmt, jvm_info, parse_wrk

TARGET_CART_RPS = 1000.0
TARGET_ORDERS_PER_S = 100.0
TARGET_INIT_P95_MS = 50.0
FAIL_EXIT = 3

FLOW_URIS = [
    ("POST", "/api/v1/cart"),
    ("POST", "/api/v1/checkout/init"),
    ("POST", "/api/v1/payments/intent"),
    ("POST", "/api/v1/payments/test/confirm"),
    ("GET", "/api/v1/orders/draft/{id}"),
]
ADDRESS = {"name": "Bench Shopper", "line1": "Teststrasse 1", "city": "Berlin", "postal_code": "10115", "country": "DE"}
TEST_CARD = "4242424242424242"


# --------------------------------------------------------------------------- HTTP


class Client:
    """One visitor: a keep-alive connection and its cookies (XSRF-TOKEN, DUKKAN_CART, DUKKAN_SESSION)."""

    def __init__(self, base: str, timeout: float = 60.0):
        parts = urllib.parse.urlsplit(base)
        if parts.scheme != "http":
            raise SystemExit(f"only http:// base URLs are supported, not {base}")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body=None) -> tuple[int, object, dict]:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if method not in ("GET", "HEAD") and "XSRF-TOKEN" in self.cookies:
            headers["X-XSRF-TOKEN"] = self.cookies["XSRF-TOKEN"]
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in header.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, parsed, {"raw": raw}

    def expect(self, status: int, method: str, path: str, body=None):
        got, parsed, extra = self.request(method, path, body)
        if got != status:
            text = extra["raw"][:500].decode("utf-8", "replace")
            raise SystemExit(f"{method} {path} answered {got}, expected {status}: {text}")
        return parsed, extra["raw"]

    def csrf(self) -> str:
        self.expect(200, "GET", "/api/v1/auth/csrf")
        token = self.cookies.get("XSRF-TOKEN")
        if not token:
            raise SystemExit("GET /api/v1/auth/csrf set no XSRF-TOKEN cookie")
        return token

    def close(self):
        if self.connection is not None:
            self.connection.close()


def admin_client(base: str, email: str, password: str) -> Client:
    client = Client(base)
    client.csrf()
    client.expect(200, "POST", "/api/v1/auth/login", {"email": email, "password": password})
    if "DUKKAN_SESSION" not in client.cookies:
        raise SystemExit("POST /api/v1/auth/login set no DUKKAN_SESSION cookie")
    if "XSRF-TOKEN" not in client.cookies:  # signing in replaces the token
        client.csrf()
    return client


def paid_total(client: Client) -> int:
    body, _ = client.expect(200, "GET", "/api/v1/admin/orders?status=paid&size=1")
    return int(body["total"])


# --------------------------------------------------------------------------- prepare


def purchase_once(base: str, variant: str, email: str = "guest@example.com") -> dict:
    """One guest purchase, checking what load/purchase-flow.lua relies on in each answer."""
    shopper = Client(base)
    shopper.csrf()
    shopper.expect(200, "POST", "/api/v1/cart", {"variant_id": variant, "quantity": 1})
    if "DUKKAN_CART" not in shopper.cookies:
        raise SystemExit("the first POST /api/v1/cart set no DUKKAN_CART cookie")
    _, raw = shopper.expect(201, "POST", "/api/v1/checkout/init", {"address": ADDRESS, "email": email})
    match = re.match(rb'\s*\{"id":"([^"]+)","status":"([^"]+)"', raw)
    if not match:
        raise SystemExit("the draft's JSON does not start with id and status: " + raw[:200].decode())
    draft = match.group(1).decode()
    intent, _ = shopper.expect(201, "POST", "/api/v1/payments/intent", {"draft_id": draft})
    if not (intent or {}).get("client_secret"):
        raise SystemExit(f"POST /api/v1/payments/intent gave no client_secret: {intent}")
    confirm, raw = shopper.expect(
        200, "POST", "/api/v1/payments/test/confirm", {"client_secret": intent["client_secret"], "card_number": TEST_CARD})
    if b'"status":"succeeded"' not in raw:
        raise SystemExit(f"the test payment did not succeed: {confirm}")
    deadline = time.monotonic() + 30
    while True:
        view, raw = shopper.expect(200, "GET", f"/api/v1/orders/draft/{draft}")
        if not re.match(rb'\s*\{"id":"[^"]+","status":"', raw):
            raise SystemExit("the draft's JSON does not start with id and status")
        if view["status"] == "paid":
            shopper.close()
            return view
        if view["status"] != "awaiting_payment" or time.monotonic() > deadline:
            raise SystemExit(f"the checked purchase did not end paid: {view['status']}")
        time.sleep(0.05)


def in_stock_variant(base: str) -> str:
    """A variant with stock of an active catalog product (the demo catalog has some)."""
    client = Client(base)
    listing, _ = client.expect(200, "GET", "/api/v1/products?in_stock=true&size=20")
    for product in listing.get("items", []):
        detail, _ = client.expect(200, "GET", f"/api/v1/products/{urllib.parse.quote(product['slug'])}")
        for variant in detail.get("variants", []):
            if int(variant.get("stock", 0)) > 0:
                client.close()
                return variant["id"]
    raise SystemExit("no product in stock: start the shop with demo products (dukkan.seed.demo-products)")


def jobs_idle(stats: dict) -> bool:
    """No job due or running in any queue (GET /api/v1/admin/queues/stats); later retries do not count."""
    return all(q["counts"]["due"] == 0 and q["counts"]["running"] == 0 for q in stats["queues"])


def command_buy_one(args) -> int:
    view = purchase_once(args.base, in_stock_variant(args.base), args.email)
    number = view.get("number")
    if not number:
        raise SystemExit(f"the paid order has no number: {view}")
    # The payment leaves jobs behind (confirmation mail, receipt, points): let them finish, so that
    # whoever uses this database next does not run them.
    admin = admin_client(args.base, args.admin_email, args.admin_password)
    deadline = time.monotonic() + args.timeout
    idle = 0
    while idle < 2:
        stats, _ = admin.expect(200, "GET", "/api/v1/admin/queues/stats")
        idle = idle + 1 if jobs_idle(stats) else 0
        if time.monotonic() > deadline:
            raise SystemExit(f"jobs still due or running after {args.timeout} s: {stats['queues']}")
        time.sleep(0.5)
    print(number)
    return 0


def new_shopper(base: str, variants: list[str]) -> str:
    shopper = Client(base)
    try:
        xsrf = shopper.csrf()
        shopper.expect(200, "POST", "/api/v1/cart", {"variant_id": variants[0], "quantity": 1})
        cart = shopper.cookies.get("DUKKAN_CART")
        if not cart:
            raise SystemExit("the first POST /api/v1/cart set no DUKKAN_CART cookie")
        return f"{xsrf}\t{cart}\t{','.join(variants)}"
    finally:
        shopper.close()


def command_prepare(args) -> int:
    started = time.monotonic()
    admin = admin_client(args.base, args.admin_email, args.admin_password)
    suffix = secrets.token_hex(3)
    category = f"purchase-bench-{suffix}"
    admin.expect(201, "POST", "/api/v1/admin/categories", {"name": f"Purchase benchmark {suffix}", "slug": category})
    variants: list[str] = []
    for p in range(args.products):
        body = {
            "name": f"Benchmark product {suffix} {p + 1}",
            "description": "Made by load/purchase-bench.sh for the purchase flow benchmark.",
            "category": category,
            "status": "active",
            "variants": [
                {
                    "sku": f"PB-{suffix}-{p + 1}-{v + 1}",
                    "name": f"Size {v + 1}",
                    "price": {"amount": round(9.99 + (p * 7 + v * 3) % 90, 2), "currency": "EUR"},
                    "stock": args.stock,
                }
                for v in range(args.variants_per_product)
            ],
        }
        product, _ = admin.expect(201, "POST", "/api/v1/admin/products", body)
        slug = product["slug"]
        detail, _ = Client(args.base).expect(200, "GET", f"/api/v1/products/{urllib.parse.quote(slug)}")
        for variant in detail["variants"]:
            if int(variant.get("stock", 0)) < args.stock:
                raise SystemExit(f"variant {variant['id']} of {slug} shows stock {variant.get('stock')}")
            variants.append(variant["id"])
    with open(f"{args.out_dir}/variants.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(variants) + "\n")
    with open(f"{args.out_dir}/admin-session.json", "w", encoding="utf-8") as out:
        json.dump(admin.cookies, out)

    checked = purchase_once(args.base, variants[0])
    paid_before = paid_total(admin)

    # add-to-cart shoppers: each writes to its own few variants, so no cart reaches its line limit
    def make(i: int) -> str:
        own = [variants[(i * args.variants_per_shopper + k) % len(variants)] for k in range(args.variants_per_shopper)]
        return new_shopper(args.base, own)

    with ThreadPoolExecutor(max_workers=8) as pool:
        shoppers = list(pool.map(make, range(args.shoppers)))
    with open(f"{args.out_dir}/shoppers.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(shoppers) + "\n")
    stats = {
        "category": category,
        "products": args.products,
        "variants": len(variants),
        "stock_per_variant": args.stock,
        "cart_shoppers": len(shoppers),
        "variants_per_shopper": args.variants_per_shopper,
        "checked_order": checked.get("number"),
        "paid_orders": paid_before,
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(stats))
    return 0


def command_paid_count(args) -> int:
    client = Client(args.base)
    with open(args.session, encoding="utf-8") as f:
        client.cookies = json.load(f)
    print(paid_total(client))
    return 0


# --------------------------------------------------------------------------- job backlog


# the shop's recurring tasks: always one row in the table, never work the orders left
RECURRING_TASKS = {"release-expired-stock-reservations", "delete-abandoned-carts"}


def jobs_left(stats: dict) -> dict[str, int]:
    """Jobs waiting (due now or later: bulk jobs postponed while the machine was busy) or running, per
    one-time task in GET /api/v1/admin/queues/stats; tasks with none are left out."""
    left = {}
    for t in stats.get("tasks", []):
        n = t["counts"]["depth"] + t["counts"]["running"]
        if n > 0 and t["task"] not in RECURRING_TASKS:
            left[t["task"]] = n
    return left


def command_backlog(args) -> int:
    client = Client(args.base)
    with open(args.session, encoding="utf-8") as f:
        client.cookies = json.load(f)
    start = time.monotonic()
    first = left = jobs_left(client.expect(200, "GET", "/api/v1/admin/queues/stats")[0])
    drained = 0.0 if not left else None
    while left and time.monotonic() - start < args.wait:
        time.sleep(1)
        left = jobs_left(client.expect(200, "GET", "/api/v1/admin/queues/stats")[0])
        if not left:
            drained = round(time.monotonic() - start, 1)
    print(json.dumps({"left": first, "total": sum(first.values()), "drained_after_s": drained, "waited_s": args.wait}))
    return 0


def backlog_line(backlog: dict | None) -> list[str]:
    if not backlog:
        return []
    tasks = ", ".join(f"{task} {n}" for task, n in sorted(backlog["left"].items(), key=lambda e: -e[1]))
    done = (f"all run {fmt(backlog['drained_after_s'], 1)} s later" if backlog["drained_after_s"] is not None
            else f"not all run {backlog['waited_s']} s later")
    return [f"  jobs left after it     {backlog['total']}{f' ({tasks})' if tasks else ''}; {done}"]


# --------------------------------------------------------------------------- CPU accounting


def _proc_ticks(pid: int) -> tuple[int, int, str]:
    """(utime + stime in clock ticks, parent pid, command name) of a process, or (0, 0, "")."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return 0, 0, ""
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12]), int(fields[1]), name


def cpu_snapshot(app_pid: int | None, postmaster_pid: int | None) -> dict:
    """Clock ticks used so far: the whole machine (busy), the JVM, its PostgreSQL processes, wrk."""
    with open("/proc/stat", encoding="utf-8") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    snapshot = {"busy": sum(values[:8]) - idle, "app": 0, "postgres": 0, "wrk": 0}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        ticks, parent, name = _proc_ticks(pid)
        if app_pid and pid == app_pid:
            snapshot["app"] += ticks
        elif postmaster_pid and (pid == postmaster_pid or parent == postmaster_pid):
            snapshot["postgres"] += ticks
        elif name == "wrk":
            snapshot["wrk"] += ticks
    return snapshot


def cpu_usage(before: dict, after: dict, seconds: float) -> dict:
    """Cores used on average between two snapshots; "other" is everything else on the machine."""
    hz = os.sysconf("SC_CLK_TCK")
    used = {k: max(0, after.get(k, 0) - before.get(k, 0)) / hz / seconds for k in ("busy", "app", "postgres", "wrk")}
    used["other"] = max(0.0, used["busy"] - used["app"] - used["postgres"] - used["wrk"])
    return used


def command_cpu(args) -> int:
    postmaster = None
    if args.data_dir and os.path.exists(os.path.join(args.data_dir, "postmaster.pid")):
        with open(os.path.join(args.data_dir, "postmaster.pid"), encoding="utf-8") as f:
            first = f.readline().strip()
            postmaster = int(first) if first.isdigit() else None
    snapshot = cpu_snapshot(args.app_pid, postmaster)
    snapshot["time"] = time.time()
    print(json.dumps(snapshot))
    return 0


# --------------------------------------------------------------------------- outputs


def parse_flow(text: str) -> dict:
    out: dict = {"steps": {}, "errors": {}}
    match = re.search(r"^purchase-flow: shoppers (\d+) duration_s ([\d.]+)", text, re.M)
    if match:
        out["shoppers"], out["duration_s"] = int(match.group(1)), float(match.group(2))
    match = re.search(r"^purchase-flow: orders paid (\d+) started (\d+) orders/s ([\d.]+) polls (\d+)", text, re.M)
    if match:
        out["paid"], out["started"] = int(match.group(1)), int(match.group(2))
        out["orders_per_s"], out["polls"] = float(match.group(3)), int(match.group(4))
    for name, fields in re.findall(r"^purchase-flow: step (\w+) (.*)$", text, re.M):
        values = {k: float(v) for k, v in re.findall(r"(\w+)=(-?[\d.]+)", fields)}
        values["n"] = int(values.get("n", 0))
        for key, value in list(values.items()):
            if key != "n" and value < 0:
                values[key] = None
        out["steps"][name] = values
    match = re.search(r"^purchase-flow: errors (.*)$", text, re.M)
    if match and match.group(1).strip() != "none":
        out["errors"] = {k: int(v) for k, v in re.findall(r"(\S+)=(\d+)", match.group(1))}
    match = re.search(r"^purchase-flow: unexpected responses: (\d+) overlaps: (\d+)", text, re.M)
    out["unexpected"] = int(match.group(1)) if match else None
    out["overlaps"] = int(match.group(2)) if match else None
    wrk = parse_wrk(text)
    out["requests"] = wrk.get("requests")
    out["rps"] = wrk.get("rps")
    out["socket_errors"] = wrk.get("socket_errors", 0)
    out["wrk_status_errors"] = wrk.get("wrk_status_errors", 0)
    return out


def parse_cart(text: str) -> dict:
    out = parse_wrk(text)
    match = re.search(r"^purchase-cart: non-2xx responses: (\d+)", text, re.M)
    out["lua_non2xx"] = int(match.group(1)) if match else None
    match = re.search(r"^purchase-cart: statuses (.*)$", text, re.M)
    out["statuses"] = match.group(1).strip() if match else ""
    return out


def command_flow(args) -> int:
    with open(args.file, encoding="utf-8") as f:
        parsed = parse_flow(f.read())
    for key, value in parsed.items():
        print(f"{key}={value}")
    return 0


def server_times(before: str, after: str) -> dict:
    """Per flow route: server-side p95 and mean (http_server_requests_seconds) and mean DB time."""
    out = {}
    for method, uri in FLOW_URIS:
        total = db_time(before, after, "http_server_requests_seconds", uri, method, 0.95)
        db = db_time(before, after, "http_server_requests_db_seconds", uri, method, 0.95)
        out[uri] = {"count": total["count"], "p95_ms": total["p_ms"], "mean_ms": total["mean_ms"],
                    "db_mean_ms": db["mean_ms"], "db_p95_ms": db["p_ms"]}
    return out


def cpu_line(label: str, used: dict | None, rate: float | None = None, unit: str = "") -> list[str]:
    """Cores used during a run and, given its rate per second, the CPU time of each `unit`: the
    figure that compares code across runs when the machine's own speed varies between them."""
    if not used:
        return []
    cores = os.cpu_count() or 0
    line = (f"  CPU ({label})".ljust(25) + f"app {used['app']:.2f}, PostgreSQL {used['postgres']:.2f}, "
            f"wrk {used['wrk']:.2f}, other processes {used['other']:.2f} of {cores} cores")
    out = [line]
    if rate:
        out.append(f"  CPU per {unit}".ljust(25) + f"app {used['app'] / rate * 1000:.2f} ms, "
                   f"PostgreSQL {used['postgres'] / rate * 1000:.2f} ms")
    if used["other"] > 0.25:
        out.append(f"  WARNING: other processes used {used['other']:.2f} cores during this run: the figures are low")
    return out


def summarize(cart: dict, flow: dict, server: dict, paid_delta: int | None, flow_seconds: float | None,
              info: dict, cpu: dict | None = None, backlog: dict | None = None) -> tuple[str, bool, str]:
    cpu = cpu or {}
    steps = flow.get("steps", {})
    init = steps.get("init", {})
    init_server = server.get("/api/v1/checkout/init", {})
    cart_non2xx = cart["lua_non2xx"] if cart.get("lua_non2xx") is not None else cart.get("wrk_status_errors", 0)
    flow_errors = (flow.get("unexpected") or 0) + (flow.get("overlaps") or 0)
    socket_errors = (cart.get("socket_errors") or 0) + (flow.get("socket_errors") or 0)
    server_rate = paid_delta / flow_seconds if paid_delta is not None and flow_seconds else None
    rate = flow.get("orders_per_s")
    checks = [
        (f"add-to-cart >= {TARGET_CART_RPS:.0f} req/s", fmt(cart.get("rps"), 1),
         cart.get("rps") is not None and cart["rps"] >= TARGET_CART_RPS),
        (f"full flow >= {TARGET_ORDERS_PER_S:.0f} paid orders/s", fmt(rate, 1),
         rate is not None and rate >= TARGET_ORDERS_PER_S),
        (f"checkout/init p95 < {TARGET_INIT_P95_MS:.0f} ms", fmt(init.get("p95")),
         init.get("p95") is not None and init["p95"] < TARGET_INIT_P95_MS),
        ("no unexpected responses", str(cart_non2xx + flow_errors + socket_errors),
         cart_non2xx == 0 and flow_errors == 0 and socket_errors == 0 and flow.get("unexpected") is not None),
    ]
    passed = all(ok for _, _, ok in checks)

    def step_line(name: str, label: str) -> str:
        s = steps.get(name) or {}
        return (f"  {label:<22} p50 {fmt(s.get('p50'))}  p95 {fmt(s.get('p95'))}  p99 {fmt(s.get('p99'))}  "
                f"max {fmt(s.get('max'))} ms   (n {s.get('n', 0)})")

    errors = ", ".join(f"{k} x{v}" for k, v in sorted((flow.get("errors") or {}).items())) or "none"
    lines = [
        f"Purchase flow benchmark  {info['date']}",
        f"  JDK                    {info['jdk']}",
        f"  machine                {info['machine']}",
        f"  runs                   {info['runs']}",
        f"  data                   {info['data']}",
        "Add-to-cart (POST /api/v1/cart, idempotent upserts of prepared shoppers)",
        f"  throughput             {fmt(cart.get('rps'), 1)} req/s   ({cart.get('requests')} requests; statuses {cart.get('statuses') or 'n/a'})",
        f"  latency                p50 {fmt(cart.get('p50_ms'))} ms, p99 {fmt(cart.get('p99_ms'))} ms",
        f"  non-2xx                {cart_non2xx}   (wrk 'Non-2xx or 3xx responses': {cart.get('wrk_status_errors', 0)}; socket errors: {cart.get('socket_errors', 0)})",
        *cpu_line("add-to-cart", cpu.get("cart"), cart.get("rps"), "request"),
        f"Full flow ({flow.get('shoppers', '?')} guest shoppers in a closed loop: cart -> checkout/init -> intent -> confirm (webhook) -> paid)",
        f"  paid orders            {flow.get('paid')} in {fmt(flow.get('duration_s'), 1)} s = {fmt(rate, 1)} orders/s   (started {flow.get('started')}, draft polls {flow.get('polls')}, HTTP {fmt(flow.get('rps'), 1)} req/s)",
        f"  paid per admin API     {paid_delta if paid_delta is not None else 'n/a'} in {fmt(flow_seconds, 1)} s = {fmt(server_rate, 1)} orders/s",
        "  client-side latency per step:",
        step_line("cart", "add to cart"),
        step_line("init", "checkout/init"),
        step_line("intent", "payments/intent"),
        step_line("confirm", "test/confirm (webhook)"),
        step_line("poll", "draft poll"),
        step_line("paid", "confirm -> paid seen"),
        step_line("order", "whole order"),
        *cpu_line("full flow", cpu.get("flow"), rate, "paid order"),
        *backlog_line(backlog),
        f"  unexpected responses   {flow.get('unexpected')}   ({errors}; overlaps {flow.get('overlaps')}; socket errors {flow.get('socket_errors', 0)})",
        "  server-side (http_server_requests, during the measured flow):",
    ]
    for uri, t in server.items():
        lines.append(f"    {uri:<34} p95 {fmt(t['p95_ms'])} ms, mean {fmt(t['mean_ms'])} ms, DB mean {fmt(t['db_mean_ms'])} ms   ({t['count']} requests)")
    lines.append("Targets")
    for label, value, ok in checks:
        lines.append(f"  {label:<36} {value:>10}   {'PASS' if ok else 'FAIL'}")
    lines.append(f"  (checkout/init p95 on the server: {fmt(init_server.get('p95_ms'))} ms)")
    verdict = "PASS" if passed else "FAIL"
    lines.append(f"RESULT: {verdict}")
    order = steps.get("order", {})
    row = (
        f"| {info['date'][:10]} | {info['jdk']} | {info['machine']} | {fmt(cart.get('rps'), 0)} | "
        f"{fmt(cart.get('p50_ms'))} / {fmt(cart.get('p99_ms'))} ms | {flow.get('shoppers', '?')} | {fmt(rate, 1)} | "
        f"{fmt(init.get('p95'))} ms ({fmt(init_server.get('p95_ms'))} ms) | {fmt(order.get('p50'))} / {fmt(order.get('p95'))} ms | "
        f"{cart_non2xx + flow_errors + socket_errors} | {verdict} |"
    )
    return "\n".join(lines), passed, row


def command_summary(args) -> int:
    def read(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    cart = parse_cart(read(args.cart))
    flow = parse_flow(read(args.flow))
    before, after = read(args.before), read(args.after)
    server = server_times(before, after)
    paid_delta = args.paid_after - args.paid_before if args.paid_after is not None and args.paid_before is not None else None
    info = {
        "date": args.date,
        "jdk": jvm_info(after) or args.jdk or "unknown",
        "machine": args.machine,
        "runs": args.runs,
        "data": args.data,
    }
    cpu = {}
    for name, files in (("cart", args.cpu_cart), ("flow", args.cpu_flow)):
        if files:
            snapshots = [json.loads(read(path)) for path in files]
            cpu[name] = cpu_usage(snapshots[0], snapshots[1], snapshots[1]["time"] - snapshots[0]["time"])
    backlog = json.loads(read(args.backlog)) if args.backlog else None
    text, passed, row = summarize(cart, flow, server, paid_delta, args.flow_seconds, info, cpu, backlog)
    text += "\nRow for docs/benchmarks.md:\n" + row
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0 if passed else FAIL_EXIT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    prepare = sub.add_parser("prepare", help="products, a checked purchase and add-to-cart shoppers")
    prepare.add_argument("--base", required=True, help="e.g. http://127.0.0.1:8080")
    prepare.add_argument("--admin-email", required=True)
    prepare.add_argument("--admin-password", required=True)
    prepare.add_argument("--out-dir", required=True, help="writes variants.txt, shoppers.txt, admin-session.json")
    prepare.add_argument("--products", type=int, default=50, help="benchmark products to create")
    prepare.add_argument("--variants-per-product", type=int, default=2)
    prepare.add_argument("--stock", type=int, default=1_000_000, help="stock of each variant (API maximum 1,000,000)")
    prepare.add_argument("--shoppers", type=int, default=1000, help="anonymous shoppers for the add-to-cart run")
    prepare.add_argument("--variants-per-shopper", type=int, default=5)
    prepare.set_defaults(func=command_prepare)

    paid = sub.add_parser("paid-count", help="paid orders, from the admin API")
    paid.add_argument("--base", required=True)
    paid.add_argument("--session", required=True, help="admin-session.json written by prepare")
    paid.set_defaults(func=command_paid_count)

    backlog = sub.add_parser("backlog", help="jobs waiting or running now, and how long until none is (admin API)")
    backlog.add_argument("--base", required=True)
    backlog.add_argument("--session", required=True, help="admin-session.json written by prepare")
    backlog.add_argument("--wait", type=int, default=900, help="seconds to wait for the jobs to run at most")
    backlog.set_defaults(func=command_backlog)

    buy = sub.add_parser("buy-one", help="one paid guest order; prints its number once its jobs are done")
    buy.add_argument("--base", required=True)
    buy.add_argument("--admin-email", required=True, help="reads the job queues once the order is paid")
    buy.add_argument("--admin-password", required=True)
    buy.add_argument("--email", default="guest@example.com", help="the guest's email (recipient of its mails)")
    buy.add_argument("--timeout", type=float, default=60, help="seconds to wait for the jobs")
    buy.set_defaults(func=command_buy_one)

    flow = sub.add_parser("flow", help="parse the output of purchase-flow.lua")
    flow.add_argument("file")
    flow.set_defaults(func=command_flow)

    cpu = sub.add_parser("cpu", help="CPU ticks used so far (machine, app, PostgreSQL, wrk) as JSON")
    cpu.add_argument("--app-pid", type=int, help="the app's JVM")
    cpu.add_argument("--data-dir", help="its PostgreSQL data directory (postmaster.pid)")
    cpu.set_defaults(func=command_cpu)

    summary = sub.add_parser("summary", help="summary and PASS/FAIL (exit 3 on FAIL)")
    summary.add_argument("--cart", required=True, help="wrk output of the add-to-cart run")
    summary.add_argument("--flow", required=True, help="wrk output of the full-flow run")
    summary.add_argument("--before", required=True, help="Prometheus scrape before the flow run")
    summary.add_argument("--after", required=True, help="Prometheus scrape after the flow run")
    summary.add_argument("--paid-before", type=int)
    summary.add_argument("--paid-after", type=int)
    summary.add_argument("--flow-seconds", type=float, help="wall time between the two paid counts")
    summary.add_argument("--date", required=True)
    summary.add_argument("--jdk", default="")
    summary.add_argument("--machine", default="")
    summary.add_argument("--runs", default="")
    summary.add_argument("--data", default="")
    summary.add_argument("--cpu-cart", nargs=2, metavar=("BEFORE", "AFTER"), help="cpu snapshots around add-to-cart")
    summary.add_argument("--cpu-flow", nargs=2, metavar=("BEFORE", "AFTER"), help="cpu snapshots around the flow")
    summary.add_argument("--backlog", help="output of the backlog command after the flow")
    summary.add_argument("--out")
    summary.set_defaults(func=command_summary)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
