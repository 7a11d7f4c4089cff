package app.dukkan.platform.images;

import app.dukkan.platform.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An uploaded file the pipeline refuses, with a stable problem type a page can word itself; the
 * field is always {@code file}.
 */
public final class ImageRefusedException extends ProblemException {

    public static final String NOT_AN_IMAGE = "not-an-image";
    public static final String UNSUPPORTED = "unsupported-image-type";
    public static final String TOO_LARGE = "image-too-large";
    public static final String DIMENSIONS = "image-dimensions";
    public static final String TOO_MANY_PIXELS = "image-too-many-pixels";
    public static final String CORRUPT = "corrupt-image";
    public static final String EMPTY = "empty-file";

    private ImageRefusedException(HttpStatus status, String type, String title, String detail) {
        super(status, type, title, detail, List.of(new FieldProblem("file", detail)));
    }

    static ImageRefusedException empty() {
        return new ImageRefusedException(HttpStatus.BAD_REQUEST, EMPTY, "Empty file", "The file is empty");
    }

    static ImageRefusedException notAnImage() {
        return new ImageRefusedException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                NOT_AN_IMAGE,
                "Not an image",
                "The file's content is not a picture; upload a JPEG, PNG or WebP file");
    }

    static ImageRefusedException unsupported(String format) {
        return new ImageRefusedException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                UNSUPPORTED,
                "Unsupported image type",
                "The file is a " + format + " picture; upload a JPEG, PNG or WebP file");
    }

    public static ImageRefusedException tooLarge(long maxBytes) {
        return new ImageRefusedException(
                HttpStatus.CONTENT_TOO_LARGE,
                TOO_LARGE,
                "Image too large",
                "The file is larger than " + (maxBytes / (1024 * 1024)) + "MB");
    }

    static ImageRefusedException dimensions(int width, int height, String rule) {
        return new ImageRefusedException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                DIMENSIONS,
                "Image dimensions not accepted",
                "The picture is " + width + "×" + height + " pixels; " + rule);
    }

    static ImageRefusedException tooManyPixels(int width, int height, long maxPixels) {
        return new ImageRefusedException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                TOO_MANY_PIXELS,
                "Too many pixels",
                "The picture declares " + width + "×" + height + " pixels; at most " + (maxPixels / 1_000_000)
                        + " megapixels are taken");
    }

    static ImageRefusedException corrupt() {
        return new ImageRefusedException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                CORRUPT,
                "Corrupt image",
                "The picture's data is damaged or incomplete");
    }
}
