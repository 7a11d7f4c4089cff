package app.dukkan.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The shop's moderation rules, for the admin API and the console: list, create, change, deactivate
 * and delete, and a test of a text against the active rules. Every change is audited ({@code
 * moderation.rule-created}, {@code …-updated}, {@code …-deleted}) and reaches every instance's
 * rules at once.
 */
public interface ModerationRules {

    /** The longest rule name. */
    int MAX_NAME = 80;

    /** The most terms of a keyword rule. */
    int MAX_TERMS = 50;

    /** The longest term (keyword or pattern). */
    int MAX_TERM = 200;

    /** The longest text the test takes. */
    int MAX_TEST_TEXT = 5_000;

    /** Rule kinds, severities and actions, as written in the API. */
    List<String> KINDS = List.of("keyword", "pattern");

    List<String> SEVERITIES = List.of("low", "medium", "high");

    /** Actions, most severe first. */
    List<String> ACTIONS = List.of("block", "hide", "flag", "censor");

    record Rule(
            UUID id,
            String name,
            String kind,
            List<String> terms,
            String severity,
            String action,
            boolean active,
            Instant createdAt,
            @Nullable String createdBy,
            Instant updatedAt,
            @Nullable String updatedBy) {}

    /** A rule as written: a keyword rule's terms are words or phrases, a pattern rule has one regular expression. */
    record RuleInput(
            @Nullable String name,
            @Nullable String kind,
            @Nullable List<String> terms,
            @Nullable String severity,
            @Nullable String action,
            @Nullable Boolean active) {}

    /**
     * One match of a rule in a text.
     *
     * @param start index of the first character of the match in the text as written
     * @param end index after its last character
     * @param text the matched characters as written
     */
    record Match(UUID ruleId, String rule, String action, String severity, int start, int end, String text) {}

    /**
     * What the active rules make of a text.
     *
     * @param action the resulting action: {@code block}, {@code hide}, {@code flag}, {@code censor} or
     *     {@code none}
     * @param censored the text with the words of censor rules masked
     */
    record TextTest(String action, String censored, List<Match> matches) {}

    /** Every rule, active first, then by name. */
    List<Rule> list();

    Optional<Rule> find(UUID id);

    /** 400 naming the field for invalid input; 409 for a name in use. */
    Rule create(RuleInput input);

    /** Absent fields stay as they are. 404 for an unknown rule. */
    Rule update(UUID id, RuleInput input);

    /** Deletes the rule; the queue keeps its name on entries it matched. 404 for an unknown rule. */
    void delete(UUID id);

    /** The active rules applied to {@code text} (at most {@link #MAX_TEST_TEXT} characters, else 400). */
    TextTest test(String text);
}
