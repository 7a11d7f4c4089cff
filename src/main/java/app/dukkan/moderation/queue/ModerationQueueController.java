package app.dukkan.moderation.queue;

import app.dukkan.moderation.ModerationQueue;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/moderation")
@Tag(
        name = "Admin: moderation queue",
        description = "Flagged and reported content and what operators do with it; admins only")
class ModerationQueueController {

    record ActionRequest(@NotBlank @Size(max = 500) String reason) {}

    private final ModerationQueue queue;

    ModerationQueueController(ModerationQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/queue")
    @Operation(
            summary = "The moderation queue",
            description = "Entries most recently changed first, with their reports, the rules that matched, an"
                    + " excerpt, the item's path in the shop and its author. `state` open (default) or resolved,"
                    + " `kind` post, comment, review or profile, `cursor` from the previous page's `next` (400 when"
                    + " it is not one), `limit` 1 to 50.")
    ModerationQueue.Page queue(
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "25") int limit) {
        return queue.find(state, kind, cursor, limit);
    }

    @GetMapping("/items/{entryId}")
    @Operation(summary = "One queue entry")
    ModerationQueue.Entry entry(@PathVariable UUID entryId) {
        return queue.entry(entryId).orElseThrow(() -> ProblemException.notFound("queue entry", entryId));
    }

    @PostMapping("/items/{entryId}/restore")
    @Operation(
            summary = "Restore the item",
            description = "Shows it again and resolves the entry; audited as `moderation.restored`. 409"
                    + " `entry-resolved` for a resolved entry.")
    ModerationQueue.Entry restore(@PathVariable UUID entryId, @Valid @RequestBody ActionRequest request) {
        return queue.act(entryId, "restore", request.reason());
    }

    @PostMapping("/items/{entryId}/remove")
    @Operation(
            summary = "Remove the item",
            description =
                    "Deletes it from every page and feed and resolves the entry; audited as" + " `moderation.removed`.")
    ModerationQueue.Entry remove(@PathVariable UUID entryId, @Valid @RequestBody ActionRequest request) {
        return queue.act(entryId, "remove", request.reason());
    }

    @PostMapping("/items/{entryId}/warn")
    @Operation(
            summary = "Warn the author",
            description = "Records a warning, publishes `AuthorWarned` (the author is notified) and resolves the"
                    + " entry; audited as `moderation.warned`.")
    ModerationQueue.Entry warn(@PathVariable UUID entryId, @Valid @RequestBody ActionRequest request) {
        return queue.act(entryId, "warn", request.reason());
    }

    @PostMapping("/items/{entryId}/disable-author")
    @Operation(
            summary = "Disable the author's account",
            description = "The account can no longer sign in and every session ends; audited as"
                    + " `moderation.author-disabled` (and `user.disabled`). 409 when the account is disabled already"
                    + " or is the caller's own.")
    ModerationQueue.Entry disableAuthor(@PathVariable UUID entryId, @Valid @RequestBody ActionRequest request) {
        return queue.act(entryId, "disable-author", request.reason());
    }
}
