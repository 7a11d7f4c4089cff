package app.dukkan.community.post;

import app.dukkan.community.Feed;
import app.dukkan.community.Posts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Community: posts", description = "Posts with pictures and tagged products, likes, and the feed")
class PostController {

    record PostRequest(
            @Nullable String text,
            @Nullable List<UUID> imageIds,
            @Nullable List<UUID> productIds) {}

    record PostChange(@Nullable String text) {}

    private final Posts posts;
    private final Feed feed;
    private final CurrentUser currentUser;

    PostController(Posts posts, Feed feed, CurrentUser currentUser) {
        this.posts = posts;
        this.feed = feed;
        this.currentUser = currentUser;
    }

    @PostMapping("/api/v1/posts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Write a post",
            description = "`text` 1 to 2,000 characters after trimming, plain text (links show as links, markup as"
                    + " written); `image_ids` up to 4 of your unused uploads (`POST /api/v1/posts/images`);"
                    + " `product_ids` up to 4 products on sale. The text is screened by the shop's rules (422"
                    + " `content-refused`; a hidden post shows to you alone until reviewed). 400 for bad text or"
                    + " too many items, 422 `unusable-image` or `product-unavailable` naming the item, 401"
                    + " signed out, 429 past `dukkan.community.limits.posts`.")
    Posts.Post create(@RequestBody PostRequest request, HttpServletRequest http) {
        AuthenticatedUser user = currentUser.require();
        return posts.create(
                user.id(),
                http.getRemoteAddr(),
                new Posts.Draft(
                        request.text() == null ? "" : request.text(),
                        request.imageIds() == null ? List.of() : request.imageIds(),
                        request.productIds() == null ? List.of() : request.productIds()));
    }

    @PostMapping(path = "/api/v1/posts/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Upload a picture for a post",
            description = "Multipart `file` (JPEG, PNG or WebP, told by its content), stripped of metadata and"
                    + " stored as renditions. The answer's `id` goes into one post's `image_ids`; unused"
                    + " uploads are removed after a day. Errors as for product pictures (413, 415, 422, 400"
                    + " `empty-file`), 429 past `dukkan.community.limits.images`.")
    Posts.Upload upload(@RequestParam(required = false) @Nullable MultipartFile file, HttpServletRequest http) {
        AuthenticatedUser user = currentUser.require();
        if (file == null) {
            throw ProblemException.invalid("file", "is required: the picture as a multipart part named 'file'");
        }
        return posts.upload(user.id(), http.getRemoteAddr(), file.getSize(), file);
    }

    @GetMapping("/api/v1/posts/{id}")
    @Operation(summary = "A post", description = "404 when it does not exist or you may not see it.")
    Posts.Post get(@PathVariable UUID id) {
        return posts.get(id, viewer());
    }

    @PatchMapping("/api/v1/posts/{id}")
    @Operation(
            summary = "Change your post's text",
            description = "The earlier text goes into the post's history. Screened again. 403 for someone"
                    + " else's post, 429 past `dukkan.community.limits.edits` (post and comment edits together).")
    Posts.Post edit(@PathVariable UUID id, @RequestBody PostChange change, HttpServletRequest http) {
        return posts.edit(
                currentUser.require().id(), http.getRemoteAddr(), id, change.text() == null ? "" : change.text());
    }

    @DeleteMapping("/api/v1/posts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete your post", description = "Gone from every feed at once. 403 for someone else's.")
    void delete(@PathVariable UUID id) {
        posts.delete(currentUser.require().id(), id);
    }

    @GetMapping("/api/v1/posts/{id}/history")
    @Operation(
            summary = "A post's earlier texts",
            description = "Newest first, each with when it was replaced; the 20 latest are kept. A text replaced"
                    + " while the post was hidden pending review is not shown.")
    List<Posts.Edit> history(@PathVariable UUID id) {
        return posts.history(id, viewer());
    }

    @PutMapping("/api/v1/posts/{id}/like")
    @Operation(
            summary = "Like a post",
            description = "Once per member; liking again changes nothing. 404 for a post you may not see; 429"
                    + " past `dukkan.community.limits.likes`.")
    Posts.Likes like(@PathVariable UUID id, HttpServletRequest http) {
        return posts.like(currentUser.require().id(), http.getRemoteAddr(), id);
    }

    @DeleteMapping("/api/v1/posts/{id}/like")
    @Operation(summary = "Take your like back", description = "Idempotent.")
    Posts.Likes unlike(@PathVariable UUID id, HttpServletRequest http) {
        return posts.unlike(currentUser.require().id(), http.getRemoteAddr(), id);
    }

    @GetMapping("/api/v1/feed")
    @Operation(
            summary = "Your feed",
            description = "Posts of the accounts you follow and your own, newest first. `cursor` from the last"
                    + " page's `next_cursor` (400 `invalid-cursor` for anything else); `limit` 1 to 50.")
    Feed.Page following(
            @RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "20") int limit) {
        return feed.following(currentUser.require().id(), cursor, limit);
    }

    @GetMapping("/api/v1/explore")
    @Operation(
            summary = "Every visible post",
            description = "Newest first, public; signed in you do not see members you blocked or who blocked you.")
    Feed.Page explore(
            @RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "20") int limit) {
        return feed.explore(viewer(), cursor, limit);
    }

    @GetMapping("/api/v1/profiles/{handle}/posts")
    @Operation(
            summary = "A profile's posts",
            description = "Newest first; 404 for an unknown handle and, but for its owner, for a profile moderation"
                    + " removed.")
    Feed.Page byAuthor(
            @PathVariable String handle,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "20") int limit) {
        return feed.byAuthor(handle, viewer(), cursor, limit);
    }

    private @Nullable UserId viewer() {
        return currentUser.get().map(AuthenticatedUser::id).orElse(null);
    }
}
