package app.dukkan.community.review;

import app.dukkan.catalog.ProductCards;
import app.dukkan.catalog.ProductRatings;
import app.dukkan.catalog.SellerProducts;
import app.dukkan.community.AlreadyReviewed;
import app.dukkan.community.RatingSummary;
import app.dukkan.community.ReviewPublished;
import app.dukkan.community.Reviews;
import app.dukkan.community.limits.CommunityLimits;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.Screening;
import app.dukkan.orders.Purchases;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reviews by verified buyers. Every change of a product's reviews takes the product's summary row
 * lock first, then recounts its visible reviews from the rows and hands the figures to the catalog
 * in the same transaction: concurrent reviews, edits, deletions and moderation serialize per
 * product, and the summary is always the count of the rows. Limits are counted before the
 * transaction begins.
 */
@Service
class ReviewService implements Reviews {

    static final String VISIBLE = "visible";
    static final String HIDDEN = "hidden";
    static final String REMOVED = "removed";
    static final String DELETED = "deleted";

    private final ReviewRepository repository;
    private final ProfileDirectory profiles;
    private final Purchases purchases;
    private final SellerProducts sellers;
    private final Moderation moderation;
    private final ProductRatings ratings;
    private final ProductCards cards;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final CommunityLimits limits;
    private final Clock clock;

    ReviewService(
            ReviewRepository repository,
            ProfileDirectory profiles,
            Purchases purchases,
            SellerProducts sellers,
            Moderation moderation,
            ProductRatings ratings,
            ProductCards cards,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            CommunityLimits limits,
            Clock clock) {
        this.repository = repository;
        this.profiles = profiles;
        this.purchases = purchases;
        this.sellers = sellers;
        this.moderation = moderation;
        this.ratings = ratings;
        this.cards = cards;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public RatingSummary summary(UUID productId) {
        return RatingSummary.of(repository.counts(productId));
    }

    @Override
    public ReviewPage forProduct(
            UUID productId,
            @Nullable Integer stars,
            Sort sort,
            @Nullable String cursor,
            int limit,
            @Nullable UserId viewer) {
        if (stars != null && (stars < 1 || stars > 5)) {
            throw ProblemException.invalid("rating", "must be between 1 and 5");
        }
        String list = ReviewCursor.list(sort, stars);
        ReviewCursor after = ReviewCursor.parse(cursor, list);
        int size = pageSize(limit);
        List<ReviewRepository.Row> rows = new ArrayList<>(repository.visible(
                productId,
                stars,
                sort,
                after == null ? null : new ReviewRepository.After(after.rating(), after.id()),
                size + 1));
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ReviewRepository.Row last = rows.get(size - 1);
            next = new ReviewCursor(list, last.rating(), last.id()).encode();
        }
        if (after == null && viewer != null) {
            // the viewer's own review while it is hidden: seen by them alone, first
            Optional<ReviewRepository.Row> own = repository
                    .ofAuthor(productId, viewer.value())
                    .filter(row -> row.status().equals(HIDDEN))
                    .filter(row -> stars == null || row.rating() == stars);
            if (own.isPresent()) {
                rows = new ArrayList<>(rows);
                rows.add(0, own.get());
            }
        }
        return new ReviewPage(reviews(rows, false), next);
    }

    @Override
    public ReviewPage byAuthor(UserId author, @Nullable String cursor, int limit) {
        ReviewCursor after = ReviewCursor.parse(cursor, ReviewCursor.MINE);
        int size = pageSize(limit);
        List<ReviewRepository.Row> rows =
                repository.byAuthor(author.value(), after == null ? null : after.id(), size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = new ReviewCursor(ReviewCursor.MINE, 0, rows.get(size - 1).id()).encode();
        }
        return new ReviewPage(reviews(rows, true), next);
    }

    @Override
    public Optional<Review> mine(UserId author, UUID productId) {
        return repository.ofAuthor(productId, author.value()).map(row -> review(row, false));
    }

    @Override
    public Eligibility eligibility(UserId customer, UUID productId) {
        if (repository.deletedWhileHidden(productId, customer.value())) {
            // a new review would show again what moderation hid, with its reports closed
            return Eligibility.WITHDRAWN;
        }
        if (sellers.sells(customer.value(), productId)) {
            return Eligibility.OWN_PRODUCT;
        }
        return purchases.hasBought(customer, productId) ? Eligibility.ALLOWED : Eligibility.NOT_A_BUYER;
    }

    @Override
    public Review write(UserId author, UUID productId, Draft draft, String clientAddress) {
        Input input = Input.of(draft, null);
        Optional<ReviewRepository.Row> existing = repository.ofAuthor(productId, author.value());
        if (existing.isPresent()) {
            throw new AlreadyReviewed(existing.get().id());
        }
        switch (eligibility(author, productId)) {
            case WITHDRAWN ->
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "review-withdrawn",
                        "Review withdrawn",
                        "You deleted your review of this product while the shop's moderators had it hidden;"
                                + " a new one cannot be written. Ask the shop if you think this is wrong.",
                        List.of());
            case NOT_A_BUYER ->
                throw new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "not-a-buyer",
                        "Not a buyer",
                        "Only customers who bought this product in a paid order can review it",
                        List.of());
            case OWN_PRODUCT ->
                throw new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "own-product",
                        "Own product",
                        "Sellers cannot review their own products",
                        List.of());
            case ALLOWED -> {}
        }
        acquire(author, clientAddress);
        profiles.ensure(author);
        UUID id = Ids.newId(clock);
        ReviewRepository.Row row = transaction.execute(status -> {
            Instant now = clock.instant();
            repository.lockSummary(productId, now);
            Screening screening = screen(id, author, input);
            ReviewRepository.Row review = new ReviewRepository.Row(
                    id,
                    productId,
                    author.value(),
                    input.rating(),
                    title(screening),
                    screening.texts().get(1),
                    screening.hidden() ? HIDDEN : VISIBLE,
                    now,
                    null);
            if (!repository.insert(review, now)) {
                // written meanwhile, in another request of the same customer
                throw new AlreadyReviewed(repository
                        .ofAuthor(productId, author.value())
                        .map(ReviewRepository.Row::id)
                        .orElse(id));
            }
            if (review.status().equals(VISIBLE)) {
                recount(productId, now);
                events.publishEvent(new ReviewPublished(id, productId, author, review.rating()));
            }
            return review;
        });
        return review(row, false);
    }

    @Override
    public Review edit(UserId author, UUID reviewId, Draft draft, String clientAddress) {
        ReviewRepository.Row current = ownEditable(author, reviewId);
        Input.of(draft, current);
        acquire(author, clientAddress);
        ReviewRepository.Row row = transaction.execute(status -> {
            Instant now = clock.instant();
            repository.lockSummary(current.productId(), now);
            // as it is now that the product's reviews are ours to change
            ReviewRepository.Row before = ownEditable(author, reviewId);
            Input input = Input.of(draft, before);
            Screening screening = screen(reviewId, author, input);
            // an edit never shows a hidden review again: an operator restores it
            String newStatus = screening.hidden() || before.status().equals(HIDDEN) ? HIDDEN : VISIBLE;
            String title = title(screening);
            String text = screening.texts().get(1);
            repository.update(reviewId, input.rating(), title, text, newStatus, now);
            if (before.status().equals(VISIBLE)) {
                recount(before.productId(), now);
            }
            return new ReviewRepository.Row(
                    reviewId,
                    before.productId(),
                    before.authorId(),
                    input.rating(),
                    title,
                    text,
                    newStatus,
                    before.createdAt(),
                    now);
        });
        return review(row, false);
    }

    @Override
    public void delete(UserId author, UUID reviewId) {
        ReviewRepository.Row current = ownEditable(author, reviewId);
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            repository.lockSummary(current.productId(), now);
            Optional<ReviewRepository.Row> before =
                    repository.changeStatus(reviewId, List.of(VISIBLE, HIDDEN), DELETED, now);
            if (before.isEmpty()) {
                throw ProblemException.notFound("review", reviewId);
            }
            moderation.forget(new ContentRef(ContentKind.REVIEW, reviewId));
            if (before.get().status().equals(HIDDEN)) {
                repository.markDeletedWhileHidden(reviewId);
            }
            if (before.get().status().equals(VISIBLE)) {
                recount(current.productId(), now);
            }
        });
    }

    /**
     * Moves a review from one of the statuses to another for moderation, inside the caller's
     * transaction or one of its own; the summary follows. Answers the review as it was, or empty
     * when it had none of those statuses.
     */
    Optional<ReviewRepository.Row> moderate(UUID reviewId, List<String> from, String to) {
        return transaction.execute(status -> {
            Optional<ReviewRepository.Row> found = repository.find(reviewId);
            if (found.isEmpty()) {
                return Optional.<ReviewRepository.Row>empty();
            }
            Instant now = clock.instant();
            UUID productId = found.get().productId();
            repository.lockSummary(productId, now);
            Optional<ReviewRepository.Row> before = repository.changeStatus(reviewId, from, to, now);
            before.ifPresent(row -> {
                if (row.status().equals(VISIBLE) || to.equals(VISIBLE)) {
                    recount(productId, now);
                }
                if (to.equals(VISIBLE) && repository.publish(reviewId, now)) {
                    events.publishEvent(
                            new ReviewPublished(reviewId, productId, new UserId(row.authorId()), row.rating()));
                }
            });
            return before;
        });
    }

    Optional<ReviewRepository.Row> find(UUID reviewId) {
        return repository.find(reviewId);
    }

    /**
     * The review as it is under its product's summary lock, which every change of the product's
     * reviews takes first; held until the caller's transaction ends.
     */
    Optional<ReviewRepository.Row> lock(UUID reviewId) {
        return repository.find(reviewId).flatMap(row -> {
            repository.lockSummary(row.productId(), clock.instant());
            return repository.find(reviewId);
        });
    }

    private ReviewRepository.Row ownEditable(UserId author, UUID reviewId) {
        return repository
                .find(reviewId)
                .filter(row -> row.authorId().equals(author.value()))
                .filter(row -> row.status().equals(VISIBLE) || row.status().equals(HIDDEN))
                .orElseThrow(() -> ProblemException.notFound("review", reviewId));
    }

    private void acquire(UserId author, String clientAddress) {
        limits.review(author, clientAddress);
    }

    private Screening screen(UUID id, UserId author, Input input) {
        return moderation.screen(
                new ContentRef(ContentKind.REVIEW, id),
                author,
                List.of(input.title() == null ? "" : input.title(), input.text()));
    }

    private static @Nullable String title(Screening screening) {
        String title = screening.texts().get(0);
        return title.isBlank() ? null : title;
    }

    /** Recounts the product's visible reviews and tells the catalog; under the summary's lock. */
    /** Counts the product's visible reviews again and gives the catalog its new rating. */
    void recount(UUID productId, Instant now) {
        RatingSummary summary = RatingSummary.of(repository.recount(productId, now));
        ratings.record(productId, summary.average(), summary.count());
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return limit;
    }

    private List<Review> reviews(List<ReviewRepository.Row> rows, boolean withProducts) {
        Collection<UserId> authors =
                rows.stream().map(row -> new UserId(row.authorId())).toList();
        Map<UserId, ProfileDirectory.Author> found = profiles.authors(authors);
        Map<UUID, Product> products = new HashMap<>();
        if (withProducts && !rows.isEmpty()) {
            cards.byIds(rows.stream()
                            .map(ReviewRepository.Row::productId)
                            .distinct()
                            .toList())
                    .forEach(card -> products.put(
                            card.id(),
                            new Product(card.card().slug(), card.card().name())));
        }
        return rows.stream()
                .map(row -> review(row, found.get(new UserId(row.authorId())), products.get(row.productId())))
                .toList();
    }

    private Review review(ReviewRepository.Row row, boolean withProduct) {
        Product product = null;
        if (withProduct) {
            product = cards.byIds(List.of(row.productId())).stream()
                    .findFirst()
                    .map(card -> new Product(card.card().slug(), card.card().name()))
                    .orElse(null);
        }
        return review(row, profiles.find(new UserId(row.authorId())).orElse(null), product);
    }

    private static Review review(
            ReviewRepository.Row row, ProfileDirectory.@Nullable Author author, @Nullable Product product) {
        return new Review(
                row.id(),
                row.productId(),
                product,
                author == null
                        ? new Author("", "", null)
                        : new Author(author.handle(), author.displayName(), author.avatarUrl()),
                row.rating(),
                row.title(),
                row.body(),
                row.status(),
                true,
                row.createdAt(),
                row.editedAt());
    }

    /** A draft checked at the edge; on an edit, missing fields are the review's. */
    record Input(int rating, @Nullable String title, String text) {

        static Input of(Draft draft, ReviewRepository.@Nullable Row current) {
            Integer rating = draft.rating() != null ? draft.rating() : current == null ? null : current.rating();
            if (rating == null) {
                throw ProblemException.invalid("rating", "is required: 1 to 5 stars");
            }
            if (rating < 1 || rating > 5) {
                throw ProblemException.invalid("rating", "must be between 1 and 5");
            }
            String title = draft.title() != null ? clean(draft.title()) : current == null ? null : current.title();
            if (title != null && title.isEmpty()) {
                title = null;
            }
            if (title != null && title.length() > MAX_TITLE) {
                throw ProblemException.invalid("title", "must be at most " + MAX_TITLE + " characters");
            }
            String text = draft.text() != null ? clean(draft.text()) : current == null ? null : current.body();
            if (text == null || text.isEmpty()) {
                throw ProblemException.invalid("text", "is required: say what you think of the product");
            }
            if (text.length() > MAX_TEXT) {
                throw ProblemException.invalid("text", "must be at most " + MAX_TEXT + " characters");
            }
            if (title != null && hasControl(title) || hasControl(text)) {
                throw ProblemException.invalid(
                        hasControl(text) ? "text" : "title", "must not contain control characters");
            }
            return new Input(rating, title, text);
        }

        /** Without surrounding spaces, with Windows line ends as plain ones. */
        private static String clean(String text) {
            return text.replace("\r\n", "\n").strip();
        }

        private static boolean hasControl(String text) {
            return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t');
        }
    }
}
