/** Per-request measurements beyond what Spring Boot records by itself. */
@NullMarked
package app.dukkan.platform.observability;

import org.jspecify.annotations.NullMarked;
