/**
 * Connector credentials (Slack webhook URLs, WhatsApp tokens) encrypted at rest with AES-256-GCM
 * under a key from the environment ({@code dukkan.automation.credentials-key}), never from the
 * database; their admin API at {@code /api/v1/automation/credentials}.
 */
@NullMarked
package app.dukkan.automation.secret;

import org.jspecify.annotations.NullMarked;
