package app.dukkan.storefront.community;

import app.dukkan.catalog.ProductCards;
import app.dukkan.catalog.ShopCatalog;
import app.dukkan.community.Comments;
import app.dukkan.community.Feed;
import app.dukkan.community.Posts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.platform.Pictures;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.Uploads;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The feed, explore, a post with its comments, and composing, editing and deleting posts. Every
 * form works without JavaScript (POST, then a redirect); htmx swaps the like button and appends
 * older posts.
 */
@Controller
class PostPages {

    static final String DIR = "storefront/community/";
    private static final int PAGE = 20;
    private static final int PRODUCT_MATCHES = 8;
    /** The notices a post's page shows after its author's own change ({@code ?notice=}). */
    private static final Set<String> AUTHOR_NOTICES = Set.of("published", "saved");

    /** A product offered for tagging on the compose page. */
    record Pick(UUID id, ShopCatalog.ProductCard card, boolean checked) {}

    private final Posts posts;
    private final Feed feed;
    private final Comments comments;
    private final ShopCatalog catalog;
    private final ProductCards cards;
    private final CurrentUser currentUser;
    private final Pictures pictures;

    PostPages(
            Posts posts,
            Feed feed,
            Comments comments,
            ShopCatalog catalog,
            ProductCards cards,
            CurrentUser currentUser,
            Pictures pictures) {
        this.posts = posts;
        this.feed = feed;
        this.comments = comments;
        this.catalog = catalog;
        this.cards = cards;
        this.currentUser = currentUser;
        this.pictures = pictures;
    }

    @GetMapping("/feed")
    ModelAndView feed(@RequestParam(required = false) @Nullable String cursor, HttpServletRequest request) {
        return list("feed", feed.following(currentUser.require().id(), cursor, PAGE), "/feed", request);
    }

    @GetMapping("/explore")
    ModelAndView explore(@RequestParam(required = false) @Nullable String cursor, HttpServletRequest request) {
        return list("explore", feed.explore(viewer(), cursor, PAGE), "/explore", request);
    }

    private ModelAndView list(String which, Feed.Page page, String path, HttpServletRequest request) {
        if (htmx(request)) {
            ModelAndView items = new ModelAndView(DIR + "posts :: items");
            items.addObject("page", page);
            items.addObject("path", path);
            return items;
        }
        ModelAndView view = new ModelAndView(DIR + "list");
        view.addObject("which", which);
        view.addObject("page", page);
        view.addObject("path", path);
        view.addObject("crumbs", List.of(Crumb.key("community." + which + ".title", null)));
        return view;
    }

    @GetMapping("/posts/{id}")
    ModelAndView post(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String comments,
            @RequestParam(required = false) @Nullable String notice) {
        ModelAndView page = postPage(id, comments, Map.of(), "", null, HttpStatus.OK);
        // what the author's own publish or save led to, and only for them: a link cannot make the
        // page say anything else, nor say it to others
        boolean mine = ((Posts.Post) page.getModel().get("post")).mine();
        return page.addObject(
                "notice",
                mine && notice != null && AUTHOR_NOTICES.contains(notice) ? "community.notice." + notice : null);
    }

    /**
     * A comment with all its replies, a page at a time: where the post's page, which shows the first
     * few of each, links when there are more. A reply's own address leads to its comment's.
     */
    @GetMapping("/posts/{id}/comments/{commentId}")
    ModelAndView thread(
            @PathVariable UUID id,
            @PathVariable UUID commentId,
            @RequestParam(required = false) @Nullable String cursor) {
        UserId viewer = viewer();
        Comments.Comment comment = comments.get(commentId, viewer);
        if (!comment.postId().equals(id)) {
            throw ProblemException.notFound("comment", commentId);
        }
        if (comment.parentId() != null) {
            return new ModelAndView("redirect:/posts/" + id + "/comments/" + comment.parentId());
        }
        Posts.Post post = posts.get(id, viewer);
        ModelAndView view = new ModelAndView(DIR + "thread");
        view.addObject("post", post);
        view.addObject("comment", comment);
        view.addObject("replies", comments.replies(commentId, viewer, cursor, Comments.DEFAULT_LIMIT));
        view.addObject(
                "crumbs",
                List.of(
                        Crumb.key("community.explore.title", "/explore"),
                        Crumb.text("@" + post.author().handle(), "/posts/" + id),
                        Crumb.key("community.replies.crumb", null)));
        return view;
    }

    private ModelAndView postPage(
            UUID id,
            @Nullable String commentsCursor,
            Map<String, String> errors,
            String text,
            @Nullable UUID parentId,
            HttpStatus status) {
        UserId viewer = viewer();
        Posts.Post post = posts.get(id, viewer);
        ModelAndView view = new ModelAndView(DIR + "post");
        view.addObject("post", post);
        view.addObject("thread", this.comments.list(id, viewer, commentsCursor, Comments.DEFAULT_LIMIT));
        view.addObject("errors", errors);
        view.addObject("commentText", text);
        view.addObject("replyTo", parentId);
        view.addObject("signedIn", viewer != null);
        view.addObject("maxComment", Comments.MAX_TEXT);
        view.addObject(
                "crumbs",
                List.of(
                        Crumb.key("community.explore.title", "/explore"),
                        Crumb.text("@" + post.author().handle(), null)));
        view.setStatus(status);
        return view;
    }

    /** Likes ({@code action=like}) or takes the like back; htmx gets the button with the new count. */
    @PostMapping("/posts/{id}/like")
    ModelAndView like(
            @PathVariable UUID id, @RequestParam(defaultValue = "like") String action, HttpServletRequest request) {
        UserId member = currentUser.require().id();
        if ("unlike".equals(action)) {
            posts.unlike(member, request.getRemoteAddr(), id);
        } else {
            posts.like(member, request.getRemoteAddr(), id);
        }
        if (htmx(request)) {
            ModelAndView button = new ModelAndView(DIR + "posts :: like");
            button.addObject("post", posts.get(id, member));
            return button;
        }
        return seeOther("/posts/" + id);
    }

    @PostMapping("/posts/{id}/comments")
    ModelAndView comment(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(name = "parent_id", required = false) @Nullable UUID parentId,
            HttpServletRequest request,
            HttpServletResponse response) {
        UserId member = currentUser.require().id();
        try {
            Comments.Comment comment = comments.create(member, request.getRemoteAddr(), id, text, parentId);
            return seeOther("/posts/" + id + "#comment-" + comment.id());
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.NOT_FOUND && "not-found".equals(e.type())) {
                throw e;
            }
            Refusal refusal = refusal(e, response);
            return postPage(id, null, Map.of("comment", refusal.key()), text, parentId, refusal.status());
        }
    }

    @GetMapping("/posts/new")
    ModelAndView compose(
            @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(name = "product_ids", required = false) @Nullable List<String> productIds,
            Model model) {
        currentUser.require();
        // sent back here: the body limit refused the pictures before they were read
        Map<String, String> errors = model.containsAttribute(Uploads.REFUSED_AS_TOO_LARGE)
                ? Map.of("images", "community.error.image")
                : Map.of();
        return composePage(text, q, ids(productIds), errors, HttpStatus.OK);
    }

    /**
     * Publishes a post from the compose form (multipart: text, up to four {@code images}, ticked
     * {@code product_ids}; the CSRF token rides in the query). The pictures are uploaded first; when
     * the post is then refused they stay unused and are removed later.
     */
    @PostMapping("/posts/new")
    ModelAndView publish(
            @RequestParam(defaultValue = "") String text,
            @RequestParam(name = "images", required = false) @Nullable List<MultipartFile> images,
            @RequestParam(name = "product_ids", required = false) @Nullable List<String> productIds,
            HttpServletRequest request,
            HttpServletResponse response) {
        UserId author = currentUser.require().id();
        List<UUID> products = ids(productIds);
        List<MultipartFile> files = images == null
                ? List.of()
                : images.stream().filter(file -> !file.isEmpty()).toList();
        try {
            if (files.size() > Posts.MAX_IMAGES) {
                throw ProblemException.invalid("image_ids", "at most " + Posts.MAX_IMAGES + " allowed");
            }
            List<UUID> uploads = new ArrayList<>();
            for (MultipartFile file : files) {
                uploads.add(posts.upload(author, request.getRemoteAddr(), file.getSize(), file)
                        .id());
            }
            Posts.Post post = posts.create(author, request.getRemoteAddr(), new Posts.Draft(text, uploads, products));
            return seeOther("/posts/" + post.id() + "?notice=published");
        } catch (ProblemException e) {
            Refusal refusal = refusal(e, response);
            return composePage(text, "", products, Map.of(refusal.field(), refusal.key()), refusal.status());
        }
    }

    private ModelAndView composePage(
            String text, String q, List<UUID> ticked, Map<String, String> errors, HttpStatus status) {
        Map<UUID, Pick> picks = new LinkedHashMap<>();
        cards.byIds(ticked).forEach(card -> picks.put(card.id(), new Pick(card.id(), card.card(), true)));
        String search = q.strip();
        if (!search.isEmpty()) {
            List<String> slugs = catalog
                    .listing(new ShopCatalog.ListingRequest(search, null, null, null, null, null, 0, PRODUCT_MATCHES))
                    .items()
                    .stream()
                    .map(ShopCatalog.ProductCard::slug)
                    .toList();
            cards.bySlugs(slugs).forEach(card -> picks.putIfAbsent(card.id(), new Pick(card.id(), card.card(), false)));
        }
        ModelAndView view = new ModelAndView(DIR + "compose");
        view.addObject("text", text);
        view.addObject("q", search);
        view.addObject("picks", List.copyOf(picks.values()));
        view.addObject("searched", !search.isEmpty());
        view.addObject("errors", errors);
        view.addObject("maxText", Posts.MAX_TEXT);
        view.addObject("maxImages", Posts.MAX_IMAGES);
        view.addObject("maxFileSize", Uploads.readable(DataSize.ofBytes(pictures.maxFileSize())));
        view.addObject("maxProducts", Posts.MAX_PRODUCTS);
        view.addObject(
                "crumbs",
                List.of(Crumb.key("community.feed.title", "/feed"), Crumb.key("community.compose.title", null)));
        view.setStatus(status);
        return view;
    }

    @GetMapping("/posts/{id}/edit")
    ModelAndView editPage(@PathVariable UUID id) {
        Posts.Post post = own(id);
        return editPage(post, post.text(), Map.of(), HttpStatus.OK);
    }

    @PostMapping("/posts/{id}/edit")
    ModelAndView edit(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String text,
            HttpServletRequest request,
            HttpServletResponse response) {
        Posts.Post post = own(id);
        try {
            posts.edit(currentUser.require().id(), request.getRemoteAddr(), id, text);
            return seeOther("/posts/" + id + "?notice=saved");
        } catch (ProblemException e) {
            Refusal refusal = refusal(e, response);
            return editPage(post, text, Map.of("text", refusal.key()), refusal.status());
        }
    }

    private ModelAndView editPage(Posts.Post post, String text, Map<String, String> errors, HttpStatus status) {
        return textForm(
                "edit",
                "/posts/" + post.id() + "/edit",
                "/posts/" + post.id(),
                "community.edit",
                text,
                Posts.MAX_TEXT,
                errors,
                postCrumbs(post.id(), "community.edit.title"),
                status);
    }

    /**
     * The edit form ({@code edit}) or the delete confirmation ({@code delete}) of a post or a
     * comment: {@code keys} prefixes its texts' keys ({@code .title}, {@code .hint} or {@code
     * .lead}, {@code .submit}).
     */
    private static ModelAndView textForm(
            String page,
            String action,
            String back,
            String keys,
            String text,
            int maxText,
            Map<String, String> errors,
            List<Crumb> crumbs,
            HttpStatus status) {
        ModelAndView view = new ModelAndView(DIR + page);
        view.addObject("action", action);
        view.addObject("back", back);
        view.addObject("titleKey", keys + ".title");
        view.addObject("hintKey", keys + ".hint");
        view.addObject("leadKey", keys + ".lead");
        view.addObject("submitKey", keys + ".submit");
        view.addObject("text", text);
        view.addObject("maxText", maxText);
        view.addObject("errors", errors);
        view.addObject("crumbs", crumbs);
        view.setStatus(status);
        return view;
    }

    @GetMapping("/posts/{id}/delete")
    ModelAndView deletePage(@PathVariable UUID id) {
        Posts.Post post = own(id);
        return textForm(
                "delete",
                "/posts/" + id + "/delete",
                "/posts/" + id,
                "community.delete",
                post.text(),
                Posts.MAX_TEXT,
                Map.of(),
                postCrumbs(post.id(), "community.delete.title"),
                HttpStatus.OK);
    }

    @PostMapping("/posts/{id}/delete")
    ModelAndView delete(@PathVariable UUID id) {
        posts.delete(currentUser.require().id(), id);
        return seeOther("/feed?deleted");
    }

    @GetMapping("/comments/{id}/edit")
    ModelAndView commentEditPage(@PathVariable UUID id) {
        Comments.Comment comment = ownComment(id);
        return commentEditPage(comment, comment.text(), Map.of(), HttpStatus.OK);
    }

    @PostMapping("/comments/{id}/edit")
    ModelAndView editComment(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String text,
            HttpServletRequest request,
            HttpServletResponse response) {
        Comments.Comment comment = ownComment(id);
        try {
            comments.edit(currentUser.require().id(), request.getRemoteAddr(), id, text);
            return seeOther("/posts/" + comment.postId() + "#comment-" + id);
        } catch (ProblemException e) {
            Refusal refusal = refusal(e, response);
            return commentEditPage(comment, text, Map.of("text", refusal.key()), refusal.status());
        }
    }

    private ModelAndView commentEditPage(
            Comments.Comment comment, String text, Map<String, String> errors, HttpStatus status) {
        return textForm(
                "edit",
                "/comments/" + comment.id() + "/edit",
                "/posts/" + comment.postId() + "#comment-" + comment.id(),
                "community.comment-edit",
                text,
                Comments.MAX_TEXT,
                errors,
                postCrumbs(comment.postId(), "community.comment-edit.title"),
                status);
    }

    @GetMapping("/comments/{id}/delete")
    ModelAndView commentDeletePage(@PathVariable UUID id) {
        Comments.Comment comment = ownComment(id);
        return textForm(
                "delete",
                "/comments/" + id + "/delete",
                "/posts/" + comment.postId() + "#comment-" + id,
                "community.comment-delete",
                comment.text(),
                Comments.MAX_TEXT,
                Map.of(),
                postCrumbs(comment.postId(), "community.comment-delete.title"),
                HttpStatus.OK);
    }

    @PostMapping("/comments/{id}/delete")
    ModelAndView deleteComment(@PathVariable UUID id) {
        Comments.Comment comment = ownComment(id);
        comments.delete(currentUser.require().id(), id);
        return seeOther("/posts/" + comment.postId() + "#comments");
    }

    /** The signed-in member's own comment, else 403 (404 when they may not see it). */
    private Comments.Comment ownComment(UUID id) {
        Comments.Comment comment = comments.get(id, currentUser.require().id());
        if (!comment.mine()) {
            throw ProblemException.forbidden("Only its author may change or delete a comment");
        }
        return comment;
    }

    /** Feed, the post, and the page about it (an edit or a deletion of the post or one of its comments). */
    private static List<Crumb> postCrumbs(UUID postId, String current) {
        return List.of(
                Crumb.key("community.feed.title", "/feed"),
                Crumb.key("community.post.title", "/posts/" + postId),
                Crumb.key(current, null));
    }

    /** The signed-in member's own post, else 403 (404 when they may not see it). */
    private Posts.Post own(UUID id) {
        Posts.Post post = posts.get(id, currentUser.require().id());
        if (!post.mine()) {
            throw ProblemException.forbidden("Only its author may change or delete a post");
        }
        return post;
    }

    private @Nullable UserId viewer() {
        return currentUser.get().map(AuthenticatedUser::id).orElse(null);
    }

    /** How a refused form is answered: the field it concerns, the message key and the status. */
    record Refusal(String field, String key, HttpStatus status) {}

    private static Refusal refusal(ProblemException e, HttpServletResponse response) {
        if (e.retryAfter() != null) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
            return new Refusal("text", "community.error.rate-limited", HttpStatus.TOO_MANY_REQUESTS);
        }
        String field = e.errors().isEmpty() ? "text" : e.errors().get(0).field();
        String key = switch (e.type()) {
            case "content-refused" -> "community.error.content-refused";
            case "unusable-image" -> "community.error.image";
            case "product-unavailable" -> "community.error.product";
            case "unknown-parent", "hidden-parent" -> "community.error.parent";
            case "validation" ->
                switch (field) {
                    case "image_ids" -> "community.error.too-many-images";
                    case "product_ids" -> "community.error.product";
                    default ->
                        e.getMessage() != null && e.getMessage().contains("empty")
                                ? "community.error.text-empty"
                                : "community.error.text-long";
                };
            default -> field.equals("file") ? "community.error.image" : "community.error.generic";
        };
        String shown = switch (field) {
            case "file", "image_ids" -> "images";
            case "product_ids" -> "products";
            default -> "text";
        };
        return new Refusal(shown, key, HttpStatus.UNPROCESSABLE_CONTENT);
    }

    private static List<UUID> ids(@Nullable List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (String value : values) {
            try {
                ids.add(UUID.fromString(value.strip()));
            } catch (IllegalArgumentException e) {
                // a value no form of the shop sends: left out
            }
            if (ids.size() >= Posts.MAX_PRODUCTS + 1) {
                break;
            }
        }
        return List.copyOf(ids);
    }

    static boolean htmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null;
    }

    private static ModelAndView seeOther(String path) {
        RedirectView view = new RedirectView(path, true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return new ModelAndView(view);
    }
}
