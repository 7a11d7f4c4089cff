package app.dukkan.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Without a configured datasource URL the shop runs on a real PostgreSQL that it starts itself, so a
 * fresh clone needs nothing installed.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgresProperties properties) {
        Path dataDirectory = Path.of(properties.dataDirectory());
        EmbeddedPostgresServer server = EmbeddedPostgresServer.at(dataDirectory, properties.ephemeral());
        String database = properties.ephemeral()
                ? "ctx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                : properties.database();
        String url = server.ensureDatabase(database);
        log.info("Using embedded PostgreSQL at {}", url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(properties.poolSize());
        config.setPoolName("dukkan-embedded");
        return new ServerDataSource(config, server);
    }

    /** The pool of a context: the server stays up until the pool has closed. */
    static final class ServerDataSource extends HikariDataSource {

        private final EmbeddedPostgresServer server;
        private final AtomicBoolean open = new AtomicBoolean(true);

        ServerDataSource(HikariConfig config, EmbeddedPostgresServer server) {
            super(config);
            this.server = server;
            server.use();
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                if (open.compareAndSet(true, false)) {
                    server.release();
                }
            }
        }
    }
}
