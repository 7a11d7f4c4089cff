package app.dukkan.storefront.people;

import app.dukkan.community.Profiles;
import app.dukkan.community.Profiles.Profile;
import app.dukkan.community.Profiles.ProfileChange;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.Uploads;
import app.dukkan.storefront.web.Crumb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * The member's own community profile ({@code /account/profile}): handle, name and bio, and the
 * avatar. A refused change shows the form again with 422 (429 past the limits), each message next
 * to its field and nothing changed; an avatar too large for the multipart parser with 413, and one
 * above the route's body limit is sent back to {@code GET /account/profile/avatar}, the same page
 * with the same message ({@link Uploads#REFUSED_AS_TOO_LARGE}).
 */
@Controller
class ProfileSettingsPages {

    private static final String SETTINGS = "storefront/people/settings";
    private static final Set<String> PICTURE_REFUSALS = Set.of(
            "not-an-image",
            "unsupported-image-type",
            "image-too-large",
            "image-dimensions",
            "image-too-many-pixels",
            "corrupt-image",
            "empty-file");
    private static final String TOO_LARGE = "people.error.avatar.image-too-large";

    private final Profiles profiles;
    private final CurrentUser currentUser;

    ProfileSettingsPages(Profiles profiles, CurrentUser currentUser) {
        this.profiles = profiles;
        this.currentUser = currentUser;
    }

    @GetMapping("/account/profile")
    ModelAndView settings(@RequestParam(required = false) @Nullable String saved) {
        Profile profile = profiles.mine(user());
        return page(profile, values(profile), Map.of(), saved == null ? null : "people.settings.saved");
    }

    /** Where an avatar refused for its size before it was read is sent back to: the same page, saying so. */
    @GetMapping("/account/profile/avatar")
    ModelAndView avatarRefused(Model model) {
        Profile profile = profiles.mine(user());
        Map<String, String> errors =
                model.containsAttribute(Uploads.REFUSED_AS_TOO_LARGE) ? Map.of("file", TOO_LARGE) : Map.of();
        return page(profile, values(profile), errors, null);
    }

    /** An avatar the multipart parser refused (too large, cut off): the form again with the file's error. */
    @ExceptionHandler(MultipartException.class)
    ModelAndView avatarUnread(MultipartException failure) {
        ProblemException refusal = Uploads.refusal(failure);
        Profile profile = profiles.mine(user());
        ModelAndView page = page(
                profile,
                values(profile),
                Map.of("file", refusal.type().equals(Uploads.TOO_LARGE) ? TOO_LARGE : "people.error.avatar.unreadable"),
                null);
        page.setStatus(refusal.status());
        return page;
    }

    private static Map<String, String> values(Profile profile) {
        return Map.of("handle", profile.handle(), "display_name", profile.displayName(), "bio", profile.bio());
    }

    @PostMapping("/account/profile/details")
    ModelAndView save(
            @RequestParam(defaultValue = "") String handle,
            @RequestParam(name = "display_name", defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String bio,
            HttpServletRequest request,
            HttpServletResponse response) {
        UserId user = user();
        Map<String, String> values = Map.of("handle", handle, "display_name", displayName, "bio", bio);
        try {
            profiles.change(user, new ProfileChange(handle, displayName, bio), request.getRemoteAddr());
            return new ModelAndView("redirect:/account/profile?saved");
        } catch (ProblemException problem) {
            return refused(user, values, problem, response);
        }
    }

    /** A multipart form: its CSRF token rides in the action's query (see the template). */
    @PostMapping("/account/profile/avatar")
    ModelAndView avatar(
            @RequestParam(required = false) @Nullable MultipartFile file,
            HttpServletRequest request,
            HttpServletResponse response) {
        UserId user = user();
        try {
            if (file == null || file.isEmpty()) {
                throw ProblemException.invalid("file", "is required");
            }
            profiles.changeAvatar(user, file.getSize(), file, request.getRemoteAddr());
            return new ModelAndView("redirect:/account/profile?saved");
        } catch (ProblemException problem) {
            return refused(user, null, problem, response);
        }
    }

    @PostMapping("/account/profile/avatar/remove")
    ModelAndView removeAvatar(HttpServletRequest request, HttpServletResponse response) {
        UserId user = user();
        try {
            profiles.removeAvatar(user, request.getRemoteAddr());
            return new ModelAndView("redirect:/account/profile?saved");
        } catch (ProblemException problem) {
            return refused(user, null, problem, response);
        }
    }

    /** The form again with the refusal in the member's words: next to its field, or above the form. */
    private ModelAndView refused(
            UserId user, @Nullable Map<String, String> typed, ProblemException problem, HttpServletResponse response) {
        Profile profile = profiles.mine(user);
        Map<String, String> values = typed != null ? typed : values(profile);
        Map<String, String> errors = new LinkedHashMap<>();
        String message = null;
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        String field =
                problem.errors().isEmpty() ? null : problem.errors().get(0).field();
        if (problem.status() == HttpStatus.TOO_MANY_REQUESTS) {
            status = HttpStatus.TOO_MANY_REQUESTS;
            message = "people.error.rate-limited";
            if (problem.retryAfter() != null) {
                response.setHeader(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(problem.retryAfter().toSeconds()));
            }
        } else if (Uploads.TOO_LARGE.equals(problem.type())) {
            errors.put("file", TOO_LARGE);
        } else if (PICTURE_REFUSALS.contains(problem.type()) || "file".equals(field)) {
            errors.put(
                    "file",
                    "people.error.avatar."
                            + (PICTURE_REFUSALS.contains(problem.type()) ? problem.type() : "not-an-image"));
        } else if ("handle-reserved".equals(problem.type())) {
            errors.put("handle", "people.error.handle-reserved");
        } else if (problem.status() == HttpStatus.CONFLICT) {
            errors.put("handle", "people.error.handle-taken");
        } else if ("content-refused".equals(problem.type())) {
            message = "people.error.content-refused";
        } else if (field != null && Set.of("handle", "display_name", "bio").contains(field)) {
            errors.put(field, "people.error." + field.replace('_', '-'));
        } else {
            message = "people.error.invalid";
        }
        ModelAndView page = page(profile, values, errors, null);
        page.addObject("formMessage", message);
        page.setStatus(status);
        return page;
    }

    private ModelAndView page(
            Profile profile, Map<String, String> values, Map<String, String> errors, @Nullable String notice) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("profile", profile);
        model.put("values", values);
        model.put("errors", errors);
        model.put("maxFileSize", Uploads.readable(DataSize.ofBytes(profiles.maxAvatarSize())));
        model.put("crumbs", List.of(Crumb.key("account.title", "/account"), Crumb.key("people.settings.title", null)));
        if (notice != null) {
            model.put("notice", notice);
        }
        return new ModelAndView(SETTINGS, model);
    }

    private UserId user() {
        return currentUser.require().id();
    }
}
