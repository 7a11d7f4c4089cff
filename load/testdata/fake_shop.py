#!/usr/bin/env python3
"""A stand-in for the shop's pages, for testing load/pages-bench.sh without the app.

Serves, on 127.0.0.1 only, the catalog API of fake_catalog.py (products with variants) and:
  GET  /, /products, /c/{slug}, /products/{slug}   pages, also under /de and /ar; listing
                                                   parameters q, min_price, max_price, in_stock,
                                                   sort, page (from 1; past the last page 404)
  GET  /cart, /account                             200 for a signed-in session, else 302 to /login
  GET  /account/orders                             404 (a page the shop does not have)
  GET  /api/v1/auth/csrf                           sets XSRF-TOKEN
  POST /api/v1/auth/register, /api/v1/auth/login   (the X-XSRF-TOKEN header must match the cookie)
  POST /api/v1/cart                                sets DUKKAN_CART for a visitor without session
  GET  /actuator/prometheus                        cache_gets_total{cache="storefront.pages"}: an
                                                   anonymous page is a miss the first time, then a hit
  GET  /fake/stats                                 what the stand-in saw: signed-in sessions,
                                                   connections that carried more than one session,
                                                   sessions that read pages in more than one language

  python3 load/testdata/fake_shop.py --port 18080 [--products 2000]
"""

import argparse
import json
import os
import random
import re
import secrets
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fake_catalog import Refused, build, listing  # noqa: E402

PAGE_SIZE = 24


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--products", type=int, default=2000)
    args = parser.parse_args()
    categories, products = build(args.products, random.Random(1))
    for i, product in enumerate(products):
        product["variants"] = [{"id": f"00000000-0000-7000-8000-{i:012d}", "stock": 5 if product["in_stock"] else 0}]
    by_slug = {p["slug"]: p for p in products}
    slugs = {c["slug"] for top in categories for c in [top] + top["children"]}
    lock = threading.Lock()
    state = {"users": {}, "sessions": {}, "tokens": set(), "carts": set(), "cached": set(), "hits": 0,
             "misses": 0, "signed_in_sessions": set(), "mixed_connections": 0, "pages": {},
             "session_languages": {}}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *a):
            pass

        def cookies(self):
            out = {}
            for part in (self.headers.get("Cookie") or "").split(";"):
                name, _, value = part.strip().partition("=")
                if name:
                    out[name] = value
            return out

        def send(self, status, body, content_type="application/json", cookies=(), location=None):
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for cookie in cookies:
                self.send_header("Set-Cookie", cookie + "; Path=/; HttpOnly; Secure")
            if location:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(data)

        def page(self, status=200, text="page"):
            return self.send(status, f"<!DOCTYPE html><html><body><main>{text}</main></body></html>",
                             "text/html;charset=UTF-8")

        def session(self, language):
            sid = self.cookies().get("DUKKAN_SESSION")
            with lock:
                user = state["sessions"].get(sid)
                if user is not None:
                    state["signed_in_sessions"].add(sid)
                    state["session_languages"].setdefault(sid, set()).add(language)
                    # one connection, one shopper
                    first = getattr(self, "connection_session", None)
                    if first is None:
                        self.connection_session = sid
                    elif first != sid:
                        state["mixed_connections"] += 1
            return user

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            path = url.path
            query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            if path in ("/livez", "/readyz"):
                return self.send(200, {"status": "UP"})
            if path == "/fake/stats":
                with lock:
                    return self.send(200, {"signed_in_sessions": len(state["signed_in_sessions"]),
                                           "mixed_connections": state["mixed_connections"],
                                           "sessions_in_several_languages": sum(
                                               1 for langs in state["session_languages"].values() if len(langs) > 1),
                                           "pages_by_language": state["pages"]})
            if path == "/actuator/prometheus":
                with lock:
                    text = ('jvm_info{runtime="Fake",vendor="test",version="0-fake"} 1\n'
                            f'cache_gets_total{{cache="storefront.pages",cache_manager="x",name="storefront.pages",result="hit"}} {float(state["hits"])}\n'
                            f'cache_gets_total{{cache="storefront.pages",cache_manager="x",name="storefront.pages",result="miss"}} {float(state["misses"])}\n')
                return self.send(200, text, "text/plain; version=0.0.4")
            if path == "/api/v1/auth/csrf":
                token = secrets.token_hex(8)
                with lock:
                    state["tokens"].add(token)
                return self.send(200, {"token": token}, cookies=[f"XSRF-TOKEN={token}"])
            if path == "/api/v1/categories":
                return self.send(200, categories)
            if path == "/api/v1/products":
                try:
                    return self.send(200, listing(products, query))
                except Refused as refused:
                    return self.send(400, {"title": "Bad request", "detail": str(refused)})
            if path.startswith("/api/v1/products/"):
                product = by_slug.get(urllib.parse.unquote(path.rsplit("/", 1)[1]))
                if not product:
                    return self.send(404, {"title": "Not found"})
                return self.send(200, {k: product[k] for k in ("slug", "name", "price", "in_stock", "variants")})
            if "text/html" not in (self.headers.get("Accept") or ""):
                return self.send(406, {"title": "Not acceptable"})
            language = "en"
            match = re.match(r"^/(de|ar)(/.*)?$", path)
            if match:
                language, path = match.group(1), match.group(2) or "/"
            user = self.session(language)
            if path in ("/cart", "/account"):
                if user is None:
                    return self.send(302, "", "text/plain", location="/login?next=" + path)
                return self.page(text=f"{path} of {user}")
            status = self.catalog_page(path, query)
            if status == 200:
                key = (language, self.path)
                with lock:
                    state["pages"][language] = state["pages"].get(language, 0) + 1
                    if user is None:
                        if key in state["cached"]:
                            state["hits"] += 1
                        else:
                            state["misses"] += 1
                            state["cached"].add(key)
            return self.page(status, f"{language} {path}")

        def catalog_page(self, path, query):
            if path == "/":
                return 200 if not query else 400
            match = re.match(r"^/products/([^/]+)$", path)
            if match:
                return 200 if urllib.parse.unquote(match.group(1)) in by_slug else 404
            category = None
            if path.startswith("/c/"):
                category = urllib.parse.unquote(path[3:])
                if category not in slugs:
                    return 404
            elif path != "/products":
                return 404
            api = {"size": [str(PAGE_SIZE)]}
            for name, values in query.items():
                if name == "q":
                    api["search"] = values
                elif name == "page":
                    if not values[0].isdigit() or int(values[0]) < 2:
                        return 400  # page 1 is the URL without page
                    api["page"] = [str(int(values[0]) - 1)]
                elif name in ("min_price", "max_price", "in_stock", "sort"):
                    api[name] = values
                elif name != "category":
                    return 400
            if category:
                api["category"] = [category]
            try:
                body = listing(products, api)
            except Refused:
                return 400
            return 404 if body["page"] > 0 and body["page"] >= body["total_pages"] else 200

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return self.send(400, {"title": "Bad JSON"})
            cookies = self.cookies()
            token = self.headers.get("X-XSRF-TOKEN")
            if not token or token != cookies.get("XSRF-TOKEN"):
                return self.send(403, {"title": "CSRF"})
            if self.path == "/api/v1/auth/register":
                with lock:
                    if body.get("email") in state["users"]:
                        return self.send(409, {"title": "Taken"})
                    state["users"][body["email"]] = body.get("password")
                return self.send(201, {"email": body["email"]})
            if self.path == "/api/v1/auth/login":
                with lock:
                    if state["users"].get(body.get("email")) != body.get("password"):
                        return self.send(401, {"title": "Wrong"})
                    sid = secrets.token_hex(12)
                    state["sessions"][sid] = body["email"]
                return self.send(200, {"email": body["email"]}, cookies=[f"DUKKAN_SESSION={sid}"])
            if self.path == "/api/v1/cart":
                if not re.fullmatch(r"[0-9a-f-]{36}", str(body.get("variant_id"))):
                    return self.send(400, {"title": "Bad variant"})
                set_cookies = []
                if cookies.get("DUKKAN_SESSION") not in state["sessions"] and "DUKKAN_CART" not in cookies:
                    set_cookies.append(f"DUKKAN_CART={secrets.token_hex(12)}")
                return self.send(200, {"items": [body]}, cookies=set_cookies)
            return self.send(404, {"title": "Not found"})

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
