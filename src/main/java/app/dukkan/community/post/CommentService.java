package app.dukkan.community.post;

import app.dukkan.community.Comments;
import app.dukkan.community.PostCommented;
import app.dukkan.community.limits.CommunityLimits;
import app.dukkan.community.post.CommentRepository.CommentRow;
import app.dukkan.community.post.PostRepository.PostRow;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.community.profile.ProfileDirectory.Author;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.Screening;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Comments on posts, replies one level deep. */
@Service
class CommentService implements Comments {

    private final CommentRepository comments;
    private final PostService posts;
    private final ProfileDirectory profiles;
    private final Moderation moderation;
    private final CommunityLimits limits;
    private final Mentions mentions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    CommentService(
            CommentRepository comments,
            PostService posts,
            ProfileDirectory profiles,
            Moderation moderation,
            CommunityLimits limits,
            Mentions mentions,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.comments = comments;
        this.posts = posts;
        this.profiles = profiles;
        this.moderation = moderation;
        this.limits = limits;
        this.mentions = mentions;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Page list(UUID postId, @Nullable UserId viewer, @Nullable String cursor, int limit) {
        int size = Cursors.limit(limit, MAX_LIMIT);
        UUID after = Cursors.decode(cursor, Cursors.OLDEST);
        posts.seen(postId, viewer);
        UUID viewerId = viewer == null ? null : viewer.value();
        List<CommentRow> top = comments.topLevel(postId, viewerId, after, size);
        CommentRepository.FirstReplies replies =
                comments.firstReplies(top.stream().map(CommentRow::id).toList(), viewerId, REPLIES_SHOWN);
        Map<UserId, Author> authors = profiles.authors(Stream.concat(top.stream(), replies.rows().stream())
                .map(c -> new UserId(c.authorId()))
                .collect(Collectors.toSet()));
        Map<UUID, List<Comment>> repliesOf = new LinkedHashMap<>();
        for (CommentRow reply : replies.rows()) {
            view(reply, authors, viewerId, List.of(), 0)
                    .ifPresent(c -> repliesOf
                            .computeIfAbsent(reply.parentId(), k -> new ArrayList<>())
                            .add(c));
        }
        List<Comment> page = new ArrayList<>();
        for (CommentRow comment : top) {
            List<Comment> shown = repliesOf.getOrDefault(comment.id(), List.of());
            int more = Math.max(0, replies.totals().getOrDefault(comment.id(), 0) - REPLIES_SHOWN);
            view(comment, authors, viewerId, shown, more).ifPresent(page::add);
        }
        return new Page(page, Cursors.next(top, size, CommentRow::id));
    }

    @Override
    public Page replies(UUID commentId, @Nullable UserId viewer, @Nullable String cursor, int limit) {
        int size = Cursors.limit(limit, MAX_LIMIT);
        UUID after = Cursors.decode(cursor, Cursors.OLDEST);
        UUID viewerId = viewer == null ? null : viewer.value();
        if (seen(commentId, viewer).parentId() != null) {
            throw ProblemException.notFound("comment", commentId);
        }
        List<CommentRow> found = comments.replies(commentId, viewerId, after, size);
        Map<UserId, Author> authors = profiles.authors(
                found.stream().map(c -> new UserId(c.authorId())).collect(Collectors.toSet()));
        List<Comment> page = new ArrayList<>();
        for (CommentRow reply : found) {
            view(reply, authors, viewerId, List.of(), 0).ifPresent(page::add);
        }
        return new Page(page, Cursors.next(found, size, CommentRow::id));
    }

    @Override
    public Comment create(UserId author, String clientAddress, UUID postId, String text, @Nullable UUID parentId) {
        String checked = Texts.checked("text", text, MAX_TEXT);
        limits.comment(author, clientAddress);
        profiles.ensure(author);
        UUID id = Ids.newId(clock);
        CommentRow stored = transaction.execute(status -> {
            PostRow post = posts.locked(postId, author);
            Thread thread = parentId == null ? null : thread(post, parentId, author);
            // a reply to a reply belongs to the top-level comment: replies are one level deep
            UUID topLevel = thread == null ? null : thread.top().id();
            Screening screening = moderation.screen(new ContentRef(ContentKind.COMMENT, id), author, checked);
            CommentRow row = new CommentRow(
                    id,
                    postId,
                    topLevel,
                    author.value(),
                    screening.text(),
                    screening.hidden() ? "hidden" : "visible",
                    clock.instant(),
                    null);
            comments.insert(row);
            // a comment moderation hid, or one on a post it hid (its author's), is seen by its writer
            // alone: it tells no one else about itself
            if (!screening.hidden() && "visible".equals(post.status())) {
                mentions.announce(
                        author,
                        postId,
                        id,
                        thread == null
                                ? List.of(post.authorId())
                                : List.of(post.authorId(), thread.top().authorId()),
                        screening.text());
                events.publishEvent(new PostCommented(
                        postId,
                        id,
                        new UserId(post.authorId()),
                        author,
                        thread == null ? null : new UserId(thread.parent().authorId())));
            }
            return row;
        });
        return single(stored, author);
    }

    @Override
    public Comment get(UUID id, @Nullable UserId viewer) {
        return single(seen(id, viewer), viewer);
    }

    @Override
    public Comment edit(UserId author, String clientAddress, UUID id, String text) {
        String checked = Texts.checked("text", text, MAX_TEXT);
        limits.edit(author, clientAddress);
        CommentRow edited = transaction.execute(status -> {
            CommentRow comment = own(id, author);
            if (!comment.text().equals(checked)) {
                Screening screening = moderation.screen(new ContentRef(ContentKind.COMMENT, id), author, checked);
                comments.edit(comment, screening.text(), screening.hidden(), clock.instant());
            }
            return comments.find(id).orElseThrow();
        });
        return single(edited, author);
    }

    @Override
    public void delete(UserId author, UUID id) {
        transaction.executeWithoutResult(status -> {
            // also when the post's author blocked them since: their words must not stay up regardless
            mine(id, author);
            // its replies go with it, and so do their queue entries
            moderation.forget(comments.changeStatus(id, List.of("visible", "hidden"), "deleted", true).stream()
                    .map(deleted -> new ContentRef(ContentKind.COMMENT, deleted))
                    .toList());
        });
    }

    /** The comment a reply answers and the top-level comment it goes under (the same for a reply to a top-level one). */
    private record Thread(CommentRow parent, CommentRow top) {}

    /**
     * The parent comment: one of the post's that readers see, under a top-level comment they see
     * too (a reply goes to the top level; one under a hidden or removed comment would be counted and
     * announced where no reader sees it), else 422; 403 {@code blocked} when the author of either
     * comment and the writer blocked one another, as for a follow. Both comments stay locked, the
     * top-level one first as a delete locks them, so that a hide or delete waits for the reply and
     * takes it along.
     */
    private Thread thread(PostRow post, UUID parentId, UserId author) {
        CommentRow found = comments.find(parentId)
                .filter(c -> c.postId().equals(post.id()))
                .orElseThrow(() -> unknownParent(parentId));
        CommentRow top = shown(found.parentId() == null ? found.id() : found.parentId(), parentId, author);
        CommentRow parent = found.parentId() == null ? top : shown(found.id(), parentId, author);
        if (posts.apart(author, parent.authorId()) || posts.apart(author, top.authorId())) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "blocked",
                    "Blocked",
                    "You cannot reply to this comment: you and its author, or the author of its thread, blocked one"
                            + " another",
                    List.of());
        }
        return new Thread(parent, top);
    }

    /** The comment, locked, when readers see it; 422 otherwise, telling its writer why when it is their hidden one. */
    private CommentRow shown(UUID id, UUID parentId, UserId writer) {
        CommentRow comment =
                comments.lock(id).filter(c -> c.visibleTo(writer.value())).orElseThrow(() -> unknownParent(parentId));
        if (!"visible".equals(comment.status())) {
            throw PostService.unprocessable(
                    "hidden-parent",
                    "parent_id",
                    "comment " + id + " is hidden pending review and takes no replies until it is restored");
        }
        return comment;
    }

    private static ProblemException unknownParent(UUID parentId) {
        return PostService.unprocessable(
                "unknown-parent", "parent_id", "no comment " + parentId + " on this post to reply to");
    }

    /**
     * The comment when the viewer may see it, its post and, for a reply, its top-level comment (under
     * which it is listed), else 404: someone else's hidden one, a removed or deleted one, or one
     * across a block either way with its author.
     */
    private CommentRow seen(UUID id, @Nullable UserId viewer) {
        CommentRow comment = readable(comments.find(id), id, viewer);
        if (comment.parentId() != null) {
            readable(comments.find(comment.parentId()), id, viewer);
        }
        posts.seen(comment.postId(), viewer);
        return comment;
    }

    /** The comment found when the viewer may see it as such, else 404 naming {@code id}. */
    private CommentRow readable(Optional<CommentRow> found, UUID id, @Nullable UserId viewer) {
        return found.filter(
                        c -> c.visibleTo(viewer == null ? null : viewer.value()) && !posts.apart(viewer, c.authorId()))
                .orElseThrow(() -> ProblemException.notFound("comment", id));
    }

    /** The member's own comment on a post they see; 404 when they may not see it, 403 when it is someone else's. */
    private CommentRow own(UUID id, UserId author) {
        CommentRow comment = mine(id, author);
        posts.seen(comment.postId(), author);
        return comment;
    }

    /**
     * The member's own comment, locked after its post, wherever it stands; 404 when they may not see
     * it, 403 when it is someone else's.
     */
    private CommentRow mine(UUID id, UserId author) {
        comments.find(id).ifPresent(found -> posts.lock(found.postId()));
        CommentRow comment = comments.lock(id)
                .filter(c -> c.visibleTo(author.value()))
                .orElseThrow(() -> ProblemException.notFound("comment", id));
        if (!comment.authorId().equals(author.value())) {
            throw ProblemException.forbidden("Only its author may change or delete a comment");
        }
        return comment;
    }

    private Comment single(CommentRow row, @Nullable UserId viewer) {
        Map<UserId, Author> authors = profiles.authors(List.of(new UserId(row.authorId())));
        return view(row, authors, viewer == null ? null : viewer.value(), List.of(), 0)
                .orElseThrow();
    }

    private static Optional<Comment> view(
            CommentRow row,
            Map<UserId, Author> authors,
            @Nullable UUID viewer,
            List<Comment> replies,
            int moreReplies) {
        return Optional.ofNullable(authors.get(new UserId(row.authorId())))
                .map(author -> new Comment(
                        row.id(),
                        row.postId(),
                        row.parentId(),
                        PostService.byline(author),
                        row.text(),
                        "hidden".equals(row.status()),
                        row.authorId().equals(viewer),
                        row.createdAt(),
                        row.editedAt(),
                        replies,
                        moreReplies));
    }
}
