package app.dukkan.moderation.rules;

import app.dukkan.moderation.ModerationRules;
import app.dukkan.moderation.ModerationRules.Match;
import app.dukkan.moderation.ModerationRules.Rule;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The active rules, compiled: keyword terms in their normalized spelling, patterns as RE2
 * expressions (linear time in the text, whatever the pattern: ADR 0029). Immutable; a change of
 * the rules builds a new one.
 */
final class RuleSet {

    static final RuleSet EMPTY = new RuleSet(List.of());

    private record Compiled(Rule rule, List<String> keywords, List<Pattern> patterns) {}

    /** A rule's match in a normalized text: {@code [from, to)} of its canonical words. */
    record Found(Rule rule, int from, int to) {}

    /** What a set of texts came to. */
    record Outcome(String action, List<String> texts, List<Rule> rules, List<Match> matches) {}

    private final List<Compiled> rules;

    RuleSet(List<Rule> active) {
        this.rules = active.stream()
                .filter(Rule::active)
                .sorted(Comparator.comparingInt((Rule r) -> ModerationRules.ACTIONS.indexOf(r.action()))
                        .thenComparing(r -> -ModerationRules.SEVERITIES.indexOf(r.severity()))
                        .thenComparing(Rule::name))
                .map(RuleSet::compile)
                .toList();
    }

    private static Compiled compile(Rule rule) {
        if (rule.kind().equals("pattern")) {
            return new Compiled(
                    rule, List.of(), rule.terms().stream().map(RuleSet::pattern).toList());
        }
        return new Compiled(
                rule,
                rule.terms().stream()
                        .map(term -> NormalizedText.of(term).text())
                        .filter(term -> !term.isEmpty())
                        .toList(),
                List.of());
    }

    /**
     * A pattern as the rules run it: case-insensitive over the canonical words, and only where a
     * whole word (or words) match; RE2 refuses what it cannot run in linear time (backreferences,
     * look-around).
     *
     * @throws PatternSyntaxException for an expression RE2 does not accept
     */
    static Pattern pattern(String expression) {
        return Pattern.compile("(?:^| )(" + expression + ")(?: |$)", Pattern.CASE_INSENSITIVE);
    }

    /** The normalized spelling of a keyword term; empty when nothing of it is a word. */
    static String keyword(String term) {
        return NormalizedText.of(term).text();
    }

    List<Found> find(NormalizedText text) {
        List<Found> found = new ArrayList<>();
        String words = text.text();
        for (Compiled compiled : rules) {
            for (String keyword : compiled.keywords()) {
                int at = words.indexOf(keyword);
                while (at >= 0) {
                    int end = at + keyword.length();
                    if (text.startsWord(at) && text.endsWord(end)) {
                        found.add(new Found(compiled.rule(), at, end));
                    }
                    at = words.indexOf(keyword, at + 1);
                }
            }
            for (Pattern pattern : compiled.patterns()) {
                Matcher matcher = pattern.matcher(words);
                int from = 0;
                while (from <= words.length() && matcher.find(from)) {
                    if (matcher.end(1) > matcher.start(1)) {
                        found.add(new Found(compiled.rule(), matcher.start(1), matcher.end(1)));
                    }
                    // the next match may begin with the space after this one
                    from = Math.max(matcher.end(1), matcher.start() + 1);
                }
            }
        }
        return found;
    }

    /** Applies the rules to texts: the most severe action, the texts with censored words masked, the rules that matched. */
    Outcome apply(List<String> texts) {
        List<String> out = new ArrayList<>(texts.size());
        List<Rule> matched = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        String action = "none";
        for (String original : texts) {
            NormalizedText text = NormalizedText.of(original);
            BitSet masked = new BitSet();
            for (Found found : find(text)) {
                Rule rule = found.rule();
                if (!matched.contains(rule)) {
                    matched.add(rule);
                }
                if (rule.action().equals("censor")) {
                    text.mark(found.from(), found.to(), masked);
                }
                int start = text.originalStart(found.from(), found.to());
                int end = text.originalEnd(found.from(), found.to());
                matches.add(new Match(
                        rule.id(),
                        rule.name(),
                        rule.action(),
                        rule.severity(),
                        start,
                        end,
                        original.substring(start, end)));
                action = severer(action, rule.action());
            }
            out.add(text.mask(masked));
        }
        matched.sort(Comparator.comparingInt((Rule r) -> ModerationRules.ACTIONS.indexOf(r.action()))
                .thenComparing(r -> -ModerationRules.SEVERITIES.indexOf(r.severity())));
        return new Outcome(action, out, List.copyOf(matched), List.copyOf(matches));
    }

    private static String severer(String current, String candidate) {
        if (current.equals("none")) {
            return candidate;
        }
        return ModerationRules.ACTIONS.indexOf(candidate) < ModerationRules.ACTIONS.indexOf(current)
                ? candidate
                : current;
    }
}
