// The dashboard's live figures: htmx polls them every 10 s (hx-trigger on #figures); while the tab
// is hidden the requests are skipped, and coming back refreshes them at once.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeRequest", function (event) {
    var element = event.detail && event.detail.elt;
    if (document.hidden && element && element.hasAttribute && element.hasAttribute("data-live-figures")) {
      event.preventDefault();
    }
  });
  document.addEventListener("visibilitychange", function () {
    var figures = document.querySelector("[data-live-figures]");
    if (!document.hidden && figures && window.htmx) {
      window.htmx.trigger(figures, "figures-refresh");
    }
  });
})();
