#!/usr/bin/env python3
"""Helpers for load/community-bench.sh (Python 3 standard library only).

Sub-commands:
  sessions  sign in the bench members bench-1..N (load/community-data.sql) through
            POST /api/v1/auth/login; writes one line per member: its Cookie header value, a tab, its
            CSRF token (what load/community-mix.lua sends); checks that the first member's feed answers
  feed      GET /api/v1/feed as the member of one sessions line, a few times (the EXPLAIN probe)
  explain   read the plans auto_explain wrote to PostgreSQL's log during the probe: every statement on
            the community's tables with its time, their sum per feed request, and the slowest one's
            last plan
  summary   print the run's summary and the PASS/FAIL verdict (exit 0 pass, 3 fail)

Cookies are kept by hand (load/purchase_bench.py's Client): the shop marks its cookies Secure and the
benchmark talks plain HTTP to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from concurrent.futures import ThreadPoolExecutor

from catalog_bench import db_time, fmt, jvm_info, parse_wrk
from purchase_bench import Client, cpu_line, cpu_usage

TARGET_P95_MS = 100.0
TARGET_FEED_DB_MS = 5.0
FAIL_EXIT = 3

# the mix's routes as the server tags them (http.server.requests uri)
ROUTES = [
    ("feed", "GET", "/api/v1/feed"),
    ("post", "POST", "/api/v1/posts"),
    ("like", "PUT", "/api/v1/posts/{id}/like"),
]


# --------------------------------------------------------------------------- sessions


def member_email(n: int) -> str:
    return f"bench-{n}@bench.dukkan.local"


def sign_in(base: str, n: int, password: str) -> str:
    """Signs member n in; returns its sessions line (cookies, tab, CSRF token)."""
    client = Client(base)
    try:
        client.csrf()
        client.expect(200, "POST", "/api/v1/auth/login", {"email": member_email(n), "password": password})
        if "DUKKAN_SESSION" not in client.cookies:
            raise SystemExit(f"POST /api/v1/auth/login set no DUKKAN_SESSION cookie for member {n}")
        if "XSRF-TOKEN" not in client.cookies:  # signing in replaces the token
            client.csrf()
        return session_line(client.cookies)
    finally:
        client.close()


def session_line(cookies: dict[str, str]) -> str:
    cookie = "; ".join(f"{k}={v}" for k, v in sorted(cookies.items()))
    return f"{cookie}\t{cookies['XSRF-TOKEN']}"


def parse_session_line(line: str) -> tuple[str, str]:
    cookie, _, token = line.rstrip("\n").partition("\t")
    if not cookie or not token:
        raise ValueError(f"not a sessions line (cookie<TAB>token): {line[:80]!r}")
    return cookie, token


def get_as(base: str, line: str, path: str) -> tuple[int, object]:
    cookie, _ = parse_session_line(line)
    client = Client(base)
    client.cookies = dict(part.split("=", 1) for part in cookie.split("; "))
    try:
        status, parsed, _ = client.request("GET", path)
        return status, parsed
    finally:
        client.close()


def command_sessions(args) -> int:
    numbers = range(args.first, args.first + args.count)
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        lines = list(pool.map(lambda n: sign_in(args.base, n, args.password), numbers))
    with open(args.out, "w", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in lines)
    status, body = get_as(args.base, lines[0], "/api/v1/feed?limit=20")
    if status != 200:
        raise SystemExit(f"GET /api/v1/feed answered {status} for member {args.first}: {json.dumps(body)[:300]}")
    print(json.dumps({"members": len(lines), "first_feed_items": len(feed_items(body))}))
    return 0


def feed_items(body) -> list:
    if isinstance(body, dict):
        for key in ("items", "posts", "content"):
            if isinstance(body.get(key), list):
                return body[key]
    return body if isinstance(body, list) else []


def command_feed(args) -> int:
    with open(args.sessions, encoding="utf-8") as f:
        line = f.readlines()[args.line - 1]
    for _ in range(args.times):
        status, body = get_as(args.base, line, "/api/v1/feed?limit=20")
        if status != 200:
            raise SystemExit(f"GET /api/v1/feed answered {status}: {json.dumps(body)[:300]}")
    print(json.dumps({"requests": args.times, "items": len(feed_items(body))}))
    return 0


# --------------------------------------------------------------------------- auto_explain

PLAN_START = re.compile(r"LOG:\s+duration: ([\d.]+) ms\s+plan:\s*$")


def auto_explain_entries(text: str) -> list[dict]:
    """The plans auto_explain logged: {"ms": duration, "query": text, "parameters": text, "plan":
    lines}. An entry is the "duration: … ms  plan:" line and the tab-indented lines after it: the
    query text (which may span lines), "Query Parameters: …" when the statement had any, the plan."""
    entries: list[dict] = []
    current = None
    for line in text.splitlines():
        match = PLAN_START.search(line)
        if match:
            current = {"ms": float(match.group(1)), "lines": []}
            entries.append(current)
        elif current is not None and line.startswith("\t"):
            current["lines"].append(line[1:])
        else:
            current = None
    for entry in entries:
        lines = entry.pop("lines")
        query, plan, parameters = [], [], ""
        for line in lines:
            if plan:
                plan.append(line)
            elif line.startswith("Query Text:"):
                query.append(line[len("Query Text:"):].strip())
            elif line.startswith("Query Parameters:"):
                parameters = line[len("Query Parameters:"):].strip()
            elif re.search(r"\(cost=|\(actual", line):
                plan.append(line)
            else:
                query.append(line.strip())
        entry["query"] = " ".join(q for q in query if q)
        entry["parameters"] = parameters
        entry["plan"] = plan
    return entries


def feed_statements(entries: list[dict], member: str | None = None) -> list[dict]:
    """Statements on the community's tables; with a member id, only those that name it in their
    parameters (the probe's own, not another request's that ran at the same time)."""
    return [e for e in entries if "community_" in e["query"] and (not member or member in e["parameters"])]


def explain_report(entries: list[dict], requests: int, member: str | None = None) -> tuple[str, dict]:
    """The database time of a feed request: every statement on the community's tables during the
    probe, summed and divided by the probe's requests (a request runs several, some more than once);
    and the plan of the slowest statement naming the member (with a member id)."""
    statements = feed_statements(entries)
    if not statements or requests <= 0:
        return "no plan of a statement on the community's tables in PostgreSQL's log", {"feed_ms": None}
    by_query: dict[str, list[dict]] = {}
    for entry in statements:
        by_query.setdefault(entry["query"], []).append(entry)
    totals = {q: sum(e["ms"] for e in es) for q, es in by_query.items()}
    per_request = sum(totals.values()) / requests
    named = feed_statements(entries, member) or statements
    slowest_query = max({e["query"] for e in named},
                        key=lambda q: statistics.median(e["ms"] for e in by_query[q]))
    slowest = [e["ms"] for e in by_query[slowest_query]]
    last = by_query[slowest_query][-1]
    lines = [f"statements on community tables during {requests} feed requests: executions, total ms, median ms"]
    for query, total in sorted(totals.items(), key=lambda kv: -kv[1]):
        times = [e["ms"] for e in by_query[query]]
        lines.append(f"  x{len(times):<4} {total:9.3f}  {statistics.median(times):8.3f}  {query[:140]}")
    lines.append(f"database time per feed request: {per_request:.3f} ms (all of them, over {requests} requests)")
    lines.append(f"slowest statement: median {statistics.median(slowest):.3f} ms, max {max(slowest):.3f} ms "
                 f"over {len(slowest)} executions; its last plan (auto_explain: analyze, buffers):")
    lines.append("Query Text: " + slowest_query)
    if last["parameters"]:
        lines.append("Query Parameters: " + last["parameters"])
    lines.extend(last["plan"])
    lines.append("")
    lines.append("the last plan of every statement, most time first:")
    for query, _ in sorted(totals.items(), key=lambda kv: -kv[1]):
        entry = by_query[query][-1]
        lines.append(f"-- {entry['ms']:.3f} ms: {query}")
        if entry["parameters"]:
            lines.append("Query Parameters: " + entry["parameters"])
        lines.extend(entry["plan"])
    return "\n".join(lines), {"feed_ms": per_request, "slowest_ms": statistics.median(slowest),
                              "slowest_max_ms": max(slowest), "executions": requests, "query": slowest_query}


def command_explain(args) -> int:
    with open(args.log, encoding="utf-8", errors="replace") as f:
        f.seek(args.offset)
        text = f.read()
    report, result = explain_report(auto_explain_entries(text), args.requests, args.member)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(report + "\n")
    with open(args.json, "w", encoding="utf-8") as out:
        json.dump(result, out)
    print(report)
    return 0 if result["feed_ms"] is not None else 1


# --------------------------------------------------------------------------- summary


def parse_mix(text: str) -> dict:
    """wrk's output with load/community-mix.lua's lines."""
    out = parse_wrk(text)
    match = re.search(r"^community-mix: non-2xx responses: (\d+)", text, re.M)
    out["lua_non2xx"] = int(match.group(1)) if match else None
    match = re.search(r"^community-mix: requests (.*)$", text, re.M)
    out["by_kind"] = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", match.group(1))} if match else {}
    match = re.search(r"^community-mix: statuses (.*)$", text, re.M)
    out["by_status"] = {k: int(v) for k, v in re.findall(r"(\d+)=(\d+)", match.group(1))} if match else {}
    match = re.search(r"^community-mix: latency ms (.*)$", text, re.M)
    if match:
        for key, value in re.findall(r"(\w+)=([\d.]+)", match.group(1)):
            out[f"{key}_ms"] = float(value)
    return out


def server_times(before: str, after: str) -> dict:
    """Per route of the mix: server-side p95 and mean, DB time p95 and mean (Prometheus histograms
    http_server_requests_seconds and http_server_requests_db_seconds, delta over the run)."""
    out = {}
    for kind, method, uri in ROUTES:
        total = db_time(before, after, "http_server_requests_seconds", uri, method, 0.95)
        db = db_time(before, after, "http_server_requests_db_seconds", uri, method, 0.95)
        out[kind] = {"uri": f"{method} {uri}", "count": total["count"], "p95_ms": total["p_ms"],
                     "mean_ms": total["mean_ms"], "db_p95_ms": db["p_ms"], "db_mean_ms": db["mean_ms"],
                     "db_found": db["found"]}
    return out


def summarize(mix: dict, server: dict, explain: dict, info: dict, cpu: dict | None = None) -> tuple[str, bool, str]:
    non2xx = mix["lua_non2xx"] if mix.get("lua_non2xx") is not None else mix.get("wrk_status_errors", 0)
    errors = non2xx + mix.get("socket_errors", 0)
    feed_ms = explain.get("feed_ms")
    checks = [
        (f"p95 < {TARGET_P95_MS:.0f} ms (all requests)", fmt(mix.get("p95_ms")),
         mix.get("p95_ms") is not None and mix["p95_ms"] < TARGET_P95_MS),
        ("0 errors (non-2xx, socket errors)", str(errors), errors == 0 and bool(mix.get("requests"))),
        (f"feed DB time, 1,000 follows < {TARGET_FEED_DB_MS:.0f} ms", fmt(feed_ms, 3),
         feed_ms is not None and feed_ms < TARGET_FEED_DB_MS),
    ]
    passed = all(ok for _, _, ok in checks)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted((mix.get("by_kind") or {}).items())) or "n/a"
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted((mix.get("by_status") or {}).items())) or "n/a"
    lines = [
        f"Community feed benchmark  {info['date']}",
        f"  JDK                  {info['jdk']}",
        f"  machine              {info['machine']}",
        f"  data                 {info['data']}",
        f"  wrk                  {info['wrk']}",
        f"  mix                  {fmt(mix.get('rps'), 1)} req/s   ({mix.get('requests')} requests: {kinds})",
        f"  latency              p50 {fmt(mix.get('p50_ms'))} ms, p95 {fmt(mix.get('p95_ms'))} ms, "
        f"p99 {fmt(mix.get('p99_ms'))} ms, max {fmt(mix.get('max_ms'))} ms",
        f"  statuses             {statuses}",
        f"  errors               {errors}   (non-2xx {non2xx}; wrk 'Non-2xx or 3xx responses': "
        f"{mix.get('wrk_status_errors', 0)}; socket errors: {mix.get('socket_errors', 0)})",
        "  server side          (http.server.requests and http.server.requests.db over the run)",
    ]
    for kind, times in server.items():
        lines.append(f"    {kind:<5} {times['uri']:<32} {times['count']:>8} requests, p95 {fmt(times['p95_ms'])} ms, "
                     f"mean {fmt(times['mean_ms'])} ms; DB p95 {fmt(times['db_p95_ms'])} ms, "
                     f"mean {fmt(times['db_mean_ms'])} ms")
    lines.append(f"  feed DB time         {fmt(feed_ms, 3)} ms per request over {explain.get('executions', 0)} requests "
                 f"of the member following 1,000 (every statement, auto_explain); slowest statement "
                 f"{fmt(explain.get('slowest_ms'), 3)} ms median, max {fmt(explain.get('slowest_max_ms'), 3)} ms")
    lines.extend(cpu_line("mix", cpu, mix.get("rps"), "request"))
    lines.append("Targets")
    for label, value, ok in checks:
        lines.append(f"  {label:<40} {value:>10}   {'PASS' if ok else 'FAIL'}")
    verdict = "PASS" if passed else "FAIL"
    lines.append(f"RESULT: {verdict}")
    feed = server.get("feed", {})
    row = (f"| {info['date'][:10]} | {info['data']} | {info['wrk']} | {fmt(mix.get('rps'), 0)} | "
           f"{fmt(mix.get('p50_ms'))} | {fmt(mix.get('p95_ms'))} | {fmt(mix.get('p99_ms'))} | {errors} | "
           f"{fmt(feed.get('db_p95_ms'))} | {fmt(feed_ms, 3)} | {verdict} |")
    return "\n".join(lines), passed, row


def command_summary(args) -> int:
    def read(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    mix = parse_mix(read(args.mix))
    before, after = read(args.before), read(args.after)
    server = server_times(before, after)
    explain = json.loads(read(args.explain)) if args.explain else {}
    cpu = None
    if args.cpu:
        start, end = (json.loads(read(p)) for p in args.cpu)
        if start and end and end.get("time", 0) > start.get("time", 0):
            cpu = cpu_usage(start, end, end["time"] - start["time"])
    info = {"date": args.date, "jdk": jvm_info(after) or args.jdk, "machine": args.machine, "data": args.data,
            "wrk": args.wrk}
    text, passed, row = summarize(mix, server, explain, info, cpu)
    text += "\ndocs/benchmarks.md row:\n" + row
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(text + "\n")
    print(text)
    return 0 if passed else FAIL_EXIT


# --------------------------------------------------------------------------- main


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    sessions = sub.add_parser("sessions", help="sign in the bench members")
    sessions.add_argument("--base", required=True)
    sessions.add_argument("--first", type=int, default=1)
    sessions.add_argument("--count", type=int, required=True)
    sessions.add_argument("--password", required=True)
    sessions.add_argument("--workers", type=int, default=4)
    sessions.add_argument("--out", required=True)
    sessions.set_defaults(func=command_sessions)

    feed = sub.add_parser("feed", help="read the feed as one member")
    feed.add_argument("--base", required=True)
    feed.add_argument("--sessions", required=True)
    feed.add_argument("--line", type=int, default=1)
    feed.add_argument("--times", type=int, default=5)
    feed.set_defaults(func=command_feed)

    explain = sub.add_parser("explain", help="the feed query's plans from PostgreSQL's log")
    explain.add_argument("--log", required=True)
    explain.add_argument("--offset", type=int, default=0, help="bytes of the log to skip")
    explain.add_argument("--requests", type=int, default=0)
    explain.add_argument("--member", help="the probing member's user id: only statements with it as a parameter")
    explain.add_argument("--out", required=True)
    explain.add_argument("--json", required=True)
    explain.set_defaults(func=command_explain)

    summary = sub.add_parser("summary", help="summary and verdict")
    summary.add_argument("--mix", required=True)
    summary.add_argument("--before", required=True)
    summary.add_argument("--after", required=True)
    summary.add_argument("--explain")
    summary.add_argument("--cpu", nargs=2)
    summary.add_argument("--date", required=True)
    summary.add_argument("--jdk", default="")
    summary.add_argument("--machine", default="")
    summary.add_argument("--data", default="")
    summary.add_argument("--wrk", default="")
    summary.add_argument("--out", required=True)
    summary.set_defaults(func=command_summary)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
