// Recently viewed products of a shopper who is not signed in: kept in this browser (localStorage),
// newest first. A product page notes its product; a page with an empty slot asks the shop to render
// the remembered products into it. Signed-in shoppers' come from their account, rendered with the page.
(function () {
  "use strict";

  var KEY = "dukkan.recently-viewed";
  var KEPT = 20;
  var SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

  function read() {
    try {
      var slugs = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(slugs)
        ? slugs.filter(function (slug) { return typeof slug === "string" && SLUG.test(slug); })
        : [];
    } catch (e) {
      return []; // storage switched off or garbled: remember nothing
    }
  }

  function write(slugs) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(slugs));
    } catch (e) {
      // storage full or switched off: the slot simply stays empty
    }
  }

  var slot = document.querySelector(".recently-viewed-slot");
  if (!slot) {
    return;
  }
  var current = slot.getAttribute("data-current") || "";
  var viewed = read();
  if (SLUG.test(current)) {
    viewed = [current].concat(viewed.filter(function (slug) { return slug !== current; })).slice(0, KEPT);
    write(viewed);
  }
  var src = slot.getAttribute("data-src");
  var others = viewed.filter(function (slug) { return slug !== current; });
  if (!src || others.length === 0) {
    return;
  }
  fetch(src + "?products=" + encodeURIComponent(others.join(",")), {
    credentials: "same-origin",
    headers: { Accept: "text/html" }
  })
    .then(function (response) { return response.status === 200 ? response.text() : ""; })
    .then(function (html) {
      if (html.trim()) {
        slot.innerHTML = html;
        slot.hidden = false;
      }
    })
    .catch(function () {
      // offline or refused: no slot
    });
})();
