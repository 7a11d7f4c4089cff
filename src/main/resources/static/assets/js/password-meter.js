// Password strength meter for the sign-up, reset and change-password forms. Without JavaScript the
// form's hint states the rules and the server's answer names what is wrong; this only shows it earlier.
// The rules mirror the shop's password policy: at least 10 characters, at most 72 bytes in UTF-8, not
// only a few distinct characters, not the email address.
(function () {
  "use strict";

  var COMMON = ["password", "passwort", "123456", "qwerty", "azerty", "letmein", "welcome", "iloveyou", "admin"];

  function bytes(text) {
    return new TextEncoder().encode(text).length;
  }

  // 0 too short, 1 too long, 2 too easy, then 3 fair, 4 good, 5 strong, 6 very strong (the texts' order)
  function verdict(password, email, min) {
    var length = Array.from(password).length;
    if (length < min) { return 0; }
    if (bytes(password) > 72) { return 1; }
    var lower = password.toLowerCase();
    var local = (email || "").toLowerCase().split("@")[0];
    var distinct = new Set(Array.from(password)).size;
    if (distinct < 4 || (local.length >= 4 && lower.indexOf(local) >= 0)
        || COMMON.some(function (word) { return lower.indexOf(word) >= 0 && length < min + 4; })) {
      return 2;
    }
    var kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (re) { return re.test(password); }).length;
    var score = 3 + (length >= 14 ? 1 : 0) + (length >= 20 || kinds >= 3 ? 1 : 0) + (length >= 24 && kinds >= 2 ? 1 : 0);
    return Math.min(score, 6);
  }

  function update(input) {
    var field = input.closest(".password-field");
    var box = field && field.querySelector(".strength");
    if (!box) { return; }
    var texts = box.querySelectorAll(".strength-texts li");
    var meter = box.querySelector("meter");
    var output = box.querySelector("[aria-live]");
    if (input.value === "") {
      box.hidden = true;
      output.textContent = "";
      return;
    }
    var form = input.form;
    var email = form && form.elements.namedItem("email");
    var min = parseInt(input.getAttribute("minlength"), 10) || 10;
    var level = verdict(input.value, email ? email.value : "", min);
    box.hidden = false;
    meter.value = level < 3 ? 0 : level - 2;
    output.textContent = texts[level] ? texts[level].textContent : "";
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.type === "password" && target.autocomplete === "new-password") {
      update(target);
    }
  });
})();
