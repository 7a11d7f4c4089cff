package app.dukkan.platform.jobs;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In a worker-only process: serves the health probes and the actuator (metrics for the jobs run
 * here) and nothing else, so a misrouted request never reaches a page or the API (ADR 0009).
 */
final class WorkerOnlyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/livez")
                || path.equals("/readyz")
                || path.equals("/healthz")
                || path.equals("/health/metrics")
                || path.equals("/actuator")
                || path.startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/problem+json");
        response.getOutputStream()
                .write(("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                + "\"detail\":\"This is a worker process (dukkan.roles=worker): it serves no pages\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
