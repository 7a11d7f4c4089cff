#!/usr/bin/env python3
"""Helpers for load/automation-bench.sh (Python 3 standard library only).

Sub-commands:
  stub      a small HTTP server answering every request 200 {"ok": true} (the workflow's http
            target), counting requests; runs until killed
  prepare   sign the administrator in, create an API key with triggers:write, a credential-free
            two-step workflow (an http call to the stub, then a second call under a condition on
            the first one's answer) and enable it; writes key.txt and checks one run end to end
  runs      the shop's count of finished runs by status (from /actuator/prometheus)
  drain     wait until no run is queued or running; print when that was
  summary   print the run's summary and the PASS/FAIL verdict (exit 0 pass, 3 fail)
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import re
import sys
import time
import urllib.parse

from catalog_bench import fmt, parse_wrk
from purchase_bench import admin_client

TARGET_TRIGGERS_RPS = 2000.0
TARGET_TRIGGER_P99_MS = 50.0
TARGET_RUNS_PER_S = 500.0
FAIL_EXIT = 3
WORKFLOW = "bench-two-step"


# --------------------------------------------------------------------------- stub


async def serve(port: int, body=lambda count: b'{"ok": true}') -> None:
    """Answers every request 200 with JSON: {"ok": true}, or what body(count of requests so far) makes."""
    count = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal count
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                match = re.search(rb"(?i)content-length:\s*(\d+)", head)
                if match:
                    await reader.readexactly(int(match.group(1)))
                count += 1
                answer = body(count)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                             + str(len(answer)).encode() + b"\r\n\r\n" + answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


def command_stub(args) -> int:
    asyncio.run(serve(args.port))
    return 0


# --------------------------------------------------------------------------- prepare


def definition(stub_port: int) -> dict:
    target = f"http://127.0.0.1:{stub_port}"
    return {
        "name": "Benchmark: two steps",
        "trigger": {"type": "webhook"},
        "input": {"type": "object", "required": ["n"],
                  "properties": {"n": {"type": "integer"}, "email": {"type": "string"}}},
        "steps": [
            {"id": "call", "connector": "http",
             "input": {"url": target + "/orders", "body": {"n": "{{trigger.n}}", "email": "{{trigger.email}}"}}},
            {"id": "confirm", "connector": "http",
             "when": {"path": "steps.call.output.status", "op": "eq", "value": 200},
             "input": {"url": target + "/confirm", "body": {"n": "{{trigger.n}}", "run": "{{run.id}}"}}},
        ],
    }


def command_prepare(args) -> int:
    admin = admin_client(args.base, args.admin_email, args.admin_password)
    status, body, _ = admin.request("GET", f"/api/v1/workflows/{WORKFLOW}")
    if status == 404:
        admin.expect(201, "POST", "/api/v1/workflows", {"key": WORKFLOW, "definition": definition(args.stub_port)})
    else:
        admin.expect(200, "PUT", f"/api/v1/workflows/{WORKFLOW}", definition(args.stub_port))
    admin.expect(200, "POST", f"/api/v1/workflows/{WORKFLOW}/enable", None)
    key = admin.expect(201, "POST", "/api/v1/me/api-keys",
                       {"name": f"automation bench {int(time.time())}", "scopes": ["triggers:write"]})[0]["secret"]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(key + "\n")
    # one run end to end, with the key, before measuring
    parts = urllib.parse.urlsplit(args.base)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30)
    connection.request("POST", f"/api/v1/triggers/{WORKFLOW}",
                       body=json.dumps({"n": 1, "email": "bench@example.com"}).encode(),
                       headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    response = connection.getresponse()
    status, body = response.status, json.loads(response.read() or b"null")
    connection.close()
    if status != 202:
        raise SystemExit(f"POST /api/v1/triggers/{WORKFLOW} answered {status}: {json.dumps(body)[:300]}")
    run_id = body["run_id"]
    deadline = time.time() + 60
    while time.time() < deadline:
        status, run, _ = admin.request("GET", f"/api/v1/runs/{run_id}")
        if status == 200 and run["run"]["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.2)
    if run["run"]["status"] != "succeeded":
        raise SystemExit(f"the check run did not succeed: {json.dumps(run)[:500]}")
    print(json.dumps({"workflow": WORKFLOW, "check_run": run_id,
                      "steps": [s["status"] for s in run["steps"]]}))
    return 0


# --------------------------------------------------------------------------- runs


def finished_runs(prometheus: str) -> dict[str, float]:
    counts: dict[str, float] = {}
    for status, value in re.findall(
            r'^automation_runs_finished_total\{[^}]*status="(\w+)"[^}]*workflow="' + WORKFLOW + r'"[^}]*\}\s+(\S+)',
            prometheus, re.M):
        counts[status] = counts.get(status, 0.0) + float(value)
    for value in re.findall(
            r'^automation_runs_finished_total\{[^}]*workflow="' + WORKFLOW + r'"[^}]*status="(\w+)"[^}]*\}\s+(\S+)',
            prometheus, re.M):
        counts[value[0]] = counts.get(value[0], 0.0) + float(value[1])
    return counts


def command_runs(args) -> int:
    with open(args.prometheus, encoding="utf-8") as f:
        print(json.dumps(finished_runs(f.read())))
    return 0


def command_drain(args) -> int:
    admin = admin_client(args.base, args.admin_email, args.admin_password)
    deadline = time.time() + args.wait
    while time.time() < deadline:
        waiting = 0
        for status in ("queued", "running"):
            code, page, _ = admin.request("GET", f"/api/v1/runs?workflow={WORKFLOW}&status={status}&limit=1")
            if code != 200:
                raise SystemExit(f"GET /api/v1/runs answered {code}")
            waiting += len(page["items"])
        if waiting == 0:
            print(json.dumps({"drained_at": time.time()}))
            return 0
        time.sleep(0.5)
    print(json.dumps({"drained_at": None}))
    return 1


# --------------------------------------------------------------------------- summary


def summarize(triggers: dict, runs_before: dict, runs_after: dict, runs_during: dict, seconds: float,
              drain_seconds: float | None, stub_requests: int | None, info: dict,
              livez_rps: float | None = None) -> tuple[str, bool]:
    succeeded = runs_after.get("succeeded", 0) - runs_before.get("succeeded", 0)
    failed = runs_after.get("failed", 0) - runs_before.get("failed", 0)
    during = runs_during.get("succeeded", 0) - runs_before.get("succeeded", 0)
    runs_per_s = succeeded / drain_seconds if drain_seconds else None
    not_accepted = triggers.get("lua_non2xx") or 0
    accepted = (triggers.get("requests") or 0) - not_accepted
    passed = (
        (triggers.get("rps") or 0) >= TARGET_TRIGGERS_RPS
        and (triggers.get("p99_ms") or 1e9) < TARGET_TRIGGER_P99_MS
        and not_accepted == 0 and triggers.get("socket_errors", 0) == 0
        and runs_per_s is not None and runs_per_s >= TARGET_RUNS_PER_S
        and failed == 0 and succeeded >= accepted
    )
    lines = [
        f"automation benchmark {info.get('date', '')}",
        f"  machine: {info.get('machine', '')}; JDK {info.get('jdk', '')}",
        f"  runs: {info.get('runs', '')}",
        f"triggers: {fmt(triggers.get('rps'), 0)} req/s accepted (target >= {TARGET_TRIGGERS_RPS:.0f}), "
        f"p50/p90/p99 {fmt(triggers.get('p50_ms'))} / {fmt(triggers.get('p90_ms'))} / {fmt(triggers.get('p99_ms'))} ms "
        f"(target p99 < {TARGET_TRIGGER_P99_MS:.0f} ms), {accepted} accepted, {not_accepted} not accepted, "
        f"{triggers.get('socket_errors', 0)} socket errors",
        f"runs finished while triggers were accepted: {during:.0f} in {seconds:.1f} s ({during / seconds:.0f}/s)",
        f"end to end: {succeeded:.0f} runs succeeded, {failed:.0f} failed, from the first trigger to the last run "
        f"in {fmt(drain_seconds, 1)} s: {fmt(runs_per_s, 0)} runs/s (target >= {TARGET_RUNS_PER_S:.0f}; "
        f"two http steps, the second under a condition)",
        f"stub requests: {stub_requests if stub_requests is not None else 'n/a'} (two per run)",
        f"/livez on this machine after the runs: {fmt(livez_rps, 0)} req/s (how fast the machine was: "
        f"triggers are {fmt(100 * (triggers.get('rps') or 0) / livez_rps if livez_rps else None, 1)} % of it)",
        f"verdict: {'PASS' if passed else 'FAIL'}",
    ]
    return "\n".join(lines), passed


def livez_rps(path: str) -> float | None:
    with open(path, encoding="utf-8") as f:
        return parse_wrk(f.read()).get("rps")


def command_summary(args) -> int:
    with open(args.triggers, encoding="utf-8") as f:
        triggers = parse_wrk(f.read())
    match = re.search(r"^automation-trigger: not accepted: (\d+)", open(args.triggers, encoding="utf-8").read(), re.M)
    triggers["lua_non2xx"] = int(match.group(1)) if match else None

    def runs(path):
        with open(path, encoding="utf-8") as f:
            return finished_runs(f.read())

    text, passed = summarize(
        triggers, runs(args.before), runs(args.after), runs(args.during), args.seconds, args.drain_seconds,
        args.stub_requests, {"date": args.date, "machine": args.machine, "jdk": args.jdk, "runs": args.runs},
        livez_rps(args.livez) if args.livez else None)
    print(text)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    return 0 if passed else FAIL_EXIT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("stub")
    p.add_argument("--port", type=int, required=True)
    p.set_defaults(run=command_stub)
    p = sub.add_parser("prepare")
    for name in ("--base", "--admin-email", "--admin-password", "--out"):
        p.add_argument(name, required=True)
    p.add_argument("--stub-port", type=int, required=True)
    p.set_defaults(run=command_prepare)
    p = sub.add_parser("runs")
    p.add_argument("--prometheus", required=True)
    p.set_defaults(run=command_runs)
    p = sub.add_parser("drain")
    for name in ("--base", "--admin-email", "--admin-password"):
        p.add_argument(name, required=True)
    p.add_argument("--wait", type=float, default=600)
    p.set_defaults(run=command_drain)
    p = sub.add_parser("summary")
    for name in ("--triggers", "--before", "--during", "--after", "--date", "--machine", "--jdk", "--runs", "--out"):
        p.add_argument(name, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--drain-seconds", type=float)
    p.add_argument("--stub-requests", type=int)
    p.add_argument("--livez", help="wrk output of /livez, the machine's reference rate")
    p.set_defaults(run=command_summary)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
