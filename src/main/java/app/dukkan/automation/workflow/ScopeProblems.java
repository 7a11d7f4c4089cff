package app.dukkan.automation.workflow;

import app.dukkan.platform.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Names the missing scope of a {@link ScopeRequired} in {@code required_scope}, before the shop's general handler. */
@RestControllerAdvice(basePackages = "app.dukkan.automation")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScopeProblems {

    @ExceptionHandler(ScopeRequired.class)
    ResponseEntity<ProblemDetail> scopeRequired(ScopeRequired exception) {
        ProblemDetail problem = Problems.of(exception);
        problem.setProperty("required_scope", exception.scope().code());
        return ResponseEntity.status(exception.status()).body(problem);
    }
}
