package app.dukkan.identity.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of an error answer whose request never passed a security chain: a filter
 * before them refused it (the read admission's 503, the body limit's 413) and the error is rendered
 * in the error dispatch, where Spring Security's own header filter does not run. An error of a request that did
 * pass a chain already carries that chain's headers and is left alone.
 */
final class ErrorDispatchHeaders extends OncePerRequestFilter {

    private final List<HeaderWriter> writers;

    ErrorDispatchHeaders(List<HeaderWriter> writers) {
        this.writers = writers;
    }

    /** Whether the error was rendered as a page (else it is a problem detail). */
    static boolean isPage(HttpServletResponse response) {
        String type = response.getContentType();
        return type != null && MediaType.parseMediaType(type).isCompatibleWith(MediaType.TEXT_HTML);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getDispatcherType() != DispatcherType.ERROR;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (response.containsHeader("X-Content-Type-Options")) {
            chain.doFilter(request, response);
            return;
        }
        // written when the answer is committed, once its type tells which policy applies
        HeadersOnCommit headers = new HeadersOnCommit(request, response);
        try {
            chain.doFilter(request, headers);
        } finally {
            headers.write();
        }
    }

    private final class HeadersOnCommit extends OnCommittedResponseWrapper {

        private final HttpServletRequest request;
        private boolean written;

        HeadersOnCommit(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        protected void onResponseCommitted() {
            write();
        }

        void write() {
            if (!written && !getResponse().isCommitted()) {
                written = true;
                HttpServletResponse response = (HttpServletResponse) getResponse();
                writers.forEach(writer -> writer.writeHeaders(request, response));
            }
        }
    }
}
