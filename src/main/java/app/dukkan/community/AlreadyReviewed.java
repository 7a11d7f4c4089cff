package app.dukkan.community;

import app.dukkan.platform.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** 409 {@code already-reviewed}: the customer has a review of the product, which they may edit. */
public final class AlreadyReviewed extends ProblemException {

    private final UUID review;

    public AlreadyReviewed(UUID review) {
        super(
                HttpStatus.CONFLICT,
                "already-reviewed",
                "Already reviewed",
                "You have already reviewed this product (review " + review + "); edit that review instead",
                List.of());
        this.review = review;
    }

    /** The existing review's id. */
    public UUID review() {
        return review;
    }
}
