package app.dukkan.platform.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL used when no datasource URL is configured.
 *
 * @param dataDirectory where the server keeps its data between runs
 * @param database the database the shop uses
 * @param ephemeral tests: wipe the data directory on start and give every Spring context a fresh
 *     database of its own
 * @param poolSize connection pool size; a few per core serve best, more only queue inside PostgreSQL
 */
@ConfigurationProperties("dukkan.embedded-postgres")
record EmbeddedPostgresProperties(
        @DefaultValue("var/postgres") String dataDirectory,
        @DefaultValue("dukkan") String database,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("8") int poolSize) {}
