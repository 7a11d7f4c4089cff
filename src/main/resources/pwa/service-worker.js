// The shop's service worker, served as /sw.js so that its scope is the whole shop, every language.
// Plain JavaScript without a build step: the server writes its settings into SETUP when serving it.
"use strict";

// version: the build and a hash of the shop's assets; offlinePages: the offline page of each
// language prefix ("" for English). The server replaces this line with the shop's settings.
const SETUP = { version: "dev", offlinePages: { "": "/offline" } };

const SHELL = "dukkan-shell-" + SETUP.version;
const PAGES = "dukkan-pages-" + SETUP.version;
// Visited pages kept for offline reading; the oldest go first.
const MAX_PAGES = 60;

// Product and listing pages (home, all products, search and filters, categories): the pages a
// shopper may want to read again offline. Account, cart and checkout pages are never kept.
const CATALOG_PAGE = /^\/(?:products(?:\/[^/]+)?|c\/[^/]+)?$/;
const LANGUAGE_PREFIX = /^\/[a-z]{2}(?=\/|$)/;

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("dukkan-") && name !== SHELL && name !== PAGES)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method !== "GET") {
    // signing out forgets the pages kept while signed in
    if (request.mode === "navigate" && pathOf(url) === "/logout") {
      event.waitUntil(caches.delete(PAGES));
    }
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url));
  } else if (url.pathname.startsWith("/assets/")) {
    // named by their content hash, so a kept copy never goes stale
    event.respondWith(fromShellOrNetwork(event, request));
  }
});

/**
 * The offline pages, anonymous (no cookies: they show no one's header), and every asset they
 * link, so that they render fully offline.
 */
async function precache() {
  const shell = await caches.open(SHELL);
  const assets = new Set();
  for (const path of Object.values(SETUP.offlinePages)) {
    const response = await fetch(path, { credentials: "omit", cache: "no-store" });
    if (!response.ok) {
      throw new Error("No offline page at " + path + ": " + response.status);
    }
    const html = await response.clone().text();
    for (const link of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
      assets.add(link[1]);
    }
    await shell.put(path, response);
  }
  await shell.addAll([...assets]);
}

/** Network first; a catalog page fetched is kept, and is what the shopper gets while offline. */
async function navigate(event, url) {
  const kept = CATALOG_PAGE.test(pathOf(url));
  try {
    const response = await fetch(event.request);
    if (kept && keepable(response)) {
      event.waitUntil(keep(url.href, response.clone()));
    }
    return response;
  } catch (offline) {
    const copy = kept && (await caches.match(url.href, { cacheName: PAGES, ignoreVary: true }));
    return copy || (await offlinePage(url)) || Response.error();
  }
}

/**
 * A whole page of the shop's own: not a redirect, an error or what the server marks as not to
 * keep (an answer that starts a session, whose cookie a worker cannot see).
 */
function keepable(response) {
  return (
    response.status === 200 &&
    response.type === "basic" &&
    !response.redirected &&
    (response.headers.get("Content-Type") || "").startsWith("text/html") &&
    response.headers.get("Dukkan-Offline") !== "no-store"
  );
}

async function keep(href, response) {
  if (!(await stillInstalled())) {
    return;
  }
  const pages = await caches.open(PAGES);
  await pages.delete(href);
  await pages.put(href, response);
  const keys = await pages.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map((key) => pages.delete(key)));
}

function offlinePage(url) {
  const prefix = (url.pathname.match(LANGUAGE_PREFIX) || [""])[0];
  const page = SETUP.offlinePages[prefix] || SETUP.offlinePages[""];
  return caches.match(page, { cacheName: SHELL });
}

async function fromShellOrNetwork(event, request) {
  const copy = await caches.match(request, { cacheName: SHELL });
  if (copy) {
    return copy;
  }
  const response = await fetch(request);
  if (response.ok && response.type === "basic" && (await stillInstalled())) {
    event.waitUntil(caches.open(SHELL).then((shell) => shell.put(request, response.clone())));
  }
  return response;
}

/**
 * Whether the shell this worker installed is still there: once the shop is switched off, the page
 * script deletes it while this worker may still answer the page's last requests, and nothing is to
 * be kept any more.
 */
function stillInstalled() {
  return caches.has(SHELL);
}

/** The path without its language prefix ("/de/products" → "/products"). */
function pathOf(url) {
  const prefix = (url.pathname.match(LANGUAGE_PREFIX) || [""])[0];
  if (!(prefix in SETUP.offlinePages)) {
    return url.pathname;
  }
  return url.pathname.substring(prefix.length) || "/";
}
