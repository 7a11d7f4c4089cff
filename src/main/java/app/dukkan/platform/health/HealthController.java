package app.dukkan.platform.health;

import app.dukkan.platform.AppVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Probes for load balancers and Kubernetes. They need no session and no authentication; only
 * readiness and the summary touch the database.
 */
@RestController
@Tag(name = "Operations", description = "Health probes")
class HealthController {

    // Pre-built bodies: /livez is the throughput baseline and must cost next to nothing.
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOWN = "{\"status\":\"DOWN\"}".getBytes(StandardCharsets.UTF_8);

    record Health(String status, String version, Instant time, Map<String, Check> checks) {}

    record Check(String status, double latencyMs) {}

    private final ApplicationAvailability availability;
    private final DatabaseCheck database;
    private final AppVersion version;
    private final Clock clock;

    HealthController(ApplicationAvailability availability, DatabaseCheck database, AppVersion version, Clock clock) {
        this.availability = availability;
        this.database = database;
        this.version = version;
        this.clock = clock;
    }

    @GetMapping(value = "/livez", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Liveness: the process runs",
            description = "Touches neither the database nor the session. 503 only when the application reports"
                    + " itself broken; a failing liveness probe means restart the process.")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(type = "object", example = "{\"status\":\"UP\"}")))
    ResponseEntity<byte[]> livez() {
        return status(availability.getLivenessState() == LivenessState.CORRECT);
    }

    @GetMapping(value = "/readyz", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Readiness: the instance can serve requests",
            description = "503 while the database is unreachable or the instance is shutting down, so that the"
                    + " load balancer sends traffic elsewhere.")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(type = "object", example = "{\"status\":\"UP\"}")))
    ResponseEntity<byte[]> readyz() {
        boolean accepting = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return status(accepting && database.run().up());
    }

    @GetMapping("/healthz")
    @Operation(
            summary = "Health summary with version, time and dependency checks",
            description = "503 with status DOWN when a dependency (the database) is unreachable.")
    ResponseEntity<Health> healthz() {
        DatabaseCheck.Result db = database.run();
        String status = db.up() ? "UP" : "DOWN";
        Health health = new Health(
                status, version.value(), Instant.now(clock), Map.of("database", new Check(status, db.latencyMs())));
        return ResponseEntity.status(db.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(health);
    }

    private static ResponseEntity<byte[]> status(boolean up) {
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(up ? UP : DOWN);
    }
}
