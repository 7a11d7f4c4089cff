// Served as /sw.js while the installable shop is switched off: replaces the shop's service worker,
// deletes the pages and files it kept, and unregisters itself, so that nothing is served from a
// copy any more.
"use strict";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("dukkan-")).map((name) => caches.delete(name))))
      .then(() => self.registration.unregister()),
  );
});
