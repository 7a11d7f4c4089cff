package app.dukkan.community.profile;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Profiles as the rest of the community shows them (authors of posts, comments and reviews). A
 * user's profile is made on first use, with a handle taken from the account's name or email that
 * the insert itself claims, so two first uses at once cannot collide.
 */
@Component
public class ProfileDirectory {

    /** How a person appears next to what they wrote. */
    public record Author(
            UserId id,
            String handle,
            String displayName,
            @Nullable String avatarUrl) {}

    private static final int MAX_HANDLE = 30;

    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final Clock clock;

    ProfileDirectory(JdbcClient jdbc, AccountDirectory accounts, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The user's profile, made now if the user has none. */
    public Author ensure(UserId user) {
        Optional<Author> existing = find(user);
        if (existing.isPresent()) {
            return existing.get();
        }
        AccountSummary account = accounts.find(user).orElseThrow(() -> ProblemException.notFound("user", user.value()));
        String name = account.displayName().strip();
        for (String handle : handleCandidates(name, account.email())) {
            int inserted = jdbc.sql("""
                            insert into community_profiles (user_id, handle, display_name, created_at, updated_at)
                            values (?, ?, ?, ?, ?)
                            on conflict do nothing
                            """)
                    .params(
                            user.value(),
                            handle,
                            name.isEmpty() ? handle : name,
                            Timestamp.from(clock.instant()),
                            Timestamp.from(clock.instant()))
                    .update();
            if (inserted == 1) {
                break;
            }
            // taken by someone else, or this user's profile was made meanwhile: look again
            existing = find(user);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        return find(user).orElseThrow(() -> new IllegalStateException("No free handle for " + user));
    }

    public Optional<Author> find(UserId user) {
        return jdbc.sql("select user_id, handle, display_name, avatar_url from community_profiles where user_id = ?")
                .param(user.value())
                .query(ProfileDirectory::author)
                .optional();
    }

    public Optional<Author> byHandle(String handle) {
        return jdbc.sql("select user_id, handle, display_name, avatar_url from community_profiles where handle = ?")
                .param(handle.toLowerCase(Locale.ROOT))
                .query(ProfileDirectory::author)
                .optional();
    }

    /** The authors of many items in one query; users without a profile are left out. */
    public Map<UserId, Author> authors(Collection<UserId> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        UUID[] ids = users.stream().map(UserId::value).distinct().toArray(UUID[]::new);
        Map<UserId, Author> found = new LinkedHashMap<>();
        jdbc.sql("select user_id, handle, display_name, avatar_url from community_profiles where user_id = any(?)")
                .param(ids)
                .query(ProfileDirectory::author)
                .list()
                .forEach(author -> found.put(author.id(), author));
        return found;
    }

    /** The name's letters and digits, else the email's local part, else "member"; then numbered variants. */
    static List<String> handleCandidates(String displayName, String email) {
        String base = handleOf(displayName);
        if (base.length() < 3) {
            base = handleOf(email.substring(0, Math.max(0, email.indexOf('@'))));
        }
        if (base.length() < 3) {
            base = "member";
        }
        base = base.substring(0, Math.min(base.length(), MAX_HANDLE - 5));
        List<String> candidates = new ArrayList<>();
        candidates.add(base);
        for (int i = 2; i <= 9; i++) {
            candidates.add(base + i);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 20; i++) {
            candidates.add(base + "_" + random.nextInt(1000, 10000));
        }
        return candidates;
    }

    private static String handleOf(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return ascii.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    private static Author author(ResultSet rs, int row) throws SQLException {
        return new Author(
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("handle"),
                rs.getString("display_name"),
                rs.getString("avatar_url"));
    }
}
