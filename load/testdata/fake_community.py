#!/usr/bin/env python3
"""A stand-in for the community API, for testing load/community-mix.lua without the shop.

Serves, on 127.0.0.1 only, with keep-alive connections:
  GET  /api/v1/feed               200 for a known session (Cookie DUKKAN_SESSION=member-<n>), else 401
  POST /api/v1/posts              201 with a JSON body {"text"}; 403 unless X-XSRF-TOKEN is the
                                  session's token (token-<n>)
  PUT  /api/v1/posts/{id}/like    200; 403 as above; 404 for ids starting with "missing"
  GET  /fake/stats                what it saw: requests per kind, refusals per status, likes given
                                  twice by one member, members seen, post texts seen twice

  python3 load/testdata/fake_community.py --port 18080 --members 8
"""

import argparse
import json
import re
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--members", type=int, required=True)
    args = parser.parse_args()
    lock = threading.Lock()
    state = {"kinds": {}, "refused": {}, "likes": set(), "liked_twice": 0, "members": set(), "texts": set(),
             "texts_twice": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body=None):
            data = json.dumps(body if body is not None else {}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            if status >= 400:
                with lock:
                    state["refused"][str(status)] = state["refused"].get(str(status), 0) + 1

        def member(self):
            cookie = SimpleCookie(self.headers.get("Cookie") or "")
            session = cookie.get("DUKKAN_SESSION")
            match = re.fullmatch(r"member-(\d+)", session.value if session else "")
            if not match or not 1 <= int(match.group(1)) <= args.members:
                return None
            return int(match.group(1))

        def count(self, kind, member):
            with lock:
                state["kinds"][kind] = state["kinds"].get(kind, 0) + 1
                state["members"].add(member)

        def do_GET(self):
            if self.path == "/fake/stats":
                with lock:
                    body = {"kinds": state["kinds"], "refused": state["refused"], "liked_twice": state["liked_twice"],
                            "members": len(state["members"]), "likes": len(state["likes"]),
                            "texts_twice": state["texts_twice"]}
                self.answer(200, body)
            elif self.path.startswith("/api/v1/feed"):
                member = self.member()
                if member is None:
                    self.answer(401)
                else:
                    self.count("feed", member)
                    self.answer(200, {"posts": [], "next_cursor": None})
            else:
                self.answer(404)

        def write(self, kind):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            member = self.member()
            if member is None:
                self.answer(401)
                return None, None
            if self.headers.get("X-XSRF-TOKEN") != f"token-{member}":
                self.answer(403)
                return None, None
            self.count(kind, member)
            return member, body

        def do_POST(self):
            if self.path != "/api/v1/posts":
                self.answer(404)
                return
            member, body = self.write("post")
            if member is None:
                return
            try:
                text = json.loads(body)["text"]
            except (ValueError, KeyError, TypeError):
                self.answer(400)
                return
            with lock:
                if text in state["texts"]:
                    state["texts_twice"] += 1
                state["texts"].add(text)
            self.answer(201, {"id": "p", "text": text})

        def do_PUT(self):
            match = re.fullmatch(r"/api/v1/posts/([^/]+)/like", self.path)
            if not match:
                self.answer(404)
                return
            member, _ = self.write("like")
            if member is None:
                return
            if match.group(1).startswith("missing"):
                self.answer(404)
                return
            with lock:
                key = (member, match.group(1))
                if key in state["likes"]:
                    state["liked_twice"] += 1
                state["likes"].add(key)
            self.answer(200, {"liked": True})

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
