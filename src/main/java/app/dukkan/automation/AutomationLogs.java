package app.dukkan.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The run and step logs of workflows, for the API and the console: newest first, a page at a time.
 * Personal data was redacted before a line was stored; {@code piiRedacted} says whether something
 * was. A cursor names the last line of a page (lines are ordered by their time-ordered ids, which
 * never change), so pages neither skip nor repeat lines while runs write new ones.
 */
public interface AutomationLogs {

    /**
     * Whether a filter may name the time: log ids are time-ordered from 1970 on, and a bound outside
     * 1970 to 9999 would wrap around.
     */
    static boolean filterable(Instant at) {
        return !at.isBefore(Instant.EPOCH) && at.isBefore(Instant.parse("+10000-01-01T00:00:00Z"));
    }

    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 200;

    /** The levels a line has, lowest first. */
    List<String> LEVELS = List.of("debug", "info", "warn", "error");

    /**
     * What to look for; null fields match everything.
     *
     * @param level one of {@link #LEVELS}, in any case
     * @param from inclusive
     * @param to exclusive
     */
    record Query(
            @Nullable UUID workflowId,
            @Nullable UUID runId,
            @Nullable String status,
            @Nullable String level,
            @Nullable Instant from,
            @Nullable Instant to) {

        public static Query all() {
            return new Query(null, null, null, null, null, null);
        }
    }

    /** One line: {@code runId} is null for a line about the workflow, {@code step} for one about a run. */
    record Entry(
            UUID id,
            Instant at,
            UUID workflowId,
            @Nullable UUID runId,
            @Nullable String step,
            String level,
            String status,
            String message,
            Map<String, Object> data,
            boolean piiRedacted) {}

    /** A page of lines, newest first; {@code next} continues after the last one, null at the end. */
    record Page(List<Entry> items, @Nullable String next) {}

    /**
     * Lines matching {@code query}, newest first, at most {@code limit}, after {@code cursor} (a
     * previous page's {@code next}).
     *
     * @throws app.dukkan.platform.ProblemException 400 naming the parameter: an unknown level, a
     *     status longer than 40 characters, {@code to} not after {@code from}, a limit outside 1 to
     *     {@value #MAX_LIMIT}, a cursor this list did not hand out ({@code invalid-cursor})
     */
    Page find(Query query, @Nullable String cursor, int limit);
}
