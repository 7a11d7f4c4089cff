package app.dukkan.storefront.people;

import app.dukkan.community.Feed;
import app.dukkan.community.Follows;
import app.dukkan.community.Profiles;
import app.dukkan.community.Profiles.Profile;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A member's profile ({@code /u/{handle}}) with their follower and following lists, and following,
 * unfollowing, blocking and unblocking from it. Without JavaScript each form posts and is sent back
 * to the profile; with htmx the follow form answers the profile's follow box alone, flipped at once
 * by {@code people.js} and confirmed by the answer.
 */
@Controller
class MemberPages {

    static final String PROFILE = "storefront/people/profile";
    private static final int PAGE_SIZE = 30;
    private static final int PRODUCTS = 12;
    private static final int POSTS = 12;
    private static final String POST_ITEMS = "storefront/community/posts :: items";

    private final Profiles profiles;
    private final Follows follows;
    private final Feed feed;
    private final CurrentUser currentUser;

    MemberPages(Profiles profiles, Follows follows, Feed feed, CurrentUser currentUser) {
        this.profiles = profiles;
        this.follows = follows;
        this.feed = feed;
        this.currentUser = currentUser;
    }

    /** The signed-in member's own profile (the header's link). */
    @GetMapping("/profile")
    String own() {
        Optional<AuthenticatedUser> user = currentUser.get();
        if (user.isEmpty()) {
            return "redirect:/login?next=/profile";
        }
        return "redirect:/u/" + profiles.mine(user.get().id()).handle();
    }

    /** The profile with the member's posts; htmx's "older posts" gets the next posts alone. */
    @GetMapping("/u/{handle}")
    ModelAndView profile(
            @PathVariable String handle,
            @RequestParam(required = false) @Nullable String cursor,
            HttpServletRequest request) {
        Profile profile = profiles.profile(handle, viewer());
        Feed.Page posts = feed.byAuthor(profile.handle(), viewer(), cursor, POSTS);
        String path = "/u/" + profile.handle();
        if (cursor != null && request.getHeader("HX-Request") != null) {
            return new ModelAndView(POST_ITEMS, Map.of("page", posts, "path", path));
        }
        return new ModelAndView(
                PROFILE,
                Map.of(
                        "profile",
                        profile,
                        "products",
                        profile.seller() ? profiles.products(profile.id(), PRODUCTS) : List.of(),
                        "posts",
                        posts,
                        "postsPath",
                        path,
                        "crumbs",
                        List.of(Crumb.text("@" + profile.handle(), null))));
    }

    @GetMapping("/u/{handle}/followers")
    ModelAndView followers(@PathVariable String handle, @RequestParam(required = false) @Nullable String cursor) {
        Profile profile = profiles.profile(handle, viewer());
        return people(profile, "followers", follows.followers(profile.handle(), cursor, PAGE_SIZE));
    }

    @GetMapping("/u/{handle}/following")
    ModelAndView following(@PathVariable String handle, @RequestParam(required = false) @Nullable String cursor) {
        Profile profile = profiles.profile(handle, viewer());
        return people(profile, "following", follows.following(profile.handle(), cursor, PAGE_SIZE));
    }

    @PostMapping("/u/{handle}/follow")
    ModelAndView follow(@PathVariable String handle, HttpServletRequest request) {
        return change(handle, request, user -> follows.follow(user, handle, request.getRemoteAddr()));
    }

    @PostMapping("/u/{handle}/unfollow")
    ModelAndView unfollow(@PathVariable String handle, HttpServletRequest request) {
        return change(handle, request, user -> follows.unfollow(user, handle, request.getRemoteAddr()));
    }

    /** Asks before blocking: what a block does, and the form that does it. */
    @GetMapping("/u/{handle}/block")
    ModelAndView confirmBlock(@PathVariable String handle) {
        if (currentUser.get().isEmpty()) {
            return signIn("/u/" + handle + "/block");
        }
        Profile profile = profiles.profile(handle, viewer());
        return new ModelAndView(
                "storefront/people/block",
                Map.of(
                        "profile",
                        profile,
                        "crumbs",
                        List.of(
                                Crumb.text("@" + profile.handle(), "/u/" + profile.handle()),
                                Crumb.key("people.block.title", null))));
    }

    @PostMapping("/u/{handle}/block")
    ModelAndView block(@PathVariable String handle, HttpServletRequest request) {
        return change(handle, request, user -> follows.block(user, handle, request.getRemoteAddr()));
    }

    @PostMapping("/u/{handle}/unblock")
    ModelAndView unblock(@PathVariable String handle, HttpServletRequest request) {
        return change(handle, request, user -> follows.unblock(user, handle, request.getRemoteAddr()));
    }

    private interface Change {
        Profile apply(UserId user);
    }

    /** Applies a change of the signed-in member; htmx gets the follow box, a plain form the profile again. */
    private ModelAndView change(String handle, HttpServletRequest request, Change change) {
        Optional<AuthenticatedUser> user = currentUser.get();
        if (user.isEmpty()) {
            return signIn("/u/" + handle);
        }
        Profile profile = change.apply(user.get().id());
        if (request.getHeader("HX-Request") != null) {
            return new ModelAndView("storefront/people/parts :: follow-box", Map.of("profile", profile));
        }
        return new ModelAndView("redirect:/u/" + profile.handle());
    }

    private ModelAndView people(Profile profile, String list, Follows.People people) {
        return new ModelAndView(
                "storefront/people/people",
                Map.of(
                        "profile",
                        profile,
                        "list",
                        list,
                        "people",
                        people,
                        "crumbs",
                        List.of(
                                Crumb.text("@" + profile.handle(), "/u/" + profile.handle()),
                                Crumb.key("people.list." + list, null))));
    }

    private static ModelAndView signIn(String next) {
        return new ModelAndView("redirect:/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    private @Nullable UserId viewer() {
        return currentUser.get().map(AuthenticatedUser::id).orElse(null);
    }
}
