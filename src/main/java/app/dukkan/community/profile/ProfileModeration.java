package app.dukkan.community.profile;

import app.dukkan.community.profile.ProfileRepository.ProfileRow;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Profiles for moderation: found by handle or user id; hiding shows the name and bio to the owner
 * alone (others see the handle), removing takes the profile off the shop's pages and lists.
 */
@Component
class ProfileModeration implements ModeratedContent {

    private final ProfileRepository profiles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProfileModeration(ProfileRepository profiles, ApplicationEventPublisher events, Clock clock) {
        this.profiles = profiles;
        this.events = events;
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
    public Optional<Summary> lock(UUID id) {
        return profiles.lock(id).map(ProfileModeration::summary);
    }

    @Override
    public boolean move(UUID id, Set<State> from, State to) {
        boolean moved = profiles.changeStatus(id, State.codes(from), to.code(), clock.instant());
        if (moved) {
            events.publishEvent(new MemberShownChanged(id));
        }
        return moved;
    }

    private static Summary summary(ProfileRow row) {
        String text = row.bio().isEmpty() ? row.displayName() : row.displayName() + " — " + row.bio();
        return new Summary(
                new ContentRef(ContentKind.PROFILE, row.userId()),
                new UserId(row.userId()),
                ModeratedContent.excerpt(text),
                "/u/" + row.handle(),
                State.of(row.status()));
    }
}
