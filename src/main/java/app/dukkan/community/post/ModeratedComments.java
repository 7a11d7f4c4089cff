package app.dukkan.community.post;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Comments as moderation acts on them; shown at their post's page. A comment its author deleted is
 * not found, nor one of a post its author deleted: the post took it along.
 */
@Component
class ModeratedComments implements ModeratedContent {

    private final CommentRepository comments;
    private final PostRepository posts;

    ModeratedComments(CommentRepository comments, PostRepository posts) {
        this.comments = comments;
        this.posts = posts;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.COMMENT;
    }

    @Override
    public Optional<Summary> find(String key) {
        return ModeratedContent.id(key)
                .flatMap(comments::find)
                .flatMap(comment -> summary(comment, posts.find(comment.postId())));
    }

    /** Locks the comment's post first, as the community's own changes of comments do, then the comment. */
    @Override
    public Optional<Summary> lock(UUID id) {
        return comments.find(id).flatMap(found -> {
            Optional<PostRepository.PostRow> post = posts.lock(found.postId());
            return comments.lock(id).flatMap(comment -> summary(comment, post));
        });
    }

    private static Optional<Summary> summary(
            CommentRepository.CommentRow comment, Optional<PostRepository.PostRow> post) {
        return Optional.of(comment)
                .filter(found -> !"deleted".equals(found.status())
                        && post.filter(p -> !"deleted".equals(p.status())).isPresent())
                .map(found -> new Summary(
                        new ContentRef(ContentKind.COMMENT, found.id()),
                        new UserId(found.authorId()),
                        ModeratedContent.excerpt(found.text()),
                        "/posts/" + found.postId() + "#comment-" + found.id(),
                        State.of(found.status())));
    }

    @Override
    @Transactional
    public boolean move(UUID id, Set<State> from, State to) {
        return !comments.changeStatus(id, State.codes(from), to.code()).isEmpty();
    }
}
