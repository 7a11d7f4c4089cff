#!/usr/bin/env python3
"""Measures the dashboard's figures for load/figures-bench.sh (Python 3 standard library only).

Signs in as the administrator and as a seller through the JSON API (the session cookie serves the
pages too), then requests each target sequentially: a warm-up, then the measured requests, one at a
time, so a figure is the time of one render on an idle shop. Prints a table of p50/p95/max per
target and role, writes it to the summary file and exits 0 when every p95 is under the target, 3
otherwise.

Usage: figures_bench.py BASE_URL ADMIN_EMAIL SELLER_EMAIL PASSWORD REQUESTS WARMUP SUMMARY_FILE
"""

from __future__ import annotations

import statistics
import sys
import time

from purchase_bench import Client

TARGET_P95_MS = 200.0
FAIL_EXIT = 3
TARGETS = [
    ("page /admin (today)", "/admin?window=today", "text/html"),
    ("page /admin (30d)", "/admin?window=30d", "text/html"),
    ("fragment (7d)", "/admin/dashboard/figures?window=7d", "text/html"),
    ("JSON summary (30d)", "/api/v1/admin/figures/summary?window=30d", "application/json"),
    ("JSON series (30d)", "/api/v1/admin/figures/series?window=30d", "application/json"),
    ("JSON funnel (30d)", "/api/v1/admin/figures/funnel?window=30d", "application/json"),
    ("JSON low stock", "/api/v1/admin/figures/low-stock?size=20", "application/json"),
]


def signed_in(base: str, email: str, password: str) -> Client:
    client = Client(base)
    client.csrf()
    client.expect(200, "POST", "/api/v1/auth/login", {"email": email, "password": password})
    return client


def timed(client: Client, path: str, accept: str) -> float:
    started = time.perf_counter()
    status, _, extra = request(client, path, accept)
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        text = extra["raw"][:300].decode("utf-8", "replace")
        raise SystemExit(f"GET {path} answered {status}: {text}")
    return elapsed


def request(client: Client, path: str, accept: str):
    if accept == "application/json":
        return client.request("GET", path)
    # a page, as a browser asks for it
    connection = client.connection
    if connection is None:
        import http.client

        connection = client.connection = http.client.HTTPConnection(client.host, client.port, timeout=client.timeout)
    headers = {"Accept": accept, "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items())}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    raw = response.read()
    return response.status, None, {"raw": raw}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> int:
    base, admin_email, seller_email, password, requests, warmup, summary = sys.argv[1:8]
    requests, warmup = int(requests), int(warmup)
    roles = [("admin", signed_in(base, admin_email, password)), ("seller", signed_in(base, seller_email, password))]
    rows = []
    ok = True
    for name, path, accept in TARGETS:
        for role, client in roles:
            for _ in range(warmup):
                timed(client, path, accept)
            times = [timed(client, path, accept) for _ in range(requests)]
            p50, p95 = statistics.median(times), percentile(times, 95)
            passed = p95 < TARGET_P95_MS
            ok = ok and passed
            rows.append(
                f"| {name} | {role} | {p50:.1f} ms | {p95:.1f} ms | {max(times):.1f} ms | {'PASS' if passed else 'FAIL'} |"
            )
    table = "\n".join(
        ["| target | as | p50 | p95 | max | p95 < 200 ms |", "|---|---|---|---|---|---|", *rows]
    )
    print(table)
    with open(summary, "w") as out:
        out.write(table + "\n")
    return 0 if ok else FAIL_EXIT


if __name__ == "__main__":
    sys.exit(main())
