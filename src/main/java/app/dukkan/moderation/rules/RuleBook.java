package app.dukkan.moderation.rules;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.moderation.ModerationRules;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ClusterNotifications;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rules: kept compiled in memory on every instance and read again when any instance changes
 * them (a notification on {@value #CHANNEL} after the change commits).
 */
@Service
public class RuleBook implements ModerationRules {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
    static final String CHANNEL = "moderation_rules_changed";

    private final RuleRepository repository;
    private final ClusterNotifications notifications;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock;
    private volatile RuleSet active = RuleSet.EMPTY;

    RuleBook(
            RuleRepository repository,
            ClusterNotifications notifications,
            AuditLog audit,
            CurrentUser currentUser,
            Clock clock) {
        this.repository = repository;
        this.notifications = notifications;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
        reload();
        notifications.subscribe(CHANNEL, payload -> reload());
        notifications.onMissed(this::reload);
    }

    /** The active rules as compiled now. */
    RuleSet active() {
        return active;
    }

    private void reload() {
        try {
            active = new RuleSet(repository.all());
        } catch (RuntimeException e) {
            log.warn("Could not read the moderation rules; keeping the last known ones: {}", e.toString());
        }
    }

    @Override
    public List<Rule> list() {
        return repository.all();
    }

    @Override
    public Optional<Rule> find(UUID id) {
        return repository.find(id);
    }

    @Override
    @Transactional
    public Rule create(RuleInput input) {
        Instant now = clock.instant();
        String by = operator();
        Rule rule = valid(new Rule(
                Ids.newId(clock),
                required(input.name(), "name"),
                required(input.kind(), "kind"),
                input.terms() == null ? List.of() : input.terms(),
                required(input.severity(), "severity"),
                required(input.action(), "action"),
                input.active() == null || input.active(),
                now,
                by,
                now,
                by));
        try {
            repository.insert(rule);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("name", "a rule with this name exists");
        }
        audit.record("moderation.rule-created", "moderation-rule", rule.id().toString(), null, details(rule));
        changed();
        return rule;
    }

    @Override
    @Transactional
    public Rule update(UUID id, RuleInput input) {
        Rule old = repository.find(id).orElseThrow(() -> ProblemException.notFound("rule", id));
        Rule rule = valid(new Rule(
                id,
                input.name() == null ? old.name() : input.name(),
                input.kind() == null ? old.kind() : input.kind(),
                input.terms() == null ? old.terms() : input.terms(),
                input.severity() == null ? old.severity() : input.severity(),
                input.action() == null ? old.action() : input.action(),
                input.active() == null ? old.active() : input.active(),
                old.createdAt(),
                old.createdBy(),
                clock.instant(),
                operator()));
        try {
            repository.update(rule);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("name", "a rule with this name exists");
        }
        audit.record("moderation.rule-updated", "moderation-rule", id.toString(), null, details(rule));
        changed();
        return rule;
    }

    @Override
    @Transactional
    public void delete(UUID id) {
        Rule rule = repository.find(id).orElseThrow(() -> ProblemException.notFound("rule", id));
        repository.delete(id);
        audit.record("moderation.rule-deleted", "moderation-rule", id.toString(), null, details(rule));
        changed();
    }

    @Override
    public TextTest test(String text) {
        if (text.length() > MAX_TEST_TEXT) {
            throw ProblemException.invalid("text", "at most " + MAX_TEST_TEXT + " characters");
        }
        RuleSet.Outcome outcome = active.apply(List.of(text));
        return new TextTest(outcome.action(), outcome.texts().get(0), outcome.matches());
    }

    /** Every instance reads the rules again once this change commits; this one at once. */
    private void changed() {
        notifications.publish(CHANNEL, "changed");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reload();
                }
            });
        }
    }

    private @Nullable String operator() {
        return currentUser.get().map(AuthenticatedUser::email).orElse(null);
    }

    private static Map<String, Object> details(Rule rule) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", rule.name());
        details.put("kind", rule.kind());
        details.put("action", rule.action());
        details.put("severity", rule.severity());
        details.put("active", rule.active());
        return details;
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "required");
        }
        return value;
    }

    /** The rule with its texts trimmed, or 400 naming the first field that is wrong. */
    private static Rule valid(Rule rule) {
        String name = rule.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ProblemException.invalid("name", "1 to " + MAX_NAME + " characters");
        }
        if (!KINDS.contains(rule.kind())) {
            throw ProblemException.invalid("kind", "one of " + String.join(", ", KINDS));
        }
        if (!SEVERITIES.contains(rule.severity())) {
            throw ProblemException.invalid("severity", "one of " + String.join(", ", SEVERITIES));
        }
        if (!ACTIONS.contains(rule.action())) {
            throw ProblemException.invalid("action", "one of " + String.join(", ", ACTIONS));
        }
        boolean pattern = rule.kind().equals("pattern");
        int most = pattern ? 1 : MAX_TERMS;
        if (rule.terms().isEmpty() || rule.terms().size() > most) {
            throw ProblemException.invalid(
                    "terms", pattern ? "a pattern rule has one expression" : "1 to " + MAX_TERMS + " terms");
        }
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < rule.terms().size(); i++) {
            String field = "terms[" + i + "]";
            String term = rule.terms().get(i) == null ? "" : rule.terms().get(i).strip();
            if (term.isEmpty() || term.length() > MAX_TERM) {
                throw ProblemException.invalid(field, "1 to " + MAX_TERM + " characters");
            }
            if (pattern) {
                checkPattern(term, field);
            } else if (RuleSet.keyword(term).isEmpty()) {
                throw ProblemException.invalid(field, "has no letters or digits to match");
            }
            if (!terms.contains(term)) {
                terms.add(term);
            }
        }
        return new Rule(
                rule.id(),
                name,
                rule.kind(),
                List.copyOf(terms),
                rule.severity(),
                rule.action(),
                rule.active(),
                rule.createdAt(),
                rule.createdBy(),
                rule.updatedAt(),
                rule.updatedBy());
    }

    /** Counted repetitions ({@code {n}}, {@code {n,m}}) of a pattern: each is compiled out, so they are bounded. */
    private static final java.util.regex.Pattern REPEAT = java.util.regex.Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");

    static final int MAX_REPEAT = 20;

    static final int MAX_REPEATS = 3;

    private static void checkPattern(String expression, String field) {
        java.util.regex.Matcher repeats = REPEAT.matcher(expression);
        int count = 0;
        while (repeats.find()) {
            count++;
            for (int group = 1; group <= 2; group++) {
                String number = repeats.group(group);
                if (number != null
                        && !number.isEmpty()
                        && (number.length() > 3 || Integer.parseInt(number) > MAX_REPEAT)) {
                    throw ProblemException.invalid(field, "repetition counts above " + MAX_REPEAT + " are not allowed");
                }
            }
        }
        if (count > MAX_REPEATS) {
            throw ProblemException.invalid(field, "at most " + MAX_REPEATS + " counted repetitions");
        }
        try {
            RuleSet.pattern(expression);
            if (Pattern.compile(expression).matches("")) {
                throw ProblemException.invalid(field, "matches empty text; it must match at least one character");
            }
        } catch (PatternSyntaxException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "Invalid input",
                    field + ": not an RE2 expression (" + e.getDescription() + ")",
                    List.of(new ProblemException.FieldProblem(field, "not an RE2 expression: " + e.getDescription())));
        }
    }
}
