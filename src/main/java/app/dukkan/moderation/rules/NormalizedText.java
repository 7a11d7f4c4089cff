package app.dukkan.moderation.rules;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A text as the rules see it (ADR 0029): its words in a canonical spelling separated by single
 * spaces, with a map from every character back to the characters of the original it came from, so
 * that a match can be masked in the original exactly.
 *
 * <ol>
 *   <li>The original is cut into clusters (a character and the combining marks that follow it);
 *       each is NFKC-normalized, lower-cased (ß → ss), Arabic letter forms are unified (أ إ آ ٱ → ا,
 *       ى ی → ي, ة → ه, ؤ → و, ئ → ي, ک → ك), and tatweel, every combining mark left over (harakat,
 *       strike-through) and invisible format characters (zero-width, soft hyphen, BOM) are dropped.
 *   <li>Words are runs of letters and digits, plus {@code @} and {@code $} beside them; anything else
 *       separates words.
 *   <li>Runs of two or more single-character words separated only by spaces, dots, dashes or
 *       underscores ("b a d", "b.a.d") are joined into one word; inside such a run a match may start
 *       and end at any letter.
 *   <li>In a word that has at least one letter, look-alikes become letters: 0 → o, 1 → i, 3 → e,
 *       4 → a, 5 → s, @ → a, $ → s. Numbers alone stay numbers ("455 euros").
 * </ol>
 */
final class NormalizedText {

    /** Separators that may stand between the letters of a spaced-out word. */
    private static final String SPACING = ".-_·•";

    private static final char TATWEEL = '\u0640';

    /** Prefixes that attach to an Arabic word (and, then, by, for, like, the, and combinations). */
    static final Set<String> ARABIC_PREFIXES = Set.of(
            "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "فب", "ول", "فل", "وك",
            "فك");

    private final String original;
    private final String text;
    /** For each character of {@link #text}: the index of its cluster in the original; -1 for a space. */
    private final int[] clusterOf;
    /** Start index in the original of each cluster, plus its length at the end. */
    private final int[] clusterStart;
    /** For each character: the index in {@link #text} where its word begins. */
    private final int[] wordStart;
    /** Characters of a joined spaced-out run: a match may begin or end beside each. */
    private final BitSet spaced;

    private NormalizedText(
            String original, String text, int[] clusterOf, int[] clusterStart, int[] wordStart, BitSet spaced) {
        this.original = original;
        this.text = text;
        this.clusterOf = clusterOf;
        this.clusterStart = clusterStart;
        this.wordStart = wordStart;
        this.spaced = spaced;
    }

    /** The canonical words, separated by single spaces. */
    String text() {
        return text;
    }

    String original() {
        return original;
    }

    /** Whether a match may start at {@code index}: a word's start, a letter of a spaced-out run, or after an Arabic prefix. */
    boolean startsWord(int index) {
        if (index == 0 || text.charAt(index - 1) == ' ') {
            return true;
        }
        if (spaced.get(index) && spaced.get(index - 1)) {
            return true;
        }
        return isArabic(text.charAt(index)) && ARABIC_PREFIXES.contains(text.substring(wordStart[index], index));
    }

    /** Whether a match may end before {@code index} (exclusive end). */
    boolean endsWord(int index) {
        return index == text.length() || text.charAt(index) == ' ' || (spaced.get(index) && spaced.get(index - 1));
    }

    /** The original's start index of the normalized range {@code [from, to)}. */
    int originalStart(int from, int to) {
        for (int i = from; i < to; i++) {
            if (clusterOf[i] >= 0) {
                return clusterStart[clusterOf[i]];
            }
        }
        return 0;
    }

    /** The original's end index (exclusive) of the normalized range {@code [from, to)}. */
    int originalEnd(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (clusterOf[i] >= 0) {
                return clusterStart[clusterOf[i] + 1];
            }
        }
        return 0;
    }

    /**
     * Marks the clusters behind the normalized range {@code [from, to)} in {@code masked}, and the
     * tatweel stretching the word between them; separators and invisible characters stay.
     */
    void mark(int from, int to, BitSet masked) {
        int first = -1;
        int last = -1;
        for (int i = from; i < to; i++) {
            if (clusterOf[i] >= 0) {
                masked.set(clusterOf[i]);
                first = first < 0 ? clusterOf[i] : first;
                last = clusterOf[i];
            }
        }
        for (int c = first + 1; c > 0 && c < last; c++) {
            if (original.substring(clusterStart[c], clusterStart[c + 1]).chars().allMatch(ch -> ch == TATWEEL)) {
                masked.set(c);
            }
        }
    }

    /** The original with every marked cluster replaced by one {@code *}; the rest as written. */
    String mask(BitSet masked) {
        if (masked.isEmpty()) {
            return original;
        }
        StringBuilder out = new StringBuilder(original.length());
        for (int c = 0; c < clusterStart.length - 1; c++) {
            if (masked.get(c)) {
                out.append('*');
            } else {
                out.append(original, clusterStart[c], clusterStart[c + 1]);
            }
        }
        return out.toString();
    }

    static boolean isArabic(char c) {
        return c >= '\u0600' && c <= '\u06FF';
    }

    /** One character of a word being built, and the cluster of the original it came from. */
    private record Piece(char c, int cluster) {}

    static NormalizedText of(String original) {
        // 1. clusters, each normalized on its own so that positions map back
        List<Integer> starts = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        int index = 0;
        while (index < original.length()) {
            int end = index + Character.charCount(original.codePointAt(index));
            while (end < original.length() && isMark(original.codePointAt(end))) {
                end += Character.charCount(original.codePointAt(end));
            }
            int cluster = starts.size();
            starts.add(index);
            String folded = Normalizer.normalize(original.substring(index, end), Normalizer.Form.NFKC)
                    .toLowerCase(Locale.ROOT);
            for (int i = 0; i < folded.length(); i++) {
                String mapped = fold(folded.charAt(i));
                for (int j = 0; j < mapped.length(); j++) {
                    pieces.add(new Piece(mapped.charAt(j), cluster));
                }
            }
            index = end;
        }
        starts.add(original.length());
        int[] clusterStart = starts.stream().mapToInt(Integer::intValue).toArray();

        // 2. words and what separates them
        List<List<Piece>> words = new ArrayList<>();
        List<String> gaps = new ArrayList<>(); // gaps.get(i): the separators before words.get(i)
        StringBuilder gap = new StringBuilder();
        List<Piece> word = new ArrayList<>();
        for (Piece piece : pieces) {
            if (isWordChar(piece.c())) {
                if (word.isEmpty()) {
                    gaps.add(gap.toString());
                    gap.setLength(0);
                }
                word.add(piece);
            } else {
                if (!word.isEmpty()) {
                    words.add(word);
                    word = new ArrayList<>();
                }
                gap.append(piece.c());
            }
        }
        if (!word.isEmpty()) {
            words.add(word);
        }

        // 3. join spaced-out runs; 4. look-alikes; then write the canonical text
        StringBuilder text = new StringBuilder();
        List<Integer> clusterOf = new ArrayList<>();
        List<Integer> wordStarts = new ArrayList<>();
        BitSet spaced = new BitSet();
        int w = 0;
        while (w < words.size()) {
            int runEnd = w + 1;
            if (single(words.get(w))) {
                while (runEnd < words.size() && single(words.get(runEnd)) && spacing(gaps.get(runEnd))) {
                    runEnd++;
                }
            }
            List<Piece> joined = new ArrayList<>();
            for (int k = w; k < runEnd; k++) {
                joined.addAll(words.get(k));
            }
            if (!text.isEmpty()) {
                text.append(' ');
                clusterOf.add(-1);
                wordStarts.add(text.length());
            }
            boolean lettered = joined.stream().anyMatch(p -> Character.isLetter(p.c()));
            int begin = text.length();
            for (Piece piece : joined) {
                if (runEnd - w > 1) {
                    spaced.set(text.length());
                }
                text.append(lettered ? lookAlike(piece.c()) : piece.c());
                clusterOf.add(piece.cluster());
                wordStarts.add(begin);
            }
            w = runEnd;
        }
        return new NormalizedText(
                original,
                text.toString(),
                clusterOf.stream().mapToInt(Integer::intValue).toArray(),
                clusterStart,
                wordStarts.stream().mapToInt(Integer::intValue).toArray(),
                spaced);
    }

    /** A word of one character as written (ß counts as one, though it becomes "ss"). */
    private static boolean single(List<Piece> word) {
        return word.stream().mapToInt(Piece::cluster).distinct().count() == 1;
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** One normalized, lower-case character as the rules compare it; empty for what is dropped. */
    private static String fold(char c) {
        return switch (c) {
            case 'ß' -> "ss";
            case 'أ', 'إ', 'آ', 'ٱ' -> "ا";
            case 'ى', 'ی', 'ئ' -> "ي";
            case 'ة' -> "ه";
            case 'ؤ' -> "و";
            case 'ک' -> "ك";
            case TATWEEL -> "";
            default -> {
                int type = Character.getType(c);
                if (type == Character.NON_SPACING_MARK
                        || type == Character.ENCLOSING_MARK
                        || type == Character.COMBINING_SPACING_MARK
                        || type == Character.FORMAT) {
                    yield ""; // harakat and other marks, zero-width characters, soft hyphen, BOM
                }
                yield String.valueOf(c);
            }
        };
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '$';
    }

    /** Whether a gap between two single characters is spacing-out (not the end of a sentence or a comma). */
    private static boolean spacing(String gap) {
        if (gap.isEmpty() || gap.length() > 3) {
            return false;
        }
        for (int i = 0; i < gap.length(); i++) {
            char c = gap.charAt(i);
            if (!Character.isWhitespace(c) && SPACING.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static char lookAlike(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5', '$' -> 's';
            case '@' -> 'a';
            default -> c;
        };
    }
}
