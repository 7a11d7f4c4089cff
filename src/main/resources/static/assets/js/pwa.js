// The installable shop: while the shop offers it (the layout then links the manifest), registers
// the service worker that keeps visited pages for offline reading; once it is switched off,
// removes the worker and what it kept.
(function () {
  "use strict";

  if (!("serviceWorker" in navigator)) {
    return;
  }
  if (document.querySelector('link[rel="manifest"]')) {
    // after the page has loaded, so that the worker's first downloads do not slow it down;
    // offline (a page the worker kept) the browser checks for a new worker once back online
    window.addEventListener("load", function () {
      if (navigator.onLine) {
        navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
          // a shop without its worker is still a shop
        });
      }
    });
    return;
  }
  navigator.serviceWorker.getRegistrations().then(function (registrations) {
    registrations.forEach(function (registration) {
      registration.unregister();
    });
  });
  if (window.caches) {
    caches.keys().then(function (names) {
      names.forEach(function (name) {
        if (name.indexOf("dukkan-") === 0) {
          caches.delete(name);
        }
      });
    });
  }
})();
