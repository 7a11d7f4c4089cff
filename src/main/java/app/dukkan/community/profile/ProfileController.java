package app.dukkan.community.profile;

import app.dukkan.community.Follows;
import app.dukkan.community.Follows.People;
import app.dukkan.community.Profiles;
import app.dukkan.community.Profiles.Profile;
import app.dukkan.community.Profiles.ProfileChange;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@Tag(name = "Community: profiles")
class ProfileController {

    private static final String RELATION = " Answers the profile as the caller now sees it (followed, blocked,"
            + " counts). 401 without a session; 404 for an unknown handle; 429 with Retry-After past the follow"
            + " limits of the member or the client address (dukkan.community.limits.follows).";

    private final Profiles profiles;
    private final Follows follows;
    private final CurrentUser currentUser;

    ProfileController(Profiles profiles, Follows follows, CurrentUser currentUser) {
        this.profiles = profiles;
        this.follows = follows;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/v1/profiles/{handle}")
    @Operation(
            summary = "A member's profile",
            description = "Handle, display name, bio, avatar renditions, follower and following counts, whether the"
                    + " member sells in the shop and, for a signed-in caller, whether they follow or block the member"
                    + " or are blocked by them. A profile hidden by moderation shows its handle alone (its owner"
                    + " sees everything, with hidden true); an unknown or removed one is a 404.")
    Profile profile(@PathVariable String handle) {
        return profiles.profile(handle, viewer());
    }

    @GetMapping("/api/v1/me/profile")
    @Operation(
            summary = "Your profile",
            description = "Made on first use, with a handle from your name or email. 401 without a session.")
    Profile mine() {
        return profiles.mine(currentUser.require().id());
    }

    @PatchMapping("/api/v1/me/profile")
    @Operation(
            summary = "Change your profile",
            description = "Fields left out stay as they are. handle: 3 to 30 letters a-z, digits or underscores, any"
                    + " case, stored in lower case; the shop's own words (admin, api, feed, explore, …) are refused"
                    + " (400); a handle another member has is a 409. display_name: 1 to 100 characters; bio: at most"
                    + " 500. Name and bio are screened by moderation: 422 content-refused when a blocking rule"
                    + " matches; a hiding rule hides the profile from others until reviewed. 429 with Retry-After"
                    + " past dukkan.community.limits.profile-changes.")
    Profile change(@RequestBody ProfileChange change, HttpServletRequest request) {
        return profiles.change(currentUser.require().id(), change, request.getRemoteAddr());
    }

    @PostMapping(path = "/api/v1/me/profile/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload your avatar",
            description = "Multipart form with `file` (JPEG, PNG or WebP, told by its content). Turned upright,"
                    + " stripped of metadata and stored as JPEG renditions (dukkan.images.*); replaces the old avatar,"
                    + " whose files are removed. Errors, with nothing changed: 413 over the size limit; 415"
                    + " unsupported-image-type; 422 not-an-image, corrupt-image, image-too-many-pixels,"
                    + " image-dimensions; 400 empty-file or no file; 429 past the profile change limits.")
    Profile avatar(@RequestParam(required = false) @Nullable MultipartFile file, HttpServletRequest request) {
        UserId user = currentUser.require().id();
        if (file == null) {
            throw ProblemException.invalid("file", "is required: the picture as a multipart part named 'file'");
        }
        return profiles.changeAvatar(user, file.getSize(), file, request.getRemoteAddr());
    }

    @DeleteMapping("/api/v1/me/profile/avatar")
    @Operation(summary = "Remove your avatar", description = "Its files are removed too. Answers the profile.")
    Profile removeAvatar(HttpServletRequest request) {
        return profiles.removeAvatar(currentUser.require().id(), request.getRemoteAddr());
    }

    @PutMapping("/api/v1/profiles/{handle}/follow")
    @Operation(
            summary = "Follow a member",
            description = "Idempotent: following again changes nothing. 422 `self` for your own profile; 403"
                    + " `blocked` when either of you blocked the other." + RELATION)
    Profile follow(@PathVariable String handle, HttpServletRequest request) {
        return follows.follow(currentUser.require().id(), handle, request.getRemoteAddr());
    }

    @DeleteMapping("/api/v1/profiles/{handle}/follow")
    @Operation(summary = "Stop following a member", description = "Idempotent." + RELATION)
    Profile unfollow(@PathVariable String handle, HttpServletRequest request) {
        return follows.unfollow(currentUser.require().id(), handle, request.getRemoteAddr());
    }

    @PutMapping("/api/v1/profiles/{handle}/block")
    @Operation(
            summary = "Block a member",
            description = "Idempotent. Ends the follows between you both ways; the member can no longer follow or"
                    + " mention you, and neither of you sees the other's posts and comments. 422 `self` for your"
                    + " own profile." + RELATION)
    Profile block(@PathVariable String handle, HttpServletRequest request) {
        return follows.block(currentUser.require().id(), handle, request.getRemoteAddr());
    }

    @DeleteMapping("/api/v1/profiles/{handle}/block")
    @Operation(
            summary = "Unblock a member",
            description = "Idempotent; follows ended by the block stay ended." + RELATION)
    Profile unblock(@PathVariable String handle, HttpServletRequest request) {
        return follows.unblock(currentUser.require().id(), handle, request.getRemoteAddr());
    }

    @GetMapping("/api/v1/profiles/{handle}/followers")
    @Operation(
            summary = "A member's followers",
            description = "Newest first, `limit` per page (1-100, default 30); pass `next` as `cursor` for the"
                    + " following page. 400 for a cursor this list did not hand out.")
    People followers(
            @PathVariable String handle,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "30") int limit) {
        return follows.followers(handle, cursor, limit);
    }

    @GetMapping("/api/v1/profiles/{handle}/following")
    @Operation(
            summary = "Whom a member follows",
            description = "Newest first, `limit` per page (1-100, default 30); pass `next` as `cursor` for the"
                    + " following page. 400 for a cursor this list did not hand out.")
    People following(
            @PathVariable String handle,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "30") int limit) {
        return follows.following(handle, cursor, limit);
    }

    private @Nullable UserId viewer() {
        return currentUser.get().map(AuthenticatedUser::id).orElse(null);
    }
}
