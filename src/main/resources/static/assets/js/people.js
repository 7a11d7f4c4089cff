// Profiles with JavaScript: the follow button flips as soon as it is pressed; the server's answer
// (the profile's follow box) then confirms it, or the flip is undone when the request fails.
(function () {
  "use strict";

  function flip(form) {
    form.querySelectorAll(".follow-button__off, .follow-button__on").forEach(function (label) {
      label.hidden = !label.hidden;
    });
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest && event.target.closest("form.follow-form");
    if (form) {
      flip(form);
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form.follow-form");
    if (form && form.isConnected && !event.detail.successful) {
      flip(form);
    }
  });
})();
