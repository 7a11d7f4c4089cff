// Enhancements for browsers with JavaScript. Every page works without this file.
(function () {
  "use strict";

  // The theme switch applies at once; the link is still called so the server remembers the choice.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.theme-choice");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) {
      return;
    }
    event.preventDefault();
    var theme = new URL(link.href).pathname.split("/").pop();
    var root = document.documentElement;
    root.className = root.className.replace(/\btheme-\w+/, "theme-" + theme);
    document.querySelectorAll("a.theme-choice").forEach(function (other) {
      if (other === link) {
        other.setAttribute("aria-current", "true");
      } else {
        other.removeAttribute("aria-current");
      }
    });
    fetch(link.href, { credentials: "same-origin", redirect: "manual" });
  });

  // Escape closes the search suggestions.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      var suggestions = document.getElementById("search-suggestions");
      if (suggestions) {
        suggestions.innerHTML = "";
      }
    }
  });

  // The cart drawer: Escape closes it as its Close button does; once it is closed, the focus goes
  // back to the header's cart link that opened it.
  document.addEventListener("keydown", function (event) {
    var close = event.key === "Escape" && document.querySelector("#drawer .drawer-close");
    if (close) {
      close.click();
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var drawer = event.detail && event.detail.target;
    if (drawer && drawer.id === "drawer" && !drawer.firstElementChild) {
      var link = document.querySelector("a.cart-link");
      if (link) {
        link.focus();
      }
    }
  });
})();
