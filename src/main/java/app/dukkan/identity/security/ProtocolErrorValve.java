package app.dukkan.identity.security;

import app.dukkan.platform.ProblemResponses;
import app.dukkan.platform.Problems;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Tomcat's answer to a request it refuses itself, before any filter runs (a malformed request line,
 * a header too large, no {@code Host}): a problem detail with the security headers every other
 * answer carries, instead of Tomcat's HTML page without them. Errors of the application never get
 * here: they are rendered by the error dispatch, which writes its answer first.
 */
final class ProtocolErrorValve extends ErrorReportValve {

    private final List<HeaderWriter> headers;
    private final ProblemResponses problems;

    ProtocolErrorValve(List<HeaderWriter> headers, ProblemResponses problems) {
        this.headers = headers;
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error " + status : known.getReasonPhrase();
        headers.forEach(writer -> writer.writeHeaders(request, response));
        try {
            problems.write(
                    response,
                    Problems.of(
                            HttpStatusCode.valueOf(status),
                            "http-" + status,
                            reason,
                            "The request was refused: " + reason));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer cannot be written: nothing more to tell it
        }
    }
}
