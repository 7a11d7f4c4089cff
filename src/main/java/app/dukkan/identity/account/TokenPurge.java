package app.dukkan.identity.account;

import app.dukkan.platform.RetentionPurge;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes mailed tokens (email verification, password reset, sign-in links) that expired longer ago
 * than {@code dukkan.identity.retention.tokens} (by {@code user_tokens_expires_idx}). Every token
 * expires, used or not, so this removes used ones too; until then a used or expired link is still
 * answered as such rather than as unknown.
 */
@Component
@EnableConfigurationProperties(TokenPurge.Retention.class)
class TokenPurge implements RetentionPurge {

    /** @param tokens how long a token is kept after it expired */
    @ConfigurationProperties("dukkan.identity.retention")
    record Retention(@DefaultValue("7d") Duration tokens) {

        Retention {
            if (tokens.isNegative()) {
                throw new IllegalArgumentException("dukkan.identity.retention.tokens must not be negative");
            }
        }
    }

    private final JdbcClient jdbc;
    private final Retention retention;

    TokenPurge(JdbcClient jdbc, Retention retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "account-tokens";
    }

    @Override
    public Duration retention() {
        return retention.tokens();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return jdbc.sql("delete from user_tokens where expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
