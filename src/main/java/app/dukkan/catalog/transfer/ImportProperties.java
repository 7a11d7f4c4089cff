package app.dukkan.catalog.transfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the product CSV import.
 *
 * @param maxFileSize the largest file (413 above it). The request body limit of the import route
 *     ({@code dukkan.web.body-limits}) must leave room for it
 * @param maxRows the most rows a file may have, the header not counted (422 above it)
 * @param syncRows files with at most this many rows are imported during the request; larger ones
 *     run as a job whose progress {@code GET /api/v1/admin/imports/{id}} shows
 */
@ConfigurationProperties("dukkan.catalog.import")
record ImportProperties(
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("100000") int maxRows,
        @DefaultValue("1000") int syncRows) {}
