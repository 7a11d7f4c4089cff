package app.dukkan.community.post;

import app.dukkan.community.Comments;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Community: comments", description = "Comments on posts, replies one level deep")
class CommentController {

    record CommentRequest(@Nullable String text, @Nullable UUID parentId) {}

    record CommentChange(@Nullable String text) {}

    private final Comments comments;
    private final CurrentUser currentUser;

    CommentController(Comments comments, CurrentUser currentUser) {
        this.comments = comments;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/posts/{id}/comments")
    @Operation(
            summary = "A post's comments",
            description = "Top-level comments oldest first, each with its first 10 replies (`replies`) and how"
                    + " many more there are (`more_replies`, from GET /api/v1/comments/{id}/replies). `cursor`"
                    + " from `next_cursor`; `limit` 1 to 50. 404 for a post you may not see.")
    Comments.Page list(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") int limit) {
        return comments.list(id, currentUser.get().map(AuthenticatedUser::id).orElse(null), cursor, limit);
    }

    @PostMapping("/api/v1/posts/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Comment on a post",
            description = "`text` 1 to 1,000 characters, screened by the shop's rules; `parent_id` a comment of"
                    + " the post to reply to (a reply to a reply joins its top-level comment; 422"
                    + " `unknown-parent` otherwise, 422 `hidden-parent` under a comment hidden pending review; 403 `blocked` when you and the author of the comment or of"
                    + " its thread blocked one another). 404 for a post you may not see, 429 past"
                    + " `dukkan.community.limits.comments`.")
    Comments.Comment create(@PathVariable UUID id, @RequestBody CommentRequest request, HttpServletRequest http) {
        AuthenticatedUser user = currentUser.require();
        return comments.create(
                user.id(), http.getRemoteAddr(), id, request.text() == null ? "" : request.text(), request.parentId());
    }

    @GetMapping("/api/v1/comments/{id}/replies")
    @Operation(
            summary = "A comment's replies",
            description = "The replies to a top-level comment, oldest first, in `comments`. `cursor` from"
                    + " `next_cursor`; `limit` 1 to 50. 404 for a comment you may not see, a comment on a post"
                    + " you may not see, or a reply (replies have none).")
    Comments.Page replies(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") int limit) {
        return comments.replies(id, currentUser.get().map(AuthenticatedUser::id).orElse(null), cursor, limit);
    }

    @GetMapping("/api/v1/comments/{id}")
    @Operation(
            summary = "One comment",
            description = "Without its replies. 404 for a comment, or a comment on a post, you may not see (also"
                    + " across a block either way with its author); a reply is 404 too where its top-level"
                    + " comment is.")
    Comments.Comment get(@PathVariable UUID id) {
        return comments.get(id, currentUser.get().map(AuthenticatedUser::id).orElse(null));
    }

    @PatchMapping("/api/v1/comments/{id}")
    @Operation(
            summary = "Change your comment",
            description = "Screened again. 403 for someone else's, 429 past `dukkan.community.limits.edits` (post"
                    + " and comment edits together).")
    Comments.Comment edit(@PathVariable UUID id, @RequestBody CommentChange change, HttpServletRequest http) {
        return comments.edit(
                currentUser.require().id(), http.getRemoteAddr(), id, change.text() == null ? "" : change.text());
    }

    @DeleteMapping("/api/v1/comments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete your comment", description = "Its replies go with it. 403 for someone else's.")
    void delete(@PathVariable UUID id) {
        comments.delete(currentUser.require().id(), id);
    }
}
