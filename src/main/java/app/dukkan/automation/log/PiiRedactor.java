package app.dukkan.automation.log;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes personal data from text and JSON-like values before they are stored: email addresses
 * ({@code [email]}), phone numbers ({@code [phone]}), card numbers that pass the Luhn check
 * ({@code [card]}) and IBANs that pass the mod-97 check ({@code [iban]}), also where they are
 * percent-encoded in a URL, and in JSON-like values also in keys and in numbers. Everything else is
 * kept as it was, so a log line stays readable.
 *
 * <p>What counts as a phone number: an international number ({@code +} or {@code 00}, then 8 to
 * 15 digits, in groups separated by spaces, dashes or parentheses); a national number starting
 * with the trunk prefix {@code 0} (8 to 13 digits); an area code in parentheses followed by
 * further digits (8 to 12 in all); the North American {@code 555-123-4567}; and a run of 11 to 15
 * digits without separators (a number with its country code but without {@code +}, as WhatsApp
 * writes it). Digits that belong to something else are left alone: inside words or codes
 * ({@code DK-100001}, {@code INV-2026-00012345}, {@code abc123456789}), after {@code #} or
 * {@code /}, in decimals ({@code 1,299.00}), ISO dates and times, day-month-year dates with dashes
 * and UUIDs. Arabic-Indic digits count as digits; the text around what is redacted keeps them.
 *
 * <p>Stateless and thread-safe.
 */
public final class PiiRedactor {

    /** The redacted value, and whether anything in it was replaced. */
    public record Result<T>(T value, boolean redacted) {}

    public static final String EMAIL = "[email]";
    public static final String PHONE = "[phone]";
    public static final String CARD = "[card]";
    public static final String IBAN = "[iban]";

    /** Nesting beyond this depth is replaced as a whole rather than walked (no stack overflow). */
    static final int MAX_DEPTH = 64;

    static final String TOO_DEEP = "[nested too deep]";

    /** Marks a part of the working copy as dealt with: neither a letter, a digit nor a separator. */
    private static final char MASK = '\u0001';

    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "(?<![\\p{L}\\p{N}\\p{M}._%+\\-])[\\p{L}\\p{N}\\p{M}._%+\\-]++@(?:[\\p{L}\\p{N}\\p{M}\\-]++\\.)+\\p{L}{2,}+");

    private static final Pattern PROTECTED = Pattern.compile(String.join(
            "|",
            // UUIDs
            "(?<![\\p{L}\\p{N}])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\\p{L}\\p{N}])",
            // ISO dates, with a time and offset when there is one
            "(?<![\\p{L}\\p{N}])\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?(?!\\p{N})",
            // day-month-year (or month-day-year) dates with dashes
            "(?<![\\p{L}\\p{N}\\-])\\d{1,2}-\\d{1,2}-\\d{4}(?![\\p{N}\\-])"));

    private static final Pattern IBAN_START = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}");

    /** IBAN lengths of the countries in the IBAN registry; others are accepted at 15 to 34 characters. */
    private static final Map<String, Integer> IBAN_LENGTHS = ibanLengths();

    private PiiRedactor() {}

    /**
     * {@code text} with every email, phone, card number and IBAN replaced, also where it is
     * percent-encoded (as a template writes values into a URL: {@code jane%2Bx%40example.com}).
     */
    public static Result<String> redact(String text) {
        if (text.isEmpty()) {
            return new Result<>(text, false);
        }
        Decoded decoded = Decoded.of(text);
        List<Span> spans = spans(decoded.text);
        if (spans.isEmpty()) {
            return new Result<>(text, false);
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, Math.max(at, decoded.start(span.start))).append(span.replacement);
            at = decoded.end(span.end - 1);
        }
        out.append(text, at, text.length());
        return new Result<>(out.toString(), true);
    }

    /** Where the personal data in {@code text} is, in order. */
    private static List<Span> spans(String text) {
        char[] work = normalizedDigits(text);
        List<Span> spans = new ArrayList<>();
        // emails first: a date or UUID inside an address (jane.1990-05-12@mail.example) is the address's
        mask(work, EMAIL_PATTERN, EMAIL, spans);
        mask(work, PROTECTED, null, spans);
        ibans(work, spans);
        numbers(work, spans);
        spans.sort((a, b) -> Integer.compare(a.start, b.start));
        return spans;
    }

    /**
     * A JSON-like value with every string redacted: maps (keys redacted too, order kept), lists,
     * arrays, strings, numbers (see {@link #redactedNumber}), booleans and null. Any other object is
     * redacted as its text.
     */
    public static Result<@Nullable Object> redactValue(@Nullable Object value) {
        boolean[] redacted = {false};
        Object result = walk(value, 0, redacted);
        return new Result<>(result, redacted[0]);
    }

    /** A map of JSON-like values, redacted as {@link #redactValue} does. */
    public static Result<Map<String, Object>> redactMap(Map<String, ?> map) {
        boolean[] redacted = {false};
        Map<String, Object> result = walkMap(map, 0, redacted);
        return new Result<>(result, redacted[0]);
    }

    private static @Nullable Object walk(@Nullable Object value, int depth, boolean[] redacted) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (depth > MAX_DEPTH) {
            redacted[0] = true;
            return TOO_DEEP;
        }
        if (value instanceof CharSequence text) {
            Result<String> result = redact(text.toString());
            redacted[0] |= result.redacted();
            return result.value();
        }
        if (value instanceof Number number) {
            String replacement = redactedNumber(number);
            redacted[0] |= replacement != null;
            return replacement != null ? replacement : number;
        }
        if (value instanceof Map<?, ?> map) {
            return walkMap(map, depth, redacted);
        }
        if (value instanceof Collection<?> collection) {
            List<@Nullable Object> list = new ArrayList<>(collection.size());
            for (Object element : collection) {
                list.add(walk(element, depth + 1, redacted));
            }
            return list;
        }
        if (value instanceof Object[] array) {
            return walk(Arrays.asList(array), depth, redacted);
        }
        Result<String> result = redact(String.valueOf(value));
        redacted[0] |= result.redacted();
        return result.value();
    }

    /**
     * A key that holds personal data ({@code {"jane@example.com": …}}) is redacted like a string; when
     * two keys become the same, the later one is numbered so that neither value is lost.
     */
    private static Map<String, Object> walkMap(Map<?, ?> map, int depth, boolean[] redacted) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Result<String> key = redact(String.valueOf(entry.getKey()));
            redacted[0] |= key.redacted();
            String unique = key.value();
            for (int n = 2; copy.containsKey(unique); n++) {
                unique = key.value() + " (" + n + ")";
            }
            copy.put(unique, walk(entry.getValue(), depth + 1, redacted));
        }
        return copy;
    }

    /**
     * {@code [card]} for an integer of 13 to 19 digits that passes the Luhn check, {@code [phone]}
     * for one of 11 to 15 digits (a phone number with its country code, as WhatsApp writes it); else
     * null. A number starting with 1 is a phone number only with 11 digits (country code 1 has
     * 10-digit numbers): longer ones are times in milliseconds.
     */
    private static @Nullable String redactedNumber(Number number) {
        String digits;
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            digits = Long.toString(number.longValue());
        } else if (number instanceof BigInteger big) {
            digits = big.toString();
        } else if (number instanceof BigDecimal decimal) {
            if (decimal.scale() > 0 && decimal.stripTrailingZeros().scale() > 0) {
                return null;
            }
            digits = decimal.toBigInteger().toString();
        } else {
            return null;
        }
        if (digits.charAt(0) == '-' || digits.charAt(0) == '0') {
            return null;
        }
        if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
            return CARD;
        }
        boolean phone = digits.length() >= 11 && digits.length() <= 15;
        return phone && (digits.charAt(0) != '1' || digits.length() == 11) ? PHONE : null;
    }

    // the working copy

    /**
     * A text with its {@code %XX} sequences decoded as UTF-8, and where each decoded character was
     * written in it: what is found in the decoded text is replaced where it stands, encoded.
     */
    private static final class Decoded {

        final String text;
        /** For each decoded character, where it starts and ends in the text; null when none was encoded. */
        private final int @Nullable [] starts;

        private final int @Nullable [] ends;

        private Decoded(String text, int @Nullable [] starts, int @Nullable [] ends) {
            this.text = text;
            this.starts = starts;
            this.ends = ends;
        }

        static Decoded of(String text) {
            if (!hasEscape(text)) {
                return new Decoded(text, null, null);
            }
            StringBuilder decoded = new StringBuilder(text.length());
            int[] starts = new int[text.length()];
            int[] ends = new int[text.length()];
            int i = 0;
            while (i < text.length()) {
                int end = i + 1;
                String chars = text.substring(i, end);
                if (escapeAt(text, i)) {
                    end = sequenceEnd(text, i);
                    byte[] bytes = new byte[(end - i) / 3];
                    for (int k = 0; k < bytes.length; k++) {
                        bytes[k] = (byte) hex(text, i + 3 * k);
                    }
                    chars = new String(bytes, StandardCharsets.UTF_8);
                }
                for (int k = 0; k < chars.length(); k++) {
                    starts[decoded.length()] = i;
                    ends[decoded.length()] = end;
                    decoded.append(chars.charAt(k));
                }
                i = end;
            }
            return new Decoded(decoded.toString(), starts, ends);
        }

        int start(int index) {
            return starts == null ? index : starts[index];
        }

        /** Where the character at {@code index} ends in the text (exclusive). */
        int end(int index) {
            return ends == null ? index + 1 : ends[index];
        }

        private static boolean hasEscape(String text) {
            for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
                if (escapeAt(text, i)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean escapeAt(String text, int i) {
            return i + 2 < text.length() && text.charAt(i) == '%' && hex(text, i) >= 0;
        }

        /** The byte of the escape at {@code i}, or -1 when its two characters are not hex digits. */
        private static int hex(String text, int i) {
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            return high < 0 || low < 0 ? -1 : high * 16 + low;
        }

        /** The end of the UTF-8 sequence whose first byte is the escape at {@code i}: as many escapes as it has. */
        private static int sequenceEnd(String text, int i) {
            int lead = hex(text, i);
            int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            int end = i + 3;
            for (int k = 1; k < length && escapeAt(text, end) && (hex(text, end) & 0xC0) == 0x80; k++) {
                end += 3;
            }
            return end;
        }
    }

    /** The text with Arabic-Indic and extended Arabic-Indic digits as ASCII digits, index for index. */
    private static char[] normalizedDigits(String text) {
        char[] work = text.toCharArray();
        for (int i = 0; i < work.length; i++) {
            char c = work[i];
            if (c >= '\u0660' && c <= '\u0669') {
                work[i] = (char) ('0' + (c - '\u0660'));
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                work[i] = (char) ('0' + (c - '\u06F0'));
            }
        }
        return work;
    }

    /** Masks every match; a match becomes a span replaced by {@code replacement} unless that is null. */
    private static void mask(char[] work, Pattern pattern, @Nullable String replacement, List<Span> spans) {
        Matcher matcher = pattern.matcher(new String(work));
        while (matcher.find()) {
            cover(work, matcher.start(), matcher.end(), replacement, spans);
        }
    }

    private static void cover(char[] work, int start, int end, @Nullable String replacement, List<Span> spans) {
        Arrays.fill(work, start, end, MASK);
        if (replacement != null) {
            spans.add(new Span(start, end, replacement));
        }
    }

    private record Span(int start, int end, String replacement) {}

    // IBANs

    private static void ibans(char[] work, List<Span> spans) {
        Matcher matcher = IBAN_START.matcher(new String(work));
        int from = 0;
        while (from < work.length && matcher.find(from)) {
            int start = matcher.start();
            int end = ibanEnd(work, start);
            if (end > 0) {
                cover(work, start, end, IBAN, spans);
                from = end;
            } else {
                from = start + 1;
            }
        }
    }

    /**
     * The end of the longest valid IBAN starting at {@code start}, else -1. Written without spaces
     * or in groups of four separated by single spaces.
     */
    private static int ibanEnd(char[] work, int start) {
        StringBuilder compact = new StringBuilder(34);
        int best = -1;
        int i = start;
        while (i < work.length && compact.length() < 34) {
            char c = work[i];
            if (isAsciiAlnum(c)) {
                compact.append(Character.toUpperCase(c));
                i++;
                if ((i == work.length || !Character.isLetterOrDigit(work[i])) && validIban(compact)) {
                    best = i;
                }
            } else if (c == ' '
                    && compact.length() % 4 == 0
                    && i + 1 < work.length
                    && isAsciiAlnum(work[i + 1])
                    && (i - start) % 5 == 4) {
                i++;
            } else {
                break;
            }
        }
        return best;
    }

    private static boolean validIban(CharSequence iban) {
        int length = iban.length();
        Integer expected = IBAN_LENGTHS.get(iban.subSequence(0, 2).toString());
        if (expected != null ? length != expected : length < 15 || length > 34) {
            return false;
        }
        int digits = 0;
        for (int i = 4; i < length; i++) {
            if (Character.isDigit(iban.charAt(i))) {
                digits++;
            }
        }
        if (digits * 2 < length - 4) {
            return false;
        }
        int remainder = 0;
        for (int k = 0; k < length; k++) {
            char c = iban.charAt((k + 4) % length);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }

    // card and phone numbers

    /** A number as written: groups of digits and what separates them. */
    private static final class Run {
        final int start;
        int end;
        final boolean plus;
        final List<int[]> groups = new ArrayList<>();
        final List<String> separators = new ArrayList<>();

        Run(int start, boolean plus) {
            this.start = start;
            this.plus = plus;
        }
    }

    private static void numbers(char[] work, List<Span> spans) {
        int i = 0;
        while (i < work.length) {
            char c = work[i];
            boolean starts = startsNumber(work, i) && (i == 0 || !isWordChar(work[i - 1]));
            if (!starts) {
                i++;
                continue;
            }
            Run run = read(work, i);
            if (standsAlone(work, run)) {
                classify(work, run, spans);
            }
            i = Math.max(run.end, i + 1);
        }
    }

    /** A digit, {@code (} and a digit, {@code +} and a digit, or {@code +(} and a digit. */
    private static boolean startsNumber(char[] work, int i) {
        int at = i;
        if (work[at] == '+' && at + 1 < work.length) {
            at++;
        }
        if (work[at] == '(' && at + 1 < work.length) {
            at++;
        }
        return isDigit(work[at]);
    }

    private static Run read(char[] work, int start) {
        int i = start;
        boolean plus = work[i] == '+';
        if (plus) {
            i++;
        }
        if (work[i] == '(') {
            i++;
        }
        Run run = new Run(start, plus);
        while (true) {
            int groupStart = i;
            while (i < work.length && isDigit(work[i])) {
                i++;
            }
            run.groups.add(new int[] {groupStart, i});
            run.end = i;
            int separatorEnd = i;
            while (separatorEnd < work.length
                    && separatorEnd - i < 2
                    && " -()\u00A0".indexOf(work[separatorEnd]) >= 0) {
                separatorEnd++;
            }
            String separator = new String(work, i, separatorEnd - i);
            if (separatorEnd < work.length && isDigit(work[separatorEnd]) && isSeparator(separator)) {
                run.separators.add(separator);
                i = separatorEnd;
            } else {
                if (i < work.length && work[i] == ')' && opensParenthesis(work, run)) {
                    run.end = i + 1;
                }
                return run;
            }
        }
    }

    private static boolean isSeparator(String separator) {
        return switch (separator.replace('\u00A0', ' ')) {
            case " ", "-", "(", ")", ") ", " (", ")-" -> true;
            default -> false;
        };
    }

    private static boolean opensParenthesis(char[] work, Run run) {
        int first = run.groups.get(0)[0];
        return first > 0 && work[first - 1] == '(';
    }

    /**
     * The most digits a fraction or thousands group has after (or before) a {@code .} or {@code ,}
     * inside one number; a longer run there is a number of its own ({@code 4111…1111,5500…0004}).
     */
    private static final int GROUP = 3;

    /** How many digits follow one another from {@code from} on, going {@code step} (1 or -1). */
    private static int digitRun(char[] work, int from, int step) {
        int count = 0;
        for (int i = from; i >= 0 && i < work.length && isDigit(work[i]); i += step) {
            count++;
        }
        return count;
    }

    /** Not part of a word, a code, a path or a decimal number. */
    private static boolean standsAlone(char[] work, Run run) {
        int before = run.start - 1;
        if (before >= 0) {
            char b = work[before];
            if (b == '#' || b == '/' || b == '\\' || b == '_' || b == '@') {
                return false;
            }
            if (b == '-' && before > 0 && Character.isLetterOrDigit(work[before - 1])) {
                return false;
            }
            // after a letter ("Doe,+49…", "Tel.+49…") the separator ends a word, not a number
            if ((b == '.' || b == ',')
                    && before > 0
                    && isDigit(work[before - 1])
                    && digitRun(work, before - 1, -1) <= GROUP) {
                return false; // the fraction or a thousands group of the number before
            }
        }
        int after = run.end;
        if (after < work.length) {
            char a = work[after];
            if (isWordChar(a) || a == '@') {
                return false;
            }
            if ((a == '.' || a == ',')
                    && after + 1 < work.length
                    && isDigit(work[after + 1])
                    && digitRun(work, after + 1, 1) <= GROUP) {
                return false; // a decimal or thousands-grouped number, not one to redact
            }
            if ((a == '-' || a == '_' || a == '/') && after + 1 < work.length && isWordChar(work[after + 1])) {
                return false;
            }
        }
        return true;
    }

    private static void classify(char[] work, Run run, List<Span> spans) {
        int count = run.groups.size();
        boolean[] taken = new boolean[count];
        // an international number: + or 00, from the first group on
        String whole = number(work, run, 0, count - 1);
        boolean doubleZero = !run.plus && whole.length() > 2 && whole.startsWith("00") && whole.charAt(2) != '0';
        if (run.plus || doubleZero) {
            for (int b = count - 1; b >= 0; b--) {
                int digits = digits(work, run, 0, b) - (doubleZero ? 2 : 0);
                if (digits >= 8 && digits <= 15) {
                    take(work, run, 0, b, run.start, PHONE, taken, spans);
                    break;
                }
            }
            if (run.plus) {
                return;
            }
        }
        for (int a = 0; a < count; a++) {
            for (int b = count - 1; b >= a && !taken[a]; b--) {
                if (isCard(work, run, a, b, taken)) {
                    take(work, run, a, b, run.groups.get(a)[0], CARD, taken, spans);
                    a = b;
                }
            }
        }
        for (int a = 0; a < count; a++) {
            for (int b = count - 1; b >= a && !taken[a]; b--) {
                if (free(taken, a, b) && isNationalPhone(work, run, a, b)) {
                    int start = run.groups.get(a)[0];
                    boolean parenthesized = start > 0 && work[start - 1] == '(';
                    take(work, run, a, b, parenthesized ? start - 1 : start, PHONE, taken, spans);
                    a = b;
                }
            }
        }
    }

    private static void take(
            char[] work, Run run, int a, int b, int start, String replacement, boolean[] taken, List<Span> spans) {
        int end = run.groups.get(b)[1];
        if (end < work.length && work[end] == ')' && start < run.groups.get(a)[0]) {
            end++;
        }
        cover(work, start, end, replacement, spans);
        Arrays.fill(taken, a, b + 1, true);
    }

    private static boolean isCard(char[] work, Run run, int a, int b, boolean[] taken) {
        if (!free(taken, a, b) || digits(work, run, a, b) < 13 || digits(work, run, a, b) > 19) {
            return false;
        }
        for (int k = a; k < b; k++) {
            String separator = run.separators.get(k);
            if (!separator.equals(" ") && !separator.equals("-") && !separator.equals("\u00A0")) {
                return false;
            }
        }
        if (b > a) {
            // written in groups as cards are (4-4-4-4, 4-6-5, 4-4-4-4-3), not digits that happen to be near
            for (int k = a; k <= b; k++) {
                int size = run.groups.get(k)[1] - run.groups.get(k)[0];
                if (size < (k == a ? 4 : 3) || size > 6) {
                    return false;
                }
            }
        }
        String number = number(work, run, a, b);
        return number.charAt(0) != '0' && luhn(number);
    }

    private static boolean isNationalPhone(char[] work, Run run, int a, int b) {
        int digits = digits(work, run, a, b);
        String number = number(work, run, a, b);
        int first = run.groups.get(a)[0];
        boolean parenthesized = first > 0 && work[first - 1] == '(';
        for (int k = a; k < b; k++) {
            String separator = run.separators.get(k);
            if (separator.contains("(") || separator.contains(")") && !(k == a && parenthesized)) {
                return false;
            }
        }
        if (number.length() > 1 && number.charAt(0) == '0' && number.charAt(1) != '0') {
            return digits >= 8 && digits <= 13;
        }
        int firstGroup = run.groups.get(a)[1] - first;
        if (parenthesized && b > a && firstGroup >= 2 && firstGroup <= 5) {
            return digits >= 8 && digits <= 12;
        }
        if (b - a == 2 && number.charAt(0) >= '2') {
            int[] g0 = run.groups.get(a);
            int[] g1 = run.groups.get(a + 1);
            int[] g2 = run.groups.get(b);
            String s0 = run.separators.get(a);
            return g0[1] - g0[0] == 3
                    && g1[1] - g1[0] == 3
                    && g2[1] - g2[0] == 4
                    && s0.equals(run.separators.get(a + 1))
                    && (s0.equals("-") || s0.equals(" "));
        }
        return a == b && digits >= 11 && digits <= 15 && number.charAt(0) != '0';
    }

    private static boolean free(boolean[] taken, int a, int b) {
        for (int k = a; k <= b; k++) {
            if (taken[k]) {
                return false;
            }
        }
        return true;
    }

    private static int digits(char[] work, Run run, int a, int b) {
        int digits = 0;
        for (int k = a; k <= b; k++) {
            digits += run.groups.get(k)[1] - run.groups.get(k)[0];
        }
        return digits;
    }

    private static String number(char[] work, Run run, int a, int b) {
        StringBuilder number = new StringBuilder();
        for (int k = a; k <= b; k++) {
            int[] g = run.groups.get(k);
            number.append(work, g[0], g[1] - g[0]);
        }
        return number.toString();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlnum(char c) {
        return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static Map<String, Integer> ibanLengths() {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27"
                + " DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22"
                + " IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19"
                + " MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31"
                + " SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        Map<String, Integer> lengths = new LinkedHashMap<>();
        for (String entry : table.split(" ")) {
            lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(lengths);
    }
}
