package app.dukkan.platform.storage;

import app.dukkan.platform.GeneratedSecrets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link GeneratedSecrets} in {@code platform_secrets}, read once per instance. */
@Component
class DatabaseSecrets implements GeneratedSecrets {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSecrets.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    DatabaseSecrets(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public byte[] key(String name) {
        return known.computeIfAbsent(name, this::loadOrCreate).clone();
    }

    private byte[] loadOrCreate(String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // its own transaction: a secret handed out must be kept even if the caller's work rolls back
        String stored = ownTransaction.execute(status -> {
            int created = jdbc.sql("""
                            insert into platform_secrets (name, value, created_at) values (?, ?, ?)
                            on conflict (name) do nothing
                            """)
                    .params(name, Base64.getEncoder().encodeToString(fresh), Timestamp.from(clock.instant()))
                    .update();
            if (created == 1) {
                log.info("Generated the secret {} and kept it in the database", name);
            }
            return jdbc.sql("select value from platform_secrets where name = ?")
                    .param(name)
                    .query(String.class)
                    .single();
        });
        return Base64.getDecoder().decode(stored);
    }
}
