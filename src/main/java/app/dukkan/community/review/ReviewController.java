package app.dukkan.community.review;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.community.AlreadyReviewed;
import app.dukkan.community.RatingSummary;
import app.dukkan.community.Reviews;
import app.dukkan.community.Reviews.Review;
import app.dukkan.community.Reviews.ReviewPage;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.Problems;
import app.dukkan.platform.TextInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reviews", description = "Product reviews by verified buyers and products' rating summaries")
class ReviewController {

    /**
     * A review as written or changed: {@code rating} 1 to 5, an optional {@code title} of up to 120
     * characters and a {@code text} of up to 5,000; on a change, fields left out stay as they are.
     */
    record ReviewBody(
            @Nullable Integer rating,
            @Nullable String title,
            @Nullable String text) {

        Reviews.Draft draft() {
            return new Reviews.Draft(rating, title, text);
        }
    }

    private final Reviews reviews;
    private final ShopCatalog catalog;
    private final CurrentUser currentUser;

    ReviewController(Reviews reviews, ShopCatalog catalog, CurrentUser currentUser) {
        this.reviews = reviews;
        this.catalog = catalog;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/products/{slug}/reviews")
    @Operation(
            summary = "A product's reviews",
            description = "Visible reviews of an active product, `newest` first (default), `highest` or `lowest`"
                    + " rating first (then newest); `rating` keeps those with that many stars. A signed-in"
                    + " caller's own review while moderation hides it comes first on the first page. Pages"
                    + " follow `next_cursor`; a cursor of another order or filter is refused.")
    @ApiResponse(responseCode = "200", description = "One page of reviews")
    @ApiResponse(responseCode = "400", description = "Stars outside 1 to 5, an unknown order or a bad cursor")
    @ApiResponse(responseCode = "404", description = "No active product with this slug")
    ReviewPage list(
            @PathVariable String slug,
            @Parameter(description = "Only reviews with this many stars, 1 to 5")
                    @RequestParam(required = false)
                    @Nullable
                    Integer rating,
            @Parameter(description = "newest, highest or lowest") @RequestParam(required = false) @Nullable String sort,
            @Parameter(description = "`next_cursor` of the previous page") @RequestParam(required = false) @Nullable
                    String cursor,
            @Parameter(description = "Reviews per page, 1 to 50") @RequestParam(defaultValue = "20") int limit) {
        Reviews.Sort order = sort == null || sort.isEmpty()
                ? Reviews.Sort.NEWEST
                : Reviews.Sort.of(sort)
                        .orElseThrow(() -> ProblemException.invalid("sort", "must be newest, highest or lowest"));
        return reviews.forProduct(
                product(slug).id(),
                rating,
                order,
                cursor,
                limit,
                currentUser.get().map(AuthenticatedUser::id).orElse(null));
    }

    @GetMapping("/api/v1/products/{slug}/rating")
    @Operation(
            summary = "A product's rating summary",
            description = "Average of the visible reviews (one decimal; null without reviews), their count and"
                    + " how many gave each number of stars, 5 first.")
    @ApiResponse(responseCode = "200", description = "The summary")
    @ApiResponse(responseCode = "404", description = "No active product with this slug")
    RatingSummary rating(@PathVariable String slug) {
        return reviews.summary(product(slug).id());
    }

    @PostMapping("/api/v1/products/{slug}/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Review a product you bought",
            description = "One review per customer and product, by customers who bought it in a paid order."
                    + " The texts are screened by the shop's moderation: a review may be refused (422"
                    + " `content-refused`), have words masked, or be hidden until an operator looks at it"
                    + " (`status: hidden`). Writes are limited per customer and per address (429).")
    @ApiResponse(responseCode = "201", description = "The review")
    @ApiResponse(responseCode = "400", description = "Stars outside 1 to 5, no text, a title or text too long")
    @ApiResponse(responseCode = "401", description = "Not signed in")
    @ApiResponse(
            responseCode = "403",
            description =
                    "`not-a-buyer`: no paid order of the caller contains the product; `own-product`: the caller sells it")
    @ApiResponse(responseCode = "404", description = "No active product with this slug")
    @ApiResponse(
            responseCode = "409",
            description = "`already-reviewed`: the caller has reviewed it; `review_id` names that review")
    @ApiResponse(responseCode = "422", description = "`content-refused` by a moderation rule")
    @ApiResponse(responseCode = "429", description = "Too many reviews of this customer or address")
    ResponseEntity<Review> create(@PathVariable String slug, @RequestBody ReviewBody body, HttpServletRequest request) {
        AuthenticatedUser user = currentUser.require();
        Review review = reviews.write(user.id(), product(slug).id(), body.draft(), request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/v1/reviews/" + review.id()))
                .body(review);
    }

    @PatchMapping("/api/v1/reviews/{id}")
    @Operation(
            summary = "Change your review",
            description = "Fields left out stay as they are; an empty `title` removes it. The texts are screened"
                    + " again; a hidden review stays hidden until an operator restores it. `edited_at` says when.")
    @ApiResponse(responseCode = "200", description = "The review as changed")
    @ApiResponse(responseCode = "400", description = "Stars outside 1 to 5, an empty text, a title or text too long")
    @ApiResponse(responseCode = "401", description = "Not signed in")
    @ApiResponse(responseCode = "404", description = "No review of the caller with this id")
    @ApiResponse(responseCode = "422", description = "`content-refused` by a moderation rule")
    @ApiResponse(responseCode = "429", description = "Too many writes of this customer or address")
    Review edit(@PathVariable UUID id, @RequestBody ReviewBody body, HttpServletRequest request) {
        return reviews.edit(currentUser.require().id(), id, body.draft(), request.getRemoteAddr());
    }

    @DeleteMapping("/api/v1/reviews/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete your review",
            description = "It leaves the product's reviews and rating at once; you may write a new one.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "401", description = "Not signed in")
    @ApiResponse(responseCode = "404", description = "No review of the caller with this id")
    void delete(@PathVariable UUID id) {
        reviews.delete(currentUser.require().id(), id);
    }

    @GetMapping("/api/v1/me/reviews")
    @Operation(
            summary = "Your reviews",
            description = "Newest first, hidden and removed ones too (with their `status`), with their products.")
    @ApiResponse(responseCode = "200", description = "One page of your reviews")
    @ApiResponse(responseCode = "400", description = "A bad cursor or limit")
    @ApiResponse(responseCode = "401", description = "Not signed in")
    ReviewPage mine(
            @Parameter(description = "`next_cursor` of the previous page") @RequestParam(required = false) @Nullable
                    String cursor,
            @Parameter(description = "Reviews per page, 1 to 50") @RequestParam(defaultValue = "20") int limit) {
        return reviews.byAuthor(currentUser.require().id(), cursor, limit);
    }

    /** The 409 names the review there is, so a client can edit it. */
    @ExceptionHandler(AlreadyReviewed.class)
    ResponseEntity<ProblemDetail> alreadyReviewed(AlreadyReviewed exception) {
        ProblemDetail problem = Problems.of(exception);
        problem.setProperty("review_id", exception.review().toString());
        return ResponseEntity.status(exception.status()).body(problem);
    }

    private ShopCatalog.Product product(String slug) {
        return catalog.product(slug)
                .orElseThrow(() -> ProblemException.notFound("product", TextInput.abbreviate(slug, 41)));
    }
}
