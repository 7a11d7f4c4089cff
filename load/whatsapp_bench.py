#!/usr/bin/env python3
"""Helpers for load/whatsapp-bench.sh (Python 3 standard library only).

Sub-commands:
  stub        the Cloud API: answers every POST …/messages with a new message id, counting them;
              runs until killed
  consent     delivers "hi" and the consent tap of each of N customers' phones, signed as Meta signs
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


async def serve(port: int) -> None:
    sent = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal sent
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                match = re.search(rb"(?i)content-length:\s*(\d+)", head)
                if match:
                    await reader.readexactly(int(match.group(1)))
                sent += 1
                body = b'{"messaging_product":"whatsapp","messages":[{"id":"wamid.stub.%d"}]}' % sent
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\n\r\n" + body)
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
        for n in range(args.count):
            frm = phone(n % args.phones)
            mid = f"wamid.bench.{n}"
            message = text(frm, mid, "menu") if n % 2 == 0 else tap(frm, mid, "browse")
            body = delivery(args.phone_number_id, message)
            out.write(sign(args.secret, body) + "\t" + body + "\n")
    print(json.dumps({"deliveries": args.count}))
    return 0


# --------------------------------------------------------------------------- summary


def flow_steps(path: str) -> dict:
    """Per-step p95 (ms) of purchase-flow.lua's done(): 'purchase-flow: step cart n=… p50=… p95=12.30 …'."""
    steps: dict = {}
    with open(path, encoding="utf-8") as f:
        for step, p95 in re.findall(r"^purchase-flow: step (\w+) n=\d+ p50=[\d.]+ p95=([\d.]+)", f.read(), re.M):
            steps[step] = float(p95)
    return steps


def command_summary(args) -> int:
    with open(args.webhook, encoding="utf-8") as f:
        webhook_text = f.read()
    webhook = parse_wrk(webhook_text)
    refused = re.search(r"^whatsapp-webhook: not accepted: (\d+)", webhook_text, re.M)
    wrapped = re.search(r"^whatsapp-webhook: wrapped: (\d+)", webhook_text, re.M)
    ack_p95 = re.search(r"^whatsapp-webhook: p95: ([\d.]+) ms", webhook_text, re.M)
    with open(args.turns, encoding="utf-8") as f:
        turns = json.load(f)
    with open(args.product, encoding="utf-8") as f:
        product = parse_wrk(f.read())
    steps = flow_steps(args.flow) if args.flow else {}
    not_accepted = int(refused.group(1)) if refused else None
    checks = {
        "acks/s": (webhook.get("rps") or 0) >= TARGET_ACK_PER_S,
        "ack p99": (webhook.get("p99_ms") or 1e9) < TARGET_ACK_P99_MS,
        "acks all 200": not_accepted == 0 and webhook.get("socket_errors", 0) == 0,
        "turn p95": (turns.get("p95_ms") or 1e9) < TARGET_TURN_P95_MS,
        "product p99 (bounds p95)": (product.get("p99_ms") or 1e9) <= TARGET_PRODUCT_P95_MS,
        "cart p95": steps.get("cart", 1e9) <= TARGET_CART_P95_MS,
        "checkout init p95": steps.get("init", 1e9) <= TARGET_INIT_P95_MS,
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
        f"web routes during the load: product GET p50/p90/p99 {fmt(product.get('p50_ms'))} / "
        f"{fmt(product.get('p90_ms'))} / {fmt(product.get('p99_ms'))} ms at {fmt(product.get('rps'), 0)} req/s "
        f"(target p95 <= {TARGET_PRODUCT_P95_MS:.0f}); purchase flow p95 cart {fmt(steps.get('cart'))} ms "
        f"(target <= {TARGET_CART_P95_MS:.0f}), checkout init {fmt(steps.get('init'))} ms (target <= {TARGET_INIT_P95_MS:.0f})",
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
    deliveries.add_argument("--out", required=True)
    summary = sub.add_parser("summary")
    for name in ("--webhook", "--turns", "--product", "--out", "--date", "--machine", "--jdk", "--runs"):
        summary.add_argument(name, required=True)
    summary.add_argument("--flow")
    summary.add_argument("--livez-rps", type=float)
    args = parser.parse_args(argv)
    return {"stub": command_stub, "consent": command_consent, "deliveries": command_deliveries,
            "summary": command_summary}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
