package app.dukkan.platform.web;

import app.dukkan.platform.Problems;
import app.dukkan.platform.Uploads;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request bodies larger than their route allows with 413, before reading them when they
 * declare a length and as soon as a streamed (chunked) body passes the limit. Runs before the
 * security filters, so that none of them reads a body the route refuses (the CSRF check reads a
 * form's fields); the error dispatch renders the refusal, a browser's form the shop's error page
 * and anything else a problem detail, and the security filters add their headers there.
 */
class BodyLimitFilter extends OncePerRequestFilter {

    /** The limit a refused request passed, for the error dispatch's problem detail. */
    static final String LIMIT = BodyLimitFilter.class.getName() + ".LIMIT";

    private record Limit(PathPattern pattern, DataSize size) {}

    private final DataSize defaultLimit;
    private final List<Limit> limits;

    BodyLimitFilter(BodyLimitProperties properties) {
        this.defaultLimit = properties.maxBodySize();
        this.limits = properties.bodyLimits().entrySet().stream()
                .map(entry -> new Limit(PathPatternParser.defaultInstance.parse(entry.getKey()), entry.getValue()))
                .sorted(Comparator.comparing(Limit::pattern, PathPattern.SPECIFICITY_COMPARATOR))
                .toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DataSize limit = limitFor(request);
        if (request.getContentLengthLong() > limit.toBytes()) {
            request.setAttribute(LIMIT, limit);
            response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private DataSize limitFor(HttpServletRequest request) {
        if (limits.isEmpty()) {
            return defaultLimit;
        }
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        return limits.stream()
                .filter(limit -> limit.pattern().matches(path))
                .map(Limit::size)
                .findFirst()
                .orElse(defaultLimit);
    }

    static ProblemDetail tooLarge(DataSize limit) {
        return Problems.of(Uploads.tooLarge(limit));
    }

    /** Thrown while reading a body that has passed its limit; the web layer answers 413. */
    static final class BodyTooLargeException extends IOException {

        private final DataSize limit;

        BodyTooLargeException(DataSize limit) {
            super("request body larger than " + limit);
            this.limit = limit;
        }

        DataSize limit() {
            return limit;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final DataSize limit;
        private @Nullable ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }

    /** Counts what is read and fails once the count passes the limit. */
    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final DataSize limit;
        private long read;

        LimitedStream(ServletInputStream in, DataSize limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit.toBytes()) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
