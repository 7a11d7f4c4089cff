#!/usr/bin/env python3
"""Helpers for load/whatsapp-bench.sh (Python 3 standard library only).

Sub-commands:
  stub        the Cloud API: answers every POST …/messages with a new message id, counting them;
              runs until killed
  consent     delivers "hi" and the consent tap of each of N customers' phones, signed as Meta signs
  shopper     a guest who keeps shopping for a while (product page, add to cart, checkout init,
              each timed) and prints the steps' latency percentiles as JSON
  deliveries  writes signed deliveries, one message each with a new id, from those phones: "menu"
              typed or "browse" tapped by turns (each answered by one list)
  summary     print the run's summary and the PASS/FAIL verdict (exit 0 pass, 3 fail)
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import http.client
import json
import re
import sys
import time

from automation_bench import serve
from catalog_bench import fmt, parse_wrk

TARGET_ACK_PER_S = 1000.0
TARGET_ACK_P99_MS = 50.0
TARGET_TURN_P95_MS = 300.0
TARGET_PRODUCT_P95_MS = 200.0
TARGET_CART_P95_MS = 200.0
TARGET_INIT_P95_MS = 250.0
FAIL_EXIT = 3


def phone(n: int) -> str:
    return f"4915{n:09d}"


def delivery(phone_number_id: str, message: dict) -> str:
    return json.dumps({
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550000000", "phone_number_id": phone_number_id},
            "messages": [message]}}]}]}, separators=(",", ":"))


def text(frm: str, mid: str, body: str) -> dict:
    return {"from": frm, "id": mid, "timestamp": str(int(time.time())), "type": "text", "text": {"body": body}}


def tap(frm: str, mid: str, choice: str) -> dict:
    return {"from": frm, "id": mid, "timestamp": str(int(time.time())), "type": "interactive",
            "interactive": {"type": "button_reply", "button_reply": {"id": choice, "title": choice}}}


def sign(secret: str, body: str) -> str:
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------- stub


def command_stub(args) -> int:
    asyncio.run(serve(args.port, lambda count: b'{"messaging_product":"whatsapp","messages":[{"id":"wamid.stub.%d"}]}' % count))
    return 0


# --------------------------------------------------------------------------- consent and deliveries


def post(base: str, secret: str, body: str) -> int:
    host, port = base.replace("http://", "").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("POST", "/webhook/whatsapp", body=body.encode(),
                       headers={"Content-Type": "application/json", "X-Hub-Signature-256": "sha256=" + sign(secret, body)})
    status = connection.getresponse().status
    connection.close()
    return status


def command_consent(args) -> int:
    for n in range(args.phones):
        for step, message in enumerate((text(phone(n), f"wamid.hi.{n}", "hi"), tap(phone(n), f"wamid.yes.{n}", "consent:yes"))):
            status = post(args.base, args.secret, delivery(args.phone_number_id, message))
            if status != 200:
                raise SystemExit(f"the webhook answered {status}")
            if step == 0:
                time.sleep(0.002)
    print(json.dumps({"phones": args.phones}))
    return 0


def command_deliveries(args) -> int:
    with open(args.out, "w", encoding="utf-8") as out:
        for n in range(args.start, args.start + args.count):
            frm = phone(n % args.phones)
            mid = f"wamid.bench.{n}"
            message = text(frm, mid, "menu") if n % 2 == 0 else tap(frm, mid, "browse")
            body = delivery(args.phone_number_id, message)
            out.write(sign(args.secret, body) + "\t" + body + "\n")
    print(json.dumps({"deliveries": args.count}))
    return 0


# --------------------------------------------------------------------------- the web shop beside the load


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {"n": len(ordered), "p50": at(0.50), "p95": at(0.95), "p99": at(0.99)}


def command_shopper(args) -> int:
    """One guest after another: GET the product, POST the cart, POST checkout init, each timed."""
    host, port = args.base.replace("http://", "").split(":")
    with open(args.variants, encoding="utf-8") as f:
        variants = [line.strip() for line in f if line.strip()]
    timings: dict[str, list[float]] = {"product": [], "cart": [], "init": []}
    failures: dict[str, int] = {}
    deadline = time.time() + args.seconds
    n = 0
    while time.time() < deadline:
        n += 1
        connection = http.client.HTTPConnection(host, int(port), timeout=30)

        def call(step, method, path, body=None, headers=None):
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
            if step:
                timings[step].append((time.perf_counter() - started) * 1000)
            if response.status >= 300:
                failures[f"{step or 'csrf'} {response.status}"] = failures.get(f"{step or 'csrf'} {response.status}", 0) + 1
            return response, data

        response, _ = call(None, "GET", "/api/v1/auth/csrf", headers={"Accept": "application/json"})
        cookies = {}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";")[0]
        xsrf = cookies.get("XSRF-TOKEN", "")

        def headers():
            return {"Content-Type": "application/json", "Accept": "application/json", "X-XSRF-TOKEN": xsrf,
                    "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}

        call("product", "GET", f"/api/v1/products/{args.slug}", headers={"Accept": "application/json"})
        response, _ = call("cart", "POST", "/api/v1/cart",
                           body=json.dumps({"variant_id": variants[n % len(variants)], "quantity": 1}), headers=headers())
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("DUKKAN_CART="):
                cookies["DUKKAN_CART"] = value.split(";")[0].split("=", 1)[1]
        call("init", "POST", "/api/v1/checkout/init", body=json.dumps({
            "address": {"name": "Bench Shopper", "line1": "Teststrasse 1", "city": "Berlin",
                        "postal_code": "10115", "country": "DE"},
            "email": f"guest{n}@example.com"}), headers=headers())
        connection.close()
    print(json.dumps({step: percentiles(values) for step, values in timings.items()} | {"failures": failures}))
    return 0


# --------------------------------------------------------------------------- summary


def command_summary(args) -> int:
    with open(args.webhook, encoding="utf-8") as f:
        webhook_text = f.read()
    webhook = parse_wrk(webhook_text)
    refused = re.search(r"^whatsapp-webhook: not accepted: (\d+)", webhook_text, re.M)
    wrapped = re.search(r"^whatsapp-webhook: wrapped: (\d+)", webhook_text, re.M)
    ack_p95 = re.search(r"^whatsapp-webhook: p95: ([\d.]+) ms", webhook_text, re.M)
    with open(args.turns, encoding="utf-8") as f:
        turns = json.load(f)
    with open(args.shoppers, encoding="utf-8") as f:
        shoppers = [json.loads(line) for line in f if line.strip()]
    web: dict = {}
    failures = 0
    for step in ("product", "cart", "init"):
        # the shoppers' samples pooled: their percentiles weighted by their counts
        parts = [s[step] for s in shoppers if s[step]["n"]]
        n = sum(p["n"] for p in parts)
        web[step] = {"n": n, **{q: (max(p[q] for p in parts) if parts else None) for q in ("p50", "p95", "p99")}}
    failures = sum(sum(s["failures"].values()) for s in shoppers)
    not_accepted = int(refused.group(1)) if refused else None
    checks = {
        "acks/s": (webhook.get("rps") or 0) >= TARGET_ACK_PER_S,
        "ack p99": (webhook.get("p99_ms") or 1e9) < TARGET_ACK_P99_MS,
        "acks all 200": not_accepted == 0 and webhook.get("socket_errors", 0) == 0,
        "turn p95": (turns.get("p95_ms") or 1e9) < TARGET_TURN_P95_MS,
        "product p95": (web["product"]["p95"] or 1e9) <= TARGET_PRODUCT_P95_MS,
        "cart p95": (web["cart"]["p95"] or 1e9) <= TARGET_CART_P95_MS,
        "checkout init p95": (web["init"]["p95"] or 1e9) <= TARGET_INIT_P95_MS,
        "web answers": failures == 0,
    }
    passed = all(checks.values())
    lines = [
        f"whatsapp benchmark {args.date}",
        f"  machine: {args.machine}; JDK {args.jdk}",
        f"  runs: {args.runs}",
        f"webhook acknowledgements: {fmt(webhook.get('rps'), 0)} messages/s (target >= {TARGET_ACK_PER_S:.0f}), "
        f"p50/p90/p95/p99 {fmt(webhook.get('p50_ms'))} / {fmt(webhook.get('p90_ms'))} / "
        f"{ack_p95.group(1) if ack_p95 else 'n/a'} / {fmt(webhook.get('p99_ms'))} ms "
        f"(target p99 < {TARGET_ACK_P99_MS:.0f}), {webhook.get('requests')} deliveries, "
        f"{not_accepted} not accepted, {wrapped.group(1) if wrapped else 'n/a'} wraps, "
        f"{webhook.get('socket_errors', 0)} socket errors",
        f"conversation turns (delivery recorded -> reply accepted by the Cloud API stub): {turns.get('turns')} turns, "
        f"p50/p95/p99 {fmt(turns.get('p50_ms'))} / {fmt(turns.get('p95_ms'))} / {fmt(turns.get('p99_ms'))} ms "
        f"(target p95 < {TARGET_TURN_P95_MS:.0f}); all done {fmt(turns.get('drain_s'), 1)} s after the load",
        f"web routes during the load ({len(shoppers)} guests shopping one after another; the slowest guest's "
        f"percentiles): product GET p50/p95/p99 {fmt(web['product']['p50'])} / {fmt(web['product']['p95'])} / "
        f"{fmt(web['product']['p99'])} ms (target p95 <= {TARGET_PRODUCT_P95_MS:.0f}), cart POST "
        f"{fmt(web['cart']['p50'])} / {fmt(web['cart']['p95'])} / {fmt(web['cart']['p99'])} ms "
        f"(target <= {TARGET_CART_P95_MS:.0f}), checkout init {fmt(web['init']['p50'])} / {fmt(web['init']['p95'])} / "
        f"{fmt(web['init']['p99'])} ms (target <= {TARGET_INIT_P95_MS:.0f}); {web['init']['n']} purchases started, "
        f"{failures} failed answers",
        f"/livez on this machine after the run: {fmt(args.livez_rps, 0)} req/s",
        "checks: " + ", ".join(f"{name} {'ok' if ok else 'FAIL'}" for name, ok in checks.items()),
        f"verdict: {'PASS' if passed else 'FAIL'}",
    ]
    text_out = "\n".join(lines)
    print(text_out)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text_out + "\n")
    return 0 if passed else FAIL_EXIT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    stub = sub.add_parser("stub")
    stub.add_argument("--port", type=int, required=True)
    consent = sub.add_parser("consent")
    consent.add_argument("--base", required=True)
    consent.add_argument("--secret", required=True)
    consent.add_argument("--phone-number-id", required=True)
    consent.add_argument("--phones", type=int, required=True)
    deliveries = sub.add_parser("deliveries")
    deliveries.add_argument("--secret", required=True)
    deliveries.add_argument("--phone-number-id", required=True)
    deliveries.add_argument("--phones", type=int, required=True)
    deliveries.add_argument("--count", type=int, required=True)
    deliveries.add_argument("--start", type=int, default=0, help="the first message's number (ids are unique per number)")
    deliveries.add_argument("--out", required=True)
    shopper = sub.add_parser("shopper")
    shopper.add_argument("--base", required=True)
    shopper.add_argument("--variants", required=True, help="variants.txt of purchase_bench.py prepare")
    shopper.add_argument("--slug", required=True, help="a product's slug")
    shopper.add_argument("--seconds", type=float, required=True)
    summary = sub.add_parser("summary")
    for name in ("--webhook", "--turns", "--shoppers", "--out", "--date", "--machine", "--jdk", "--runs"):
        summary.add_argument(name, required=True)
    summary.add_argument("--livez-rps", type=float)
    args = parser.parse_args(argv)
    return {"stub": command_stub, "consent": command_consent, "deliveries": command_deliveries,
            "shopper": command_shopper, "summary": command_summary}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
