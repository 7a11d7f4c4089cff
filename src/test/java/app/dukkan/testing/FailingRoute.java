package app.dukkan.testing;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A route that fails with a server error, in every test context: what operations see of a bug
 * (/health/metrics counts its 5xx). Left out of the API description.
 */
@Hidden
@RestController
public class FailingRoute {

    public static final String PATTERN = "/test/failing/{id}";

    @GetMapping(PATTERN)
    String fail(@PathVariable String id) {
        throw new IllegalStateException("failure " + id);
    }
}
