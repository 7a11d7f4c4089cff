package app.dukkan.community.profile;

import app.dukkan.community.profile.ProfileRepository.ProfileRow;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Profiles for moderation: found by handle or user id; hiding shows the name and bio to the owner
 * alone (others see the handle), removing takes the profile off the shop's pages and lists.
 */
@Component
class ProfileModeration implements ModeratedContent {

    private static final int EXCERPT = 200;

    private final ProfileRepository profiles;
    private final Clock clock;

    ProfileModeration(ProfileRepository profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.PROFILE;
    }

    @Override
    public Optional<Summary> find(String key) {
        Optional<ProfileRow> row;
        try {
            row = profiles.find(UUID.fromString(key));
        } catch (IllegalArgumentException notAnId) {
            row = profiles.byHandle(key.toLowerCase(Locale.ROOT));
        }
        return row.map(ProfileModeration::summary);
    }

    @Override
    public void hide(UUID id) {
        status(id, "hidden");
    }

    @Override
    public void restore(UUID id) {
        status(id, "visible");
    }

    @Override
    public void remove(UUID id) {
        status(id, "removed");
    }

    private void status(UUID id, String status) {
        if (!profiles.updateStatus(id, status, clock.instant())) {
            throw ProblemException.notFound("profile", id);
        }
    }

    private static Summary summary(ProfileRow row) {
        String text = row.bio().isEmpty() ? row.displayName() : row.displayName() + " — " + row.bio();
        String excerpt = text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1) + "…";
        State state = switch (row.status()) {
            case "hidden" -> State.HIDDEN;
            case "removed" -> State.REMOVED;
            default -> State.VISIBLE;
        };
        return new Summary(
                new ContentRef(ContentKind.PROFILE, row.userId()),
                new UserId(row.userId()),
                excerpt,
                "/u/" + row.handle(),
                state);
    }
}
