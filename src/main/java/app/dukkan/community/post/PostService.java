package app.dukkan.community.post;

import app.dukkan.catalog.ProductCards;
import app.dukkan.catalog.ShopCatalog;
import app.dukkan.community.Feed;
import app.dukkan.community.PostLiked;
import app.dukkan.community.PostPublished;
import app.dukkan.community.Posts;
import app.dukkan.community.limits.CommunityLimits;
import app.dukkan.community.post.PostRepository.ImageRow;
import app.dukkan.community.post.PostRepository.PostRow;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.community.profile.ProfileDirectory.Author;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.Screening;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Pictures;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Posts, likes and the feed's lists. */
@Service
class PostService implements Posts, Feed {

    static final String PICTURE_AREA = "community/posts";

    private final PostRepository posts;
    private final CommentRepository comments;
    private final ProfileDirectory profiles;
    private final Moderation moderation;
    private final ProductCards productCards;
    private final ShopCatalog catalog;
    private final Pictures pictures;
    private final CommunityLimits limits;
    private final Mentions mentions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PostService(
            PostRepository posts,
            CommentRepository comments,
            ProfileDirectory profiles,
            Moderation moderation,
            ProductCards productCards,
            ShopCatalog catalog,
            Pictures pictures,
            CommunityLimits limits,
            Mentions mentions,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.posts = posts;
        this.comments = comments;
        this.profiles = profiles;
        this.moderation = moderation;
        this.productCards = productCards;
        this.catalog = catalog;
        this.pictures = pictures;
        this.limits = limits;
        this.mentions = mentions;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Post create(UserId author, String clientAddress, Draft draft) {
        String text = Texts.checked("text", draft.text(), MAX_TEXT);
        List<UUID> imageIds = distinct("image_ids", draft.imageIds(), MAX_IMAGES);
        List<UUID> productIds = distinct("product_ids", draft.productIds(), MAX_PRODUCTS);
        limits.post(author, clientAddress);
        profiles.ensure(author);
        Set<UUID> onSale = productCards.byIds(productIds).stream()
                .map(ProductCards.Card::id)
                .collect(Collectors.toSet());
        for (UUID product : productIds) {
            if (!onSale.contains(product)) {
                throw unprocessable(
                        "product-unavailable",
                        "product_ids",
                        "product " + product + " is not on sale (unknown, draft or archived) and cannot be tagged");
            }
        }
        UUID id = Ids.newId(clock);
        transaction.executeWithoutResult(status -> {
            Screening screening = moderation.screen(new ContentRef(ContentKind.POST, id), author, text);
            posts.insert(
                    id, author.value(), screening.text(), screening.hidden() ? "hidden" : "visible", clock.instant());
            for (int i = 0; i < imageIds.size(); i++) {
                if (!posts.claimUpload(imageIds.get(i), author.value(), id, i)) {
                    throw unprocessable(
                            "unusable-image",
                            "image_ids",
                            "picture " + imageIds.get(i) + " is not an unused upload of yours");
                }
            }
            posts.tag(id, productIds);
            // a post moderation hid is published when an operator first shows it (ModeratedPosts)
            if (!screening.hidden()) {
                mentions.announce(author, id, null, List.of(), screening.text());
                events.publishEvent(new PostPublished(id, author, productIds));
            }
        });
        return get(id, author);
    }

    @Override
    public Upload upload(UserId owner, String clientAddress, long size, InputStreamSource content) {
        limits.image(owner, clientAddress);
        profiles.ensure(owner);
        Pictures.Prepared prepared = pictures.prepare(size, content);
        ImageRow row = transaction.execute(status -> {
            Pictures.Picture picture = pictures.store(PICTURE_AREA, prepared, posts::hashInUse);
            ImageRow upload = new ImageRow(
                    Ids.newId(clock),
                    owner.value(),
                    null,
                    picture.sha256(),
                    picture.width(),
                    picture.height(),
                    picture.renditions());
            posts.insertUpload(upload, clock.instant());
            return upload;
        });
        Image image = image(row);
        return new Upload(image.id(), image.url(), image.width(), image.height(), image.srcset());
    }

    @Override
    public Post get(UUID id, @Nullable UserId viewer) {
        return view(List.of(seen(id, viewer)), viewer).get(0);
    }

    @Override
    public Post edit(UserId author, String clientAddress, UUID id, String text) {
        String checked = Texts.checked("text", text, MAX_TEXT);
        limits.edit(author, clientAddress);
        transaction.executeWithoutResult(status -> {
            PostRow post = own(posts.lock(id), id, author);
            if (post.text().equals(checked)) {
                return;
            }
            Screening screening = moderation.screen(new ContentRef(ContentKind.POST, id), author, checked);
            posts.edit(id, Ids.newId(clock), screening.text(), screening.hidden(), clock.instant());
        });
        return get(id, author);
    }

    @Override
    public void delete(UserId author, UUID id) {
        transaction.executeWithoutResult(status -> {
            own(posts.lock(id), id, author);
            posts.changeStatus(id, List.of("visible", "hidden"), "deleted");
            // its comments are gone with it: nothing of it is left for an operator to review
            List<ContentRef> gone = new ArrayList<>();
            gone.add(new ContentRef(ContentKind.POST, id));
            comments.ofPost(id).forEach(comment -> gone.add(new ContentRef(ContentKind.COMMENT, comment)));
            moderation.forget(gone);
        });
    }

    @Override
    public List<Edit> history(UUID id, @Nullable UserId viewer) {
        seen(id, viewer);
        return posts.history(id);
    }

    @Override
    public Likes like(UserId member, String clientAddress, UUID id) {
        limits.like(member, clientAddress);
        profiles.ensure(member);
        return transaction.execute(status -> {
            PostRow post = seen(id, member);
            Boolean first = posts.like(id, member.value(), clock.instant());
            if (Boolean.TRUE.equals(first)) {
                events.publishEvent(new PostLiked(id, new UserId(post.authorId()), member));
            }
            return new Likes(id, posts.likeCount(id), true);
        });
    }

    @Override
    public Likes unlike(UserId member, String clientAddress, UUID id) {
        limits.like(member, clientAddress);
        return transaction.execute(status -> {
            // a like can always be taken back, also across a block or a hiding since; a post the
            // member neither sees nor liked stays unknown to them
            boolean taken = posts.unlike(id, member.value());
            if (!taken) {
                seen(id, member);
            }
            return new Likes(id, posts.likeCount(id), false);
        });
    }

    // the feed

    @Override
    public Page following(UserId member, @Nullable String cursor, int limit) {
        int size = Cursors.limit(limit, MAX_LIMIT);
        List<PostRow> rows = posts.following(member.value(), Cursors.decode(cursor, Cursors.NEWEST), size);
        return page(rows, member, size);
    }

    @Override
    public Page explore(@Nullable UserId viewer, @Nullable String cursor, int limit) {
        int size = Cursors.limit(limit, MAX_LIMIT);
        List<PostRow> rows =
                posts.explore(viewer == null ? null : viewer.value(), Cursors.decode(cursor, Cursors.NEWEST), size);
        return page(rows, viewer, size);
    }

    @Override
    public Page byAuthor(String handle, @Nullable UserId viewer, @Nullable String cursor, int limit) {
        int size = Cursors.limit(limit, MAX_LIMIT);
        UUID before = Cursors.decode(cursor, Cursors.NEWEST);
        Author author =
                profiles.byHandle(handle, viewer).orElseThrow(() -> ProblemException.notFound("profile", handle));
        if (viewer != null && posts.blockedEitherWay(viewer.value(), author.id().value())) {
            return new Page(List.of(), null);
        }
        List<PostRow> rows = posts.byAuthor(author.id().value(), viewer == null ? null : viewer.value(), before, size);
        return page(rows, viewer, size);
    }

    private Page page(List<PostRow> rows, @Nullable UserId viewer, int limit) {
        return new Page(view(rows, viewer), Cursors.next(rows, limit, PostRow::id));
    }

    /** The post when the viewer may see it, else 404 (also for a deleted one). */
    PostRow seen(UUID id, @Nullable UserId viewer) {
        return seen(posts.find(id), id, viewer);
    }

    /**
     * {@link #seen} with the post's row locked until the transaction ends: a change of its comments
     * takes it before the comments and their queue entries, as moderation does ({@link
     * ModeratedComments#lock}).
     */
    PostRow locked(UUID id, UserId viewer) {
        return seen(posts.lock(id), id, viewer);
    }

    /** Locks the post's row, whoever may see it ({@link #locked}). */
    void lock(UUID id) {
        posts.lock(id);
    }

    private PostRow seen(Optional<PostRow> found, UUID id, @Nullable UserId viewer) {
        UUID viewerId = viewer == null ? null : viewer.value();
        return found.filter(post -> post.visibleTo(viewerId) && !apart(viewer, post.authorId()))
                .orElseThrow(() -> ProblemException.notFound("post", id));
    }

    /** Whether a block either way keeps what the author writes from the viewer (a stranger: never). */
    boolean apart(@Nullable UserId viewer, UUID author) {
        return viewer != null && !viewer.value().equals(author) && posts.blockedEitherWay(viewer.value(), author);
    }

    /** The author's own post; 404 when the member may not see it, 403 when it is someone else's. */
    private PostRow own(Optional<PostRow> found, UUID id, UserId author) {
        PostRow post =
                found.filter(p -> p.visibleTo(author.value())).orElseThrow(() -> ProblemException.notFound("post", id));
        if (!post.authorId().equals(author.value())) {
            if (posts.blockedEitherWay(author.value(), post.authorId())) {
                throw ProblemException.notFound("post", id);
            }
            throw ProblemException.forbidden("Only its author may change or delete a post");
        }
        return post;
    }

    /**
     * The posts as the viewer sees them: authors, pictures, tagged products, whether the viewer
     * likes each; one query each, whatever the number of posts.
     */
    List<Post> view(List<PostRow> rows, @Nullable UserId viewer) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(PostRow::id).toList();
        Map<UserId, Author> authors = profiles.authors(
                rows.stream().map(row -> new UserId(row.authorId())).collect(Collectors.toSet()));
        Map<UUID, List<ImageRow>> images = posts.imagesOf(ids);
        Map<UUID, List<UUID>> tags = posts.productsOf(ids);
        Map<UUID, TaggedProduct> products = tagged(tags);
        Set<UUID> liked = posts.likedBy(viewer == null ? null : viewer.value(), ids);
        List<Post> views = new ArrayList<>(rows.size());
        for (PostRow row : rows) {
            Author author = authors.get(new UserId(row.authorId()));
            if (author == null) {
                continue;
            }
            views.add(new Post(
                    row.id(),
                    byline(author),
                    row.text(),
                    images.getOrDefault(row.id(), List.of()).stream()
                            .map(PostService::image)
                            .toList(),
                    tags.getOrDefault(row.id(), List.of()).stream()
                            .map(products::get)
                            .filter(p -> p != null)
                            .toList(),
                    row.likeCount(),
                    liked.contains(row.id()),
                    row.commentCount(),
                    "hidden".equals(row.status()),
                    viewer != null && viewer.value().equals(row.authorId()),
                    row.createdAt(),
                    row.editedAt()));
        }
        return views;
    }

    /** The tagged products still on sale, in one query; the variant to buy from the catalog's cache. */
    private Map<UUID, TaggedProduct> tagged(Map<UUID, List<UUID>> tags) {
        Set<UUID> all = new HashSet<>();
        tags.values().forEach(all::addAll);
        Map<UUID, TaggedProduct> found = new LinkedHashMap<>();
        for (ProductCards.Card card : productCards.byIds(List.copyOf(all))) {
            found.put(
                    card.id(),
                    new TaggedProduct(
                            card.id(), card.card(), variantToBuy(card.card().slug())));
        }
        return found;
    }

    private @Nullable UUID variantToBuy(String slug) {
        return catalog.product(slug)
                .flatMap(product -> product.variants().size() == 1
                        ? product.variants().stream().findFirst()
                        : product.variants().stream()
                                .filter(ShopCatalog.Variant::inStock)
                                .findFirst())
                .map(ShopCatalog.Variant::id)
                .orElse(null);
    }

    static Byline byline(Author author) {
        return new Byline(author.handle(), author.displayName(), author.avatarUrl());
    }

    private static Image image(ImageRow row) {
        List<Pictures.Rendition> renditions = row.renditions();
        String srcset =
                renditions.stream().map(r -> r.url() + " " + r.width() + "w").collect(Collectors.joining(", "));
        return new Image(row.id(), renditions.get(renditions.size() - 1).url(), row.width(), row.height(), srcset);
    }

    private static List<UUID> distinct(String field, @Nullable List<UUID> ids, int max) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > max) {
            throw ProblemException.invalid(field, "at most " + max + " allowed");
        }
        if (ids.stream().anyMatch(id -> id == null)) {
            throw ProblemException.invalid(field, "must not contain null");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw ProblemException.invalid(field, "names an item twice");
        }
        return List.copyOf(ids);
    }

    static ProblemException unprocessable(String type, String field, String message) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                type,
                "Cannot be used",
                field + ": " + message,
                List.of(new ProblemException.FieldProblem(field, message)));
    }
}
