/**
 * Rate limits that hold across instances: Bucket4j buckets kept in PostgreSQL (ADR 0019).
 */
@NullMarked
package app.dukkan.identity.limits;

import org.jspecify.annotations.NullMarked;
