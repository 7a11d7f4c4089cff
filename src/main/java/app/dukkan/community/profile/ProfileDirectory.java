package app.dukkan.community.profile;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.Screening;
import app.dukkan.platform.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Profiles as the rest of the community shows them (authors of posts, comments and reviews). A
 * user's profile is made on first use, with a handle taken from the account's name or email that
 * the insert itself claims, so two first uses at once cannot collide. The name is screened by
 * moderation like every later change (a name a blocking rule refuses is replaced by the handle).
 */
@Component
public class ProfileDirectory {

    /**
     * How a person appears next to what they wrote; a profile hidden or removed by moderation
     * appears as its handle, without name or avatar.
     */
    public record Author(
            UserId id,
            String handle,
            String displayName,
            @Nullable String avatarUrl) {}

    private static final int MAX_HANDLE = 30;
    private static final int MAX_NAME = 100;
    /** An author's columns: a profile hidden or removed by moderation shows its handle alone. */
    private static final String AUTHOR = "user_id, handle,"
            + " case when status = 'visible' then display_name else handle end as display_name,"
            + " case when status = 'visible' then avatar_url end as avatar_url";

    private static final Pattern HANDLE = Pattern.compile("^[a-z0-9_]{3,30}$");

    /** Handles nobody may take: the shop's own words and paths, and names that would pose as the shop. */
    private static final Set<String> RESERVED = Set.of(
            "about",
            "account",
            "admin",
            "administrator",
            "api",
            "assets",
            "cart",
            "checkout",
            "community",
            "dukkan",
            "explore",
            "feed",
            "files",
            "help",
            "login",
            "logout",
            "me",
            "member",
            "moderation",
            "moderator",
            "notifications",
            "null",
            "official",
            "posts",
            "privacy",
            "products",
            "profile",
            "root",
            "search",
            "security",
            "seller",
            "settings",
            "shop",
            "signup",
            "staff",
            "support",
            "system",
            "team",
            "undefined",
            "user",
            "users",
            "www");

    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final Moderation moderation;
    private final Clock clock;
    private final TransactionTemplate transaction;

    ProfileDirectory(
            JdbcClient jdbc,
            AccountDirectory accounts,
            Moderation moderation,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.moderation = moderation;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The user's profile, made now if the user has none. */
    public Author ensure(UserId user) {
        Optional<Author> existing = find(user);
        if (existing.isPresent()) {
            return existing.get();
        }
        AccountSummary account = accounts.find(user).orElseThrow(() -> ProblemException.notFound("user", user.value()));
        String name = account.displayName().strip();
        List<String> candidates = handleCandidates(name, account.email());
        return Objects.requireNonNull(transaction.execute(status -> create(user, name, candidates)));
    }

    private Author create(UserId user, String name, List<String> candidates) {
        String displayName = name.isEmpty() ? candidates.get(0) : name.substring(0, Math.min(name.length(), MAX_NAME));
        boolean hidden = false;
        try {
            Screening screening = moderation.screen(
                    new ContentRef(ContentKind.PROFILE, user.value()), user, List.of(displayName, ""));
            displayName = screening.text();
            hidden = screening.hidden();
        } catch (ProblemException refused) {
            displayName = candidates.get(0);
        }
        Timestamp now = Timestamp.from(clock.instant());
        Iterator<String> handles = Stream.concat(
                        candidates.stream(), Stream.generate(() -> longSuffixed(candidates.get(0))))
                .iterator();
        while (true) {
            int inserted = jdbc.sql("""
                            insert into community_profiles (user_id, handle, display_name, status, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict do nothing
                            """)
                    .params(user.value(), handles.next(), displayName, hidden ? "hidden" : "visible", now, now)
                    .update();
            // made now, taken by someone else, or this user's profile was made meanwhile: look again
            Optional<Author> existing = find(user);
            if (inserted == 1 || existing.isPresent()) {
                return existing.orElseThrow();
            }
        }
    }

    /**
     * Members choose their handles freely, so all the short forms of a name may be taken: then the
     * name with ten random digits, of which a clash is as good as impossible.
     */
    private static String longSuffixed(String base) {
        return base.substring(0, Math.min(base.length(), MAX_HANDLE - 11)) + "_"
                + ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L);
    }

    public Optional<Author> find(UserId user) {
        return jdbc.sql("select " + AUTHOR + " from community_profiles where user_id = ?")
                .param(user.value())
                .query(ProfileDirectory::author)
                .optional();
    }

    public Optional<Author> byHandle(String handle) {
        return jdbc.sql("select " + AUTHOR + " from community_profiles where handle = ?")
                .param(handle.toLowerCase(Locale.ROOT))
                .query(ProfileDirectory::author)
                .optional();
    }

    /**
     * The profile with the handle as the viewer (null: a stranger) may find it: one moderation
     * removed only for its owner, as {@link app.dukkan.community.Profiles#profile} finds it.
     */
    public Optional<Author> byHandle(String handle, @Nullable UserId viewer) {
        return jdbc.sql("select " + AUTHOR
                        + " from community_profiles where handle = ? and (status <> 'removed' or user_id = ?)")
                .params(handle.toLowerCase(Locale.ROOT), viewer == null ? null : viewer.value())
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
        jdbc.sql("select " + AUTHOR + " from community_profiles where user_id = any(?)")
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
        // "erased" too: its numbered variants (erased_1234) would take the erased handles' prefix
        if (base.length() < 3 || reserved(base) || reserved(base + "_")) {
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

    /** Whether the handle has the form handles have (lower case). */
    static boolean wellFormed(String handle) {
        return HANDLE.matcher(handle).matches();
    }

    /** Whether the handle is one of the shop's own words. */
    /** The handles of erased members begin so: no member may take one (it would block an erasure). */
    static final String ERASED_PREFIX = "erased_";

    static boolean reserved(String handle) {
        return RESERVED.contains(handle) || handle.startsWith(ERASED_PREFIX);
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
