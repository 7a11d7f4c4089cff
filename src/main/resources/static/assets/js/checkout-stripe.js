// The payment page with Stripe: Stripe's Payment Element for the payment intent's client secret.
// Loaded only when Stripe takes the payments; values come from the form's hidden fields.
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("stripe-form");
    if (!form || typeof window.Stripe !== "function") {
      return;
    }
    var stripe = window.Stripe(form.elements.stripe_key.value);
    var elements = stripe.elements({
      clientSecret: form.elements.client_secret.value,
      locale: document.documentElement.lang || "auto"
    });
    elements.create("payment").mount("#payment-element");
    var message = document.getElementById("payment-message");
    if (form.dataset.nextAction === "true") {
      // the bank asks for a step (3-D Secure and the like) that an earlier visit left undone
      stripe.handleNextAction({ clientSecret: form.elements.client_secret.value }).then(function (result) {
        if (result.error) {
          message.textContent = result.error.message || "";
        } else {
          window.location.assign(form.elements.return_url.value);
        }
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      message.textContent = "";
      stripe.confirmPayment({
        elements: elements,
        confirmParams: { return_url: form.elements.return_url.value }
      }).then(function (result) {
        // only reached when the confirmation failed: otherwise Stripe goes to the return URL
        if (result.error) {
          message.textContent = result.error.message || "";
        }
        button.disabled = false;
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
