package app.dukkan.platform;

/**
 * A job failure that no retry can fix (a request the other side refused as invalid): the job
 * becomes a dead letter at once instead of spending its remaining attempts.
 */
public class PermanentJobFailure extends RuntimeException {

    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
