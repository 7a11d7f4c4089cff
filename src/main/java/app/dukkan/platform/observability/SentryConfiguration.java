package app.dukkan.platform.observability;

import app.dukkan.platform.AppVersion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sentry, only when {@code SENTRY_DSN} ({@code sentry.dsn}) is set (ADR 0039). */
@Configuration(proxyBeanMethods = false)
class SentryConfiguration {

    @Bean
    @ConditionalOnProperty("sentry.dsn")
    SentryErrors sentryErrors(
            @Value("${sentry.dsn}") String dsn,
            @Value("${sentry.environment:production}") String environment,
            AppVersion version) {
        return SentryErrors.attach(dsn, environment, version.value());
    }
}
