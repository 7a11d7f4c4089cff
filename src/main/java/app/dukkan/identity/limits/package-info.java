/**
 * Rate limits that hold across instances: Bucket4j buckets kept in PostgreSQL (ADR 0019). Other
 * modules make their own limits from {@link app.dukkan.identity.limits.RateLimits} (named interface
 * {@code limits}).
 */
@NamedInterface("limits")
@NullMarked
package app.dukkan.identity.limits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
