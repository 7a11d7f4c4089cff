/**
 * WhatsApp: the shop in a chat. Meta's webhook deliveries are recorded once and answered at once;
 * jobs run each message through the conversation (consent, browsing, cart, checkout with a payment
 * link, order status and returns) on the same catalog, checkout and orders code as the web, and
 * send the replies through the Cloud API client of the automation connectors. The console's chat
 * simulator talks to the same conversation without Meta.
 */
@ApplicationModule(
        displayName = "WhatsApp",
        allowedDependencies = {"platform", "catalog", "checkout", "orders", "automation::connector", "privacy"})
@NullMarked
package app.dukkan.whatsapp;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
