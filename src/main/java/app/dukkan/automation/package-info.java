/**
 * Automation: workflows started by webhooks, schedules and the store's events, run step by step as
 * durable jobs through connectors (email, Slack, WhatsApp, PDF, signed HTTP), with logs redacted of
 * personal data before they are stored. The store's modules only publish events; automation listens.
 */
@ApplicationModule(
        displayName = "Automation",
        allowedDependencies = {
            "platform",
            "privacy",
            "identity",
            "notifications",
            "orders",
            "catalog",
            "community",
            "moderation"
        })
@NullMarked
package app.dukkan.automation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
