package app.dukkan.catalog.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Forgives typos the way dedicated search engines do: a word of 5–8 letters may be misspelt once
 * (a letter missing, extra or wrong, or two neighbours swapped), a word of 9 or more letters twice.
 *
 * <p>The catalog's words are kept in PostgreSQL with their deletion neighbourhoods (V28): a search
 * word and a word within the allowed distance always share a string obtained by deleting at most as
 * many letters from each as typos are allowed. One indexed query finds those candidates; the
 * distance (optimal string alignment: a swap of neighbours counts once) is then checked here.
 */
@Component
public class SearchVocabulary {

    /** Corrections offered per search word, closest first. */
    static final int MAX_CORRECTIONS = 12;

    private final JdbcClient jdbc;

    SearchVocabulary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Typos forgiven for a catalog word of this many letters. */
    static int typosAllowed(int letters) {
        return letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
    }

    /**
     * For each search word, the catalog words it may be a misspelling of (never the word itself),
     * closest first.
     */
    List<List<String>> corrections(List<String> terms) {
        Map<String, List<Integer>> termsByVariant = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            for (String variant : variants(term, deletionsToTry(term.codePointCount(0, term.length())))) {
                termsByVariant.computeIfAbsent(variant, v -> new ArrayList<>(1)).add(i);
            }
        }
        List<Set<String>> found = new ArrayList<>();
        terms.forEach(term -> found.add(new LinkedHashSet<>()));
        if (!termsByVariant.isEmpty()) {
            // one array parameter: a long search word has hundreds of variants
            jdbc.sql("select variant, word from search_word_variants where variant = any(?)")
                    .param(termsByVariant.keySet().toArray(String[]::new))
                    .query(rs -> {
                        String word = rs.getString("word");
                        for (int i : termsByVariant.get(rs.getString("variant"))) {
                            found.get(i).add(word);
                        }
                    });
        }
        List<List<String>> corrections = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            record Candidate(String word, int distance) {}
            corrections.add(found.get(i).stream()
                    .filter(word -> !word.equals(term))
                    .map(word -> new Candidate(word, distance(term, word)))
                    .filter(c -> c.distance()
                            <= typosAllowed(c.word().codePointCount(0, c.word().length())))
                    .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::word))
                    .limit(MAX_CORRECTIONS)
                    .map(Candidate::word)
                    .toList());
        }
        return corrections;
    }

    /**
     * Deletions to apply to a search word of this length: enough to meet any catalog word it may
     * stand for (a 9-letter word with two letters missing has 7).
     */
    private static int deletionsToTry(int letters) {
        return letters >= 7 ? 2 : letters >= 4 ? 1 : 0;
    }

    /** The word and every string left after deleting up to {@code depth} of its letters. */
    static Set<String> variants(String word, int depth) {
        Set<String> variants = new HashSet<>();
        if (depth == 0) {
            return variants;
        }
        variants.add(word);
        Set<String> level = Set.of(word);
        for (int d = 0; d < depth; d++) {
            Set<String> next = new HashSet<>();
            for (String current : level) {
                int[] letters = current.codePoints().toArray();
                for (int i = 0; i < letters.length; i++) {
                    StringBuilder shorter = new StringBuilder(current.length());
                    for (int j = 0; j < letters.length; j++) {
                        if (j != i) {
                            shorter.appendCodePoint(letters[j]);
                        }
                    }
                    next.add(shorter.toString());
                }
            }
            variants.addAll(next);
            level = next;
        }
        return variants;
    }

    /**
     * Damerau–Levenshtein distance: insertions, deletions, substitutions and swaps of neighbours,
     * each counting once, also when edits overlap (a swap with a letter inserted between).
     */
    static int distance(String a, String b) {
        int[] s = a.codePoints().toArray();
        int[] t = b.codePoints().toArray();
        int infinity = s.length + t.length;
        int[][] d = new int[s.length + 2][t.length + 2];
        d[0][0] = infinity;
        for (int i = 0; i <= s.length; i++) {
            d[i + 1][0] = infinity;
            d[i + 1][1] = i;
        }
        for (int j = 0; j <= t.length; j++) {
            d[0][j + 1] = infinity;
            d[1][j + 1] = j;
        }
        Map<Integer, Integer> lastRow = new HashMap<>();
        for (int i = 1; i <= s.length; i++) {
            int lastMatchColumn = 0;
            for (int j = 1; j <= t.length; j++) {
                int k = lastRow.getOrDefault(t[j - 1], 0);
                int l = lastMatchColumn;
                int cost = 1;
                if (s[i - 1] == t[j - 1]) {
                    cost = 0;
                    lastMatchColumn = j;
                }
                d[i + 1][j + 1] = Math.min(
                        Math.min(d[i][j] + cost, d[i + 1][j] + 1),
                        Math.min(d[i][j + 1] + 1, d[k][l] + (i - k - 1) + 1 + (j - l - 1)));
            }
            lastRow.put(s[i - 1], i);
        }
        return d[s.length + 1][t.length + 1];
    }

    /** Adds the words of every active product; for bulk loads that deferred the per-row trigger. */
    public void addAll() {
        jdbc.sql("select add_search_words(array_agg(search_vector)) from products where status = 'active'")
                .query()
                .singleRow();
    }

    /** Drops the words no active product uses any more; answers how many. */
    public int prune() {
        return jdbc.sql("""
                        delete from search_words w
                        where not exists (
                            select 1 from products p
                            where p.status = 'active' and p.search_vector @@ to_tsquery('simple', w.word))""").update();
    }
}
