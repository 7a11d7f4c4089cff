package app.dukkan.admin.moderation;

import app.dukkan.moderation.ModerationRules;
import app.dukkan.moderation.ModerationRules.Rule;
import app.dukkan.moderation.ModerationRules.RuleInput;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A rule's form as typed; the terms one a line. */
record RuleForm(
        @Nullable String name,
        @Nullable String kind,
        @Nullable String terms,
        @Nullable String severity,
        @Nullable String action,
        @Nullable Boolean active) {

    /** The most characters the terms field takes: every term at its longest, one a line. */
    static final int MAX_TERMS_TEXT = ModerationRules.MAX_TERMS * (ModerationRules.MAX_TERM + 1);

    static RuleForm empty() {
        return new RuleForm("", "keyword", "", "medium", "flag", true);
    }

    static RuleForm of(Rule rule) {
        return new RuleForm(
                rule.name(),
                rule.kind(),
                String.join("\n", rule.terms()),
                rule.severity(),
                rule.action(),
                rule.active());
    }

    /** The rule this form describes; terms too long to read count as one term too long. */
    RuleInput input() {
        String text = terms == null ? "" : terms;
        List<String> lines = text.length() > MAX_TERMS_TEXT
                ? List.of(text.substring(0, ModerationRules.MAX_TERM + 1))
                : Arrays.stream(text.split("\\R"))
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList();
        return new RuleInput(name, kind, lines, severity, action, Boolean.TRUE.equals(active));
    }
}
