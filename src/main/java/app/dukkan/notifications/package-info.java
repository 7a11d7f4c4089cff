/**
 * Notifications: the shop's mails (order confirmation, shipping, cancellation, refunds, welcome,
 * password reset, email verification, operators' sign-in links) rendered from localized Thymeleaf templates and sent by retried jobs, over
 * SMTP when {@code spring.mail.host} is set, otherwise into a development mailbox kept in the
 * database and shown to admins at {@code /admin/mailbox}.
 */
@ApplicationModule(
        displayName = "Notifications",
        allowedDependencies = {"platform", "privacy", "identity", "orders"})
@NullMarked
package app.dukkan.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
