package app.dukkan.platform.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be.
 *
 * @param maxBodySize the largest request body a route accepts unless {@code bodyLimits} says
 *     otherwise
 * @param bodyLimits the largest request body per route class: path pattern (e.g. {@code
 *     /api/v1/triggers/**}, written {@code "[/api/v1/triggers/**]"} in YAML) → size; the most
 *     specific matching pattern wins
 */
@ConfigurationProperties("dukkan.web")
record BodyLimitProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue Map<String, DataSize> bodyLimits) {}
