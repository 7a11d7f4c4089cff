package app.dukkan.moderation.rules;

import app.dukkan.identity.CurrentUser;
import app.dukkan.moderation.ModerationRules;
import app.dukkan.moderation.ModerationRules.Rule;
import app.dukkan.moderation.ModerationRules.RuleInput;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/moderation/rules")
@Tag(
        name = "Admin: moderation rules",
        description = "Keyword and pattern rules screening what people write; admins only")
class RuleAdminController {

    record RuleList(List<Rule> items) {}

    record RuleRequest(
            @Nullable @Size(max = 200) String name,
            @Nullable @Size(max = 20) String kind,
            @Nullable @Size(max = 60) List<@Size(max = 400) String> terms,
            @Nullable @Size(max = 20) String severity,
            @Nullable @Size(max = 20) String action,
            @Nullable Boolean active) {

        RuleInput input() {
            return new RuleInput(name, kind, terms, severity, action, active);
        }
    }

    record TestRequest(
            @NotNull @Size(max = ModerationRules.MAX_TEST_TEXT)
            String text) {}

    private static final String RULE = "`kind` keyword (`terms`: 1 to 50 words or phrases, matched as whole words after"
            + " normalization: case, NFKC, Arabic letter forms and diacritics, invisible characters, look-alike"
            + " digits, spaced-out letters) or pattern (`terms`: one RE2 expression run over the normalized text,"
            + " matching whole words; backreferences and look-around are refused). `severity` low, medium or high;"
            + " `action` flag (queue, content stays), hide (hidden until reviewed), block (refused at submit) or"
            + " censor (matched words masked). Every instance uses the change at once.";

    private final ModerationRules rules;
    private final CurrentUser currentUser;

    RuleAdminController(ModerationRules rules, CurrentUser currentUser) {
        this.rules = rules;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(summary = "Every rule, active first")
    RuleList list() {
        requireAdmin();
        return new RuleList(rules.list());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a rule",
            description = RULE + " 400 naming the field for invalid input, 409 for a name in use. Audited as"
                    + " `moderation.rule-created`.")
    Rule create(@Valid @RequestBody RuleRequest request) {
        requireAdmin();
        return rules.create(request.input());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One rule")
    Rule get(@PathVariable UUID id) {
        requireAdmin();
        return rules.find(id).orElseThrow(() -> ProblemException.notFound("rule", id));
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Change a rule",
            description = "Absent fields stay as they are; `active: false` deactivates it. " + RULE
                    + " Audited as `moderation.rule-updated`.")
    Rule update(@PathVariable UUID id, @Valid @RequestBody RuleRequest request) {
        requireAdmin();
        return rules.update(id, request.input());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a rule", description = "Audited as `moderation.rule-deleted`.")
    void delete(@PathVariable UUID id) {
        requireAdmin();
        rules.delete(id);
    }

    @PostMapping("/test")
    @Operation(
            summary = "Test a text against the active rules",
            description = "`text` up to 5,000 characters. Answers the resulting action (block, hide, flag, censor"
                    + " or none), the text with censored words masked, and each match: the rule, where it is in the"
                    + " text as written (`start`, `end`) and the matched characters. Changes nothing.")
    ModerationRules.TextTest test(@Valid @RequestBody TestRequest request) {
        requireAdmin();
        return rules.test(request.text());
    }

    private void requireAdmin() {
        if (!currentUser.require().isAdmin()) {
            throw ProblemException.forbidden("Only admins manage moderation rules");
        }
    }
}
