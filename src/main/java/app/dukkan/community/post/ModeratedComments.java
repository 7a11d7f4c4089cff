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

/** Comments as moderation acts on them; shown at their post's page. */
@Component
class ModeratedComments implements ModeratedContent {

    private final CommentRepository comments;

    ModeratedComments(CommentRepository comments) {
        this.comments = comments;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.COMMENT;
    }

    @Override
    public Optional<Summary> find(String key) {
        return ModeratedContent.id(key)
                .flatMap(comments::find)
                .filter(comment -> !"deleted".equals(comment.status()))
                .map(comment -> new Summary(
                        new ContentRef(ContentKind.COMMENT, comment.id()),
                        new UserId(comment.authorId()),
                        ModeratedContent.excerpt(comment.text()),
                        "/posts/" + comment.postId() + "#comment-" + comment.id(),
                        State.of(comment.status())));
    }

    @Override
    @Transactional
    public boolean move(UUID id, Set<State> from, State to) {
        return comments.changeStatus(id, State.codes(from), to.code()) > 0;
    }
}
