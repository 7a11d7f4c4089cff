package app.dukkan.community.profile;

import app.dukkan.platform.Pictures;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The member's profile, follows, blocks, in-app notifications and the mentions of them. An
 * erasure deletes the avatar's files, follows (the others' counts follow), blocks, the notifications
 * to and from the member, turns {@code @handle} in others' posts and comments that mention them into
 * {@code @erased}, and leaves the profile as an anonymous, removed tombstone (so content kept by
 * {@link ErasureMode#ANONYMISE} still has an author row).
 */
@Component
class ProfilePersonalData implements PersonalData {

    private final ProfileRepository profiles;
    private final Pictures pictures;
    private final JdbcClient jdbc;
    private final ExportRows rows;
    private final Clock clock;

    ProfilePersonalData(ProfileRepository profiles, Pictures pictures, JdbcClient jdbc, ExportRows rows, Clock clock) {
        this.profiles = profiles;
        this.pictures = pictures;
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public String part() {
        return "community-profile";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.userId() == null) {
            return Map.of();
        }
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", rows.rows("""
                select handle, display_name, bio, status, avatar_url, follower_count, following_count, created_at
                from community_profiles where user_id = :user""", params));
        out.put("following", rows.rows("""
                select p.handle, f.created_at from community_follows f
                join community_profiles p on p.user_id = f.followed_id
                where f.follower_id = :user order by f.created_at""", params));
        out.put("followers", rows.rows("""
                select p.handle, f.created_at from community_follows f
                join community_profiles p on p.user_id = f.follower_id
                where f.followed_id = :user order by f.created_at""", params));
        out.put("blocked", rows.rows("""
                select p.handle, b.created_at from community_blocks b
                join community_profiles p on p.user_id = b.blocked_id
                where b.blocker_id = :user order by b.created_at""", params));
        out.put("notifications", rows.rows("""
                select kind, post_id, comment_id, created_at, read_at from community_notifications
                where recipient_id = :user order by created_at, id""", params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        UUID user = subject.userId();
        if (user == null) {
            return;
        }
        Optional<ProfileRepository.ProfileRow> found = profiles.find(user);
        if (found.isEmpty()) {
            return;
        }
        ProfileRepository.ProfileRow profile = found.get();
        // mentions first: the notifications and the handle that find them go next (cut at the
        // columns' limits: '@erased' is longer than a short handle)
        String mention = "(?<![a-z0-9_])@" + profile.handle() + "(?![a-z0-9_])";
        Map<String, Object> mentions = Map.of("user", user, "mention", mention);
        jdbc.sql("""
                        update community_posts set text = left(regexp_replace(text, :mention, '@erased', 'gi'), 2000)
                        where id in (select post_id from community_notifications
                                     where recipient_id = :user and kind = 'mentioned' and comment_id is null)""").params(mentions).update();
        jdbc.sql("""
                        update community_comments set text = left(regexp_replace(text, :mention, '@erased', 'gi'), 1000)
                        where id in (select comment_id from community_notifications
                                     where recipient_id = :user and kind = 'mentioned' and comment_id is not null)""").params(mentions).update();
        // earlier versions of posts that mention them (a post's history is public; an edit notifies
        // no one, so they are found by their text, through V70's trigram index)
        jdbc.sql("""
                        update community_post_edits set text = left(regexp_replace(text, :mention, '@erased', 'gi'), 2000)
                        where lower(text) like :like and text ~* :mention""")
                .params(mentions)
                .param("like", "%@" + profile.handle() + "%")
                .update();
        jdbc.sql("delete from community_notifications where recipient_id = ? or actor_id = ?")
                .params(user, user)
                .update();
        jdbc.sql("""
                        update community_profiles p set follower_count = greatest(p.follower_count - 1, 0)
                        from community_follows f where f.follower_id = ? and p.user_id = f.followed_id""").param(user).update();
        jdbc.sql("""
                        update community_profiles p set following_count = greatest(p.following_count - 1, 0)
                        from community_follows f where f.followed_id = ? and p.user_id = f.follower_id""").param(user).update();
        jdbc.sql("delete from community_follows where follower_id = ? or followed_id = ?")
                .params(user, user)
                .update();
        jdbc.sql("delete from community_blocks where blocker_id = ? or blocked_id = ?")
                .params(user, user)
                .update();
        Instant now = clock.instant();
        profiles.updateAvatar(user, null, now);
        if (profile.avatarHash() != null) {
            pictures.deleteUnused(profile.avatarHash(), profile.renditions(), profiles::avatarInUse);
        }
        jdbc.sql("""
                        update community_profiles
                        set handle = :handle, display_name = 'Erased', bio = '', status = 'removed',
                            follower_count = 0, following_count = 0, updated_at = :now
                        where user_id = :user""")
                .param("handle", erasedHandle(user, profiles::handleTaken))
                .param("now", Timestamp.from(now))
                .param("user", user)
                .update();
    }

    /**
     * Unique like a handle ({@code ^[a-z0-9_]{3,30}$}), saying nothing about the member: from the
     * member's id, or random when another member holds that one (taken before the prefix was
     * reserved), so that an erasure never fails on it.
     */
    static String erasedHandle(UUID user, BiPredicate<String, UUID> takenByAnother) {
        String handle = ProfileDirectory.ERASED_PREFIX
                + user.toString().replace("-", "").substring(0, 20);
        while (takenByAnother.test(handle, user)) {
            handle = ProfileDirectory.ERASED_PREFIX
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 23);
        }
        return handle;
    }
}
