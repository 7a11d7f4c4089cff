package app.dukkan.catalog.transfer;

import app.dukkan.platform.SpreadsheetCells;
import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;

/**
 * The cell rules shared by export and import: the CSV dialect and formula neutralising (the
 * platform's {@link SpreadsheetCells}, shared with other exports) and the text that cells may hold.
 */
final class CsvCells {

    /** Writing: RFC 4180, CRLF, quotes only where needed. */
    static final CSVFormat WRITE = SpreadsheetCells.WRITE;

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
        return SpreadsheetCells.neutralise(cell);
    }

    static String restore(String cell) {
        return SpreadsheetCells.restore(cell);
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
