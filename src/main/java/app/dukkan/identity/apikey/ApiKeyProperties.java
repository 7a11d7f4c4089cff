package app.dukkan.identity.apikey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key settings ({@code dukkan.identity.api-keys.*}).
 *
 * @param maxPerUser keys one account may have that are neither revoked nor expired
 * @param failuresPerIp requests with an invalid key allowed from one client address per {@code
 *     failureWindow}; beyond it they answer 429 (counted in PostgreSQL, ADR 0019)
 * @param failureWindow the window of {@code failuresPerIp}
 * @param lastUsedInterval the least time between two writes of a key's {@code last_used_at}
 */
@ConfigurationProperties("dukkan.identity.api-keys")
record ApiKeyProperties(
        @DefaultValue("50") int maxPerUser,
        @DefaultValue("30") int failuresPerIp,
        @DefaultValue("10m") Duration failureWindow,
        @DefaultValue("1m") Duration lastUsedInterval) {}
