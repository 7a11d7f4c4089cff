package app.dukkan.catalog.transfer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/**
 * The cell rules shared by export and import: the CSV dialect, formula neutralising and the text
 * that cells may hold.
 *
 * <p>A spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -} or {@code @} (and,
 * in some, tab or CR) as a formula, so a product name could make an operator's spreadsheet fetch
 * URLs or run commands (CSV injection). The export writes such a cell with a leading apostrophe,
 * which spreadsheets show as text. To keep the round trip exact, a cell that already starts with
 * apostrophes followed by such a character gets one more; the import removes one apostrophe from a
 * cell of that shape and leaves every other cell alone.
 */
final class CsvCells {

    /** Writing: RFC 4180, CRLF, quotes only where needed. */
    static final CSVFormat WRITE = CSVFormat.RFC4180
            .builder()
            .setQuoteMode(QuoteMode.MINIMAL)
            .setRecordSeparator("\r\n")
            .get();

    private CsvCells() {}

    /** Reading with the given separator: quotes as RFC 4180, blank lines skipped, cells as written. */
    static CSVFormat read(char delimiter) {
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .get();
    }

    static String neutralise(String cell) {
        return needsApostrophe(cell, 0) ? "'" + cell : cell;
    }

    static String restore(String cell) {
        return cell.startsWith("'") && needsApostrophe(cell, 1) ? cell.substring(1) : cell;
    }

    /** Whether the cell, from {@code from} on, is apostrophes followed by a formula character. */
    private static boolean needsApostrophe(String cell, int from) {
        int i = from;
        while (i < cell.length() && cell.charAt(i) == '\'') {
            i++;
        }
        if (i >= cell.length()) {
            return false;
        }
        char c = cell.charAt(i);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /**
     * Why a cell's text is refused, or null: like every text the shop takes, any Unicode text with
     * tabs and line breaks, but no other control character and no lone surrogate.
     */
    static @Nullable String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (found a lone surrogate U+%04X)".formatted((int) c);
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters (found U+%04X)".formatted((int) c);
            }
        }
        return null;
    }

    /** A value the client sent, quoted and cut for a message. */
    static String quoted(String value) {
        String cut = value.length() <= 40 ? value : value.substring(0, 39) + "…";
        return "'" + cut + "'";
    }
}
