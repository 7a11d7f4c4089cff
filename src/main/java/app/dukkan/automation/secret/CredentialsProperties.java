package app.dukkan.automation.secret;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the key that encrypts connector credentials comes from ({@code dukkan.automation.*}).
 *
 * @param credentialsKey base64 of 32 random bytes (AES-256), from the environment ({@code
 *     DUKKAN_AUTOMATION_CREDENTIALS_KEY}); production must set it, and every instance the same
 * @param credentialsKeyFile without {@code credentialsKey}: a key generated once into this file
 *     (development and the demo shop only; it is never kept in the database)
 */
@ConfigurationProperties("dukkan.automation")
record CredentialsProperties(
        @Nullable String credentialsKey,
        @DefaultValue("var/automation-credentials.key") String credentialsKeyFile) {}
