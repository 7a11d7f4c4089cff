#!/usr/bin/env python3
"""Helpers for load/jobs-bench.sh (Python 3 standard library only).

Sub-commands:
  mails    counts the mails in a mailbox of the local SMTP sink (GreenMail) over IMAP and the
           distinct X-Dukkan-Mail keys among them (JSON)
  summary  reads the output of `java -jar target/dukkan.jar jobs-bench` (and, for the mail task, the
           mail count), prints a summary with a row for docs/benchmarks.md and the verdict
           (exit 0 PASS, 3 FAIL, 1 when the run did not complete)
"""

from __future__ import annotations

import argparse
import imaplib
import json
import re
import sys

FAIL_EXIT = 3
INCOMPLETE_EXIT = 1
KEY_HEADER = "X-Dukkan-Mail"


# --------------------------------------------------------------------------- mails


def mail_keys(fetched: list) -> list[str]:
    """The X-Dukkan-Mail values in an imaplib FETCH answer of BODY.PEEK[HEADER.FIELDS (X-DUKKAN-MAIL)]."""
    keys = []
    for item in fetched:
        if isinstance(item, tuple) and len(item) == 2:
            text = item[1].decode("utf-8", "replace")
            match = re.search(rf"^{KEY_HEADER}:\s*(.+?)\s*$", text, re.M | re.I)
            keys.append(match.group(1) if match else "")
    return keys


def count_mails(keys: list[str], prefix: str) -> dict:
    matching = [k for k in keys if k.startswith(prefix)]
    return {
        "messages": len(keys),
        "matching": len(matching),
        "distinct": len(set(matching)),
        "duplicates": len(matching) - len(set(matching)),
        "prefix": prefix,
    }


def command_mails(args) -> int:
    imap = imaplib.IMAP4(args.host, args.imap_port)
    try:
        # GreenMail creates the mailbox of a recipient on the first mail, with the address as password
        imap.login(args.user, args.password or args.user)
        typ, data = imap.select("INBOX", readonly=True)
        if typ != "OK":
            raise SystemExit(f"cannot open the INBOX of {args.user}: {data}")
        keys: list[str] = []
        if int(data[0]) > 0:
            typ, fetched = imap.fetch("1:*", f"(BODY.PEEK[HEADER.FIELDS ({KEY_HEADER.upper()})])")
            if typ != "OK":
                raise SystemExit(f"FETCH failed: {fetched}")
            keys = mail_keys(fetched)
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    print(json.dumps(count_mails(keys, args.prefix)))
    return 0


# --------------------------------------------------------------------------- summary


def parse_bench(text: str) -> dict:
    """The figures the jobs-bench command prints."""
    out: dict = {}
    match = re.search(r"^jobs-bench: task (\S+), (\d+) jobs, then (\d+) jobs/s for (\d+) s; (.*); run (\S+)$", text, re.M)
    if match:
        out["task"] = match.group(1)
        out["jobs"], out["rate"], out["seconds"] = int(match.group(2)), int(match.group(3)), int(match.group(4))
        out["scheduler"] = match.group(5)
        out["run"] = match.group(6)
        threads = re.search(r"threads=(\d+)", match.group(5))
        out["threads"] = int(threads.group(1)) if threads else None
    match = re.search(r"^throughput: (\d+) jobs inserted in ([\d.]+) s, all done after ([\d.]+) s: (\d+) jobs/s", text, re.M)
    if match:
        out["throughput"] = int(match.group(4))
        out["throughput_seconds"] = float(match.group(3))
    match = re.search(
        r"^latency: (\d+) jobs at (\d+) jobs/s, enqueue-to-start p50 (\d+) ms, p95 (\d+) ms, p99 (\d+) ms, max (\d+) ms",
        text, re.M)
    if match:
        out["latency_jobs"], out["latency_rate"] = int(match.group(1)), int(match.group(2))
        out["p50"], out["p95"], out["p99"], out["max"] = (int(match.group(i)) for i in range(3, 7))
    match = re.search(r"^result: (PASS|FAIL)", text, re.M)
    out["result"] = match.group(1) if match else None
    match = re.search(r"^note: (\d+) run\(s\) failed", text, re.M)
    out["failed_runs"] = int(match.group(1)) if match else 0
    return out


def summarize(bench: dict, mails: dict | None, info: dict) -> tuple[str, int]:
    lines = ["", "=== jobs-bench summary ==="]
    if bench.get("result") is None or "p95" not in bench:
        lines.append("The run did not complete (no result line): see the command's output above.")
        return "\n".join(lines), INCOMPLETE_EXIT
    expected = bench["jobs"] + bench["latency_jobs"]
    lines += [
        f"task               {bench['task']} ({bench['scheduler']}), run {bench['run']}",
        f"throughput         {bench['throughput']:,} jobs/s ({bench['jobs']:,} jobs in {bench['throughput_seconds']:.2f} s)",
        f"latency            {bench['latency_jobs']:,} jobs at {bench['latency_rate']} jobs/s: enqueue-to-start "
        f"p50 {bench['p50']} / p95 {bench['p95']} / p99 {bench['p99']} / max {bench['max']} ms",
        f"command's verdict  {bench['result']}",
    ]
    passed = bench["result"] == "PASS"
    if mails is not None:
        mail_ok = mails["distinct"] == expected and mails["duplicates"] == 0 and mails["matching"] == mails["messages"]
        lines.append(
            f"mails received     {mails['messages']:,} at the SMTP sink, {mails['distinct']:,} distinct benchmark keys, "
            f"{mails['duplicates']} duplicates; jobs run {expected:,}: {'OK' if mail_ok else 'MISMATCH'}")
        passed = passed and mail_ok
    lines += [
        f"JDK                {info.get('jdk') or '?'}",
        f"machine            {info.get('machine') or '?'}",
        f"date               {info.get('date') or '?'}",
        "",
        "row for docs/benchmarks.md:",
        f"| {info.get('date', '')[:10]} | {info.get('jdk') or '?'} | {bench['task']} | {bench.get('threads') or '?'} "
        f"| {bench['throughput']:,} jobs/s ({bench['jobs']:,} jobs) | {bench['latency_rate']}/s "
        f"| {bench['p50']} / {bench['p95']} / {bench['p99']} / {bench['max']} ms "
        f"| {'' if mails is None else format(mails['distinct'], ',') + ' mails'} | {'PASS' if passed else 'FAIL'} |",
        "",
        f"RESULT: {'PASS' if passed else 'FAIL'}",
    ]
    return "\n".join(lines), 0 if passed else FAIL_EXIT


def command_summary(args) -> int:
    with open(args.bench, encoding="utf-8") as f:
        bench = parse_bench(f.read())
    mails = None
    if args.mails:
        with open(args.mails, encoding="utf-8") as f:
            mails = json.load(f)
    text, status = summarize(bench, mails, {"jdk": args.jdk, "machine": args.machine, "date": args.date})
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    mails = sub.add_parser("mails", help="count the mails of one mailbox over IMAP (JSON)")
    mails.add_argument("--host", default="127.0.0.1")
    mails.add_argument("--imap-port", type=int, required=True)
    mails.add_argument("--user", required=True, help="the recipient's address (GreenMail's login)")
    mails.add_argument("--password", help="default: the address")
    mails.add_argument("--prefix", default="order-confirmation bench-", help="X-Dukkan-Mail prefix of benchmark mails")
    mails.set_defaults(func=command_mails)

    summary = sub.add_parser("summary", help="summary and verdict (exit 0 PASS, 3 FAIL, 1 incomplete)")
    summary.add_argument("--bench", required=True, help="output of the jobs-bench command")
    summary.add_argument("--mails", help="JSON written by the mails sub-command")
    summary.add_argument("--jdk", default="")
    summary.add_argument("--machine", default="")
    summary.add_argument("--date", default="")
    summary.add_argument("--out")
    summary.set_defaults(func=command_summary)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
