package app.dukkan.moderation.queue;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserAdministration;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.AuthorWarned;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModerationQueue;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ModerationQueueService implements ModerationQueue {

    private final QueueRepository queue;
    private final ContentDirectory contents;
    private final UserAdministration users;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ModerationQueueService(
            QueueRepository queue,
            ContentDirectory contents,
            UserAdministration users,
            CurrentUser currentUser,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.queue = queue;
        this.contents = contents;
        this.users = users;
        this.currentUser = currentUser;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Page find(@Nullable String state, @Nullable String kind, @Nullable String cursor, int limit) {
        requireAdmin();
        String inState = state == null || state.isBlank() ? "open" : state;
        if (!STATES.contains(inState)) {
            throw ProblemException.invalid("state", "one of " + String.join(", ", STATES));
        }
        String ofKind = kind == null || kind.isBlank() ? null : kind;
        if (ofKind != null && kind(ofKind).isEmpty()) {
            throw ProblemException.invalid("kind", "one of post, comment, review, profile");
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("limit", "1 to " + MAX_PAGE_SIZE);
        }
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.parse(cursor);
        List<Entry> found = queue.page(
                inState, ofKind, after == null ? null : after.at(), after == null ? null : after.id(), limit);
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        Entry last = found.get(limit - 1);
        return new Page(found.subList(0, limit), new Cursor(last.updatedAt(), last.id()).encode());
    }

    @Override
    public Optional<Entry> entry(UUID id) {
        requireAdmin();
        return queue.find(id);
    }

    @Override
    @Transactional
    public Entry act(UUID entryId, String action, String reason) {
        AuthenticatedUser operator = requireAdmin();
        String why = reason == null ? "" : reason.strip();
        if (!ACTIONS.contains(action)) {
            throw ProblemException.invalid("action", "one of " + String.join(", ", ACTIONS));
        }
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "required, at most " + MAX_REASON + " characters");
        }
        ContentRef item = queue.find(entryId)
                .map(found -> new ContentRef(kind(found.kind()).orElseThrow(), found.itemId()))
                .orElseThrow(() -> ProblemException.notFound("queue entry", entryId));
        // the item before its entry, as its author's changes lock them
        contents.find(item.kind()).ifPresent(content -> content.lock(item.id()));
        Entry entry = queue.lock(entryId).orElseThrow();
        if (entry.state().equals("resolved")) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "entry-resolved",
                    "Already resolved",
                    "This entry was resolved already (" + entry.resolution() + ")",
                    List.of());
        }
        UserId author = new UserId(entry.authorId());
        Instant now = clock.instant();
        UUID by = operator.id().value();
        switch (action) {
            case "restore" -> {
                contents.get(item.kind()).restore(item.id());
                queue.resolve(entryId, "restored", false, by, now);
            }
            case "remove" -> {
                contents.get(item.kind()).remove(item.id());
                queue.resolve(entryId, "removed", entry.hidden(), by, now);
            }
            case "warn" -> {
                queue.warning(Ids.newId(clock), author.value(), entryId, why, by, now);
                events.publishEvent(new AuthorWarned(author, item, why));
                queue.resolve(entryId, "warned", entry.hidden(), by, now);
            }
            default -> {
                users.disable(author, why);
                queue.resolve(entryId, "author-disabled", entry.hidden(), by, now);
            }
        }
        String resolution = action.equals("disable-author") ? "author-disabled" : past(action);
        audit.record(
                "moderation." + resolution,
                "moderation-entry",
                entryId.toString(),
                why,
                Map.of("kind", entry.kind(), "item", entry.itemId().toString(), "author", author.toString()));
        return queue.find(entryId).orElseThrow();
    }

    private static String past(String action) {
        return switch (action) {
            case "restore" -> "restored";
            case "remove" -> "removed";
            default -> "warned";
        };
    }

    static Optional<ContentKind> kind(String code) {
        for (ContentKind kind : ContentKind.values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private AuthenticatedUser requireAdmin() {
        AuthenticatedUser user = currentUser.require();
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only admins moderate content");
        }
        return user;
    }

    /** A position in the queue: the last entry's change time and id, base64url. */
    record Cursor(Instant at, UUID id) {

        private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

        String encode() {
            String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                if (cursor.length() > 100) {
                    throw new IllegalArgumentException();
                }
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = raw.split("\\.", 3);
                if (parts.length != 3) {
                    throw new IllegalArgumentException();
                }
                Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(at, UUID.fromString(parts[2].toLowerCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "not a cursor of this queue");
            }
        }
    }
}
