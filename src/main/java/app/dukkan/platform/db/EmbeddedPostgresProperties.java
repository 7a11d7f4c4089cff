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
 * @param poolSize connection pool size: enough for the reads served at once (three per processor,
 *     ADR 0026), the writes of a checkout burst and the job threads (4) to hold one each, so that under a checkout burst they queue for the CPU inside PostgreSQL rather
 *     than for a connection in the pool (8 made requests wait 7 ms per connection on average at
 *     the purchase benchmark's load, see docs/benchmarks.md)
 */
@ConfigurationProperties("dukkan.embedded-postgres")
record EmbeddedPostgresProperties(
        @DefaultValue("var/postgres") String dataDirectory,
        @DefaultValue("dukkan") String database,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("16") int poolSize) {}
