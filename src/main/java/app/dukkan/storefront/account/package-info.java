/**
 * Account pages: sign-up, sign-in, password reset and email verification (the mailed links land
 * here), and the signed-in shopper's profile, orders and points; a guest's order, read-only, opened by
 * the link of its mails. Everything goes through the public APIs of identity ({@code Accounts},
 * {@code AccountSessions}), orders ({@code CustomerOrders}, {@code GuestOrders}) and loyalty ({@code
 * Loyalty}).
 */
@NullMarked
package app.dukkan.storefront.account;

import org.jspecify.annotations.NullMarked;
