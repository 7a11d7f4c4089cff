package app.dukkan.moderation.rules;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.ModerationRules.Match;
import app.dukkan.moderation.ModerationRules.Rule;
import app.dukkan.moderation.Screening;
import app.dukkan.moderation.queue.Flagging;
import app.dukkan.moderation.queue.QueueClosing;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Screens content against the shop's rules (ADR 0029) and puts what they flag or hide into the queue. */
@Service
class RuleModeration implements Moderation {

    /** The longest piece of the matched text a refusal quotes. */
    private static final int QUOTE = 40;

    private final RuleBook rules;
    private final Flagging flagging;
    private final QueueClosing closing;

    RuleModeration(RuleBook rules, Flagging flagging, QueueClosing closing) {
        this.rules = rules;
        this.flagging = flagging;
        this.closing = closing;
    }

    @Override
    public Screening screen(ContentRef item, UserId author, List<String> texts) {
        RuleSet.Outcome outcome = rules.active().apply(texts);
        List<String> names = outcome.rules().stream().map(Rule::name).toList();
        switch (outcome.action()) {
            case "block" -> throw refused(outcome.matches());
            case "hide", "flag" -> {
                boolean hidden = outcome.action().equals("hide");
                flagging.flag(item, author, outcome.texts(), names, hidden);
                return new Screening(outcome.texts(), hidden, true, names);
            }
            default -> {
                flagging.changed(item);
                return new Screening(outcome.texts(), false, false, names);
            }
        }
    }

    @Override
    public void forget(Collection<ContentRef> items) {
        closing.forget(items);
    }

    private static ProblemException refused(List<Match> matches) {
        Match first = matches.stream()
                .filter(match -> match.action().equals("block"))
                .findFirst()
                .orElseThrow();
        String quoted = TextInput.abbreviate(first.text(), QUOTE + 1);
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "content-refused",
                "Content refused",
                "Your text contains words this shop does not allow (\"" + quoted + "\"). Change them and try again.",
                List.of(new ProblemException.FieldProblem(
                        "text", "contains words this shop does not allow: " + quoted)));
    }
}
