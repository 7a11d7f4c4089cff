package app.dukkan.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The refusals of a request body or an upload, as problems: a body above its route's limit or the
 * multipart parser's, and a multipart body that cannot be read. The JSON API answers them as problem
 * details; a page that takes an upload answers the same problem as its form again, so a size limit
 * is refused one way wherever it is found. A limit is written here too: as configured in a problem's
 * English detail, and in the page's language on every page that names it ({@link #readable}).
 */
public final class Uploads {

    /** The problem type of a body or file above its limit (413). */
    public static final String TOO_LARGE = "body-too-large";

    /** The problem type of a multipart body that cannot be read (400). */
    public static final String UNREADABLE = "malformed-body";

    /**
     * The flash attribute of a browser's upload form sent with a length above its route's body
     * limit. Such a body is refused before the session, the security filters and the page see it, so
     * the browser is sent back (303) to the form's path, asked for with GET: the form's page shows
     * its file field's size error when it finds this attribute in its model.
     */
    public static final String REFUSED_AS_TOO_LARGE = "uploadRefusedAsTooLarge";

    private static final long KILOBYTE = DataSize.ofKilobytes(1).toBytes();
    private static final long MEGABYTE = DataSize.ofMegabytes(1).toBytes();

    private Uploads() {}

    /** A request body larger than its route accepts. */
    public static ProblemException tooLarge(DataSize limit) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                TOO_LARGE,
                "Request body too large",
                "This route accepts request bodies of at most " + configured(limit),
                List.of());
    }

    /**
     * What a failed multipart body means for the client: 413 when the parser's size limit refused it
     * (its limit is unknown when the servlet container refused it), else 400.
     */
    public static ProblemException refusal(MultipartException failure) {
        if (failure instanceof MaxUploadSizeExceededException tooLarge) {
            return tooLarge.getMaxUploadSize() > 0
                    ? tooLarge(DataSize.ofBytes(tooLarge.getMaxUploadSize()))
                    : new ProblemException(
                            HttpStatus.CONTENT_TOO_LARGE,
                            TOO_LARGE,
                            "Request body too large",
                            "The upload is larger than this route accepts",
                            List.of());
        }
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                UNREADABLE,
                "Malformed request body",
                "The multipart body could not be read",
                List.of());
    }

    /**
     * A size (a configured limit) as pages show it: megabytes, kilobytes or bytes with the number in
     * the page's language (texts {@code size.megabytes}, {@code size.kilobytes}, {@code size.bytes}),
     * rounded down to a tenth, so that a limit shown is never above the real one. A message argument,
     * so that a text names the limit as configured.
     */
    public static MessageSourceResolvable readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= MEGABYTE) {
            return text("size.megabytes", tenths(bytes, MEGABYTE));
        }
        if (bytes >= KILOBYTE) {
            return text("size.kilobytes", tenths(bytes, KILOBYTE));
        }
        return text("size.bytes", bytes);
    }

    private static BigDecimal tenths(long bytes, long unit) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), 1, RoundingMode.DOWN);
    }

    private static MessageSourceResolvable text(String code, Object number) {
        return new DefaultMessageSourceResolvable(new String[] {code}, new Object[] {number});
    }

    /** A size as the limits are configured, for a problem's detail: whole megabytes or kilobytes when it is one. */
    private static String configured(DataSize size) {
        if (size.toBytes() % MEGABYTE == 0) {
            return size.toMegabytes() + "MB";
        }
        if (size.toBytes() % KILOBYTE == 0) {
            return size.toKilobytes() + "KB";
        }
        return size.toBytes() + " bytes";
    }
}
