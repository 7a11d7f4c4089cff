package app.dukkan.platform;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The refusals of a request body or an upload, as problems: a body above its route's limit or the
 * multipart parser's, and a multipart body that cannot be read. The JSON API answers them as problem
 * details; a page that takes an upload answers the same problem as its form again, so a size limit
 * is refused one way wherever it is found.
 */
public final class Uploads {

    /** The problem type of a body or file above its limit (413). */
    public static final String TOO_LARGE = "body-too-large";

    /** The problem type of a multipart body that cannot be read (400). */
    public static final String UNREADABLE = "malformed-body";

    private Uploads() {}

    /** A request body larger than its route accepts. */
    public static ProblemException tooLarge(DataSize limit) {
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                TOO_LARGE,
                "Request body too large",
                "This route accepts request bodies of at most " + readable(limit),
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

    /** A size as the limits are configured: whole megabytes or kilobytes when it is one. */
    static String readable(DataSize size) {
        if (size.toBytes() % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (size.toBytes() % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return size.toBytes() + " bytes";
    }
}
