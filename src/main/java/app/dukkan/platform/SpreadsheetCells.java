package app.dukkan.platform;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Cells of the CSV files the shop writes for operators' spreadsheets: the dialect and formula
 * neutralising, shared by every export.
 *
 * <p>A spreadsheet runs a cell that starts with {@code =}, {@code +}, {@code -} or {@code @} (and,
 * in some, tab or CR) as a formula, so a product name or an address could make an operator's
 * spreadsheet fetch URLs or run commands (CSV injection). Such a cell is written with a leading
 * apostrophe, which spreadsheets show as text. To keep a round trip exact, a cell that already
 * starts with apostrophes followed by such a character gets one more; {@link #restore} removes one
 * apostrophe from a cell of that shape and leaves every other cell alone.
 */
public final class SpreadsheetCells {

    /** Writing: RFC 4180, CRLF, quotes only where needed. */
    public static final CSVFormat WRITE = CSVFormat.RFC4180
            .builder()
            .setQuoteMode(QuoteMode.MINIMAL)
            .setRecordSeparator("\r\n")
            .get();

    private SpreadsheetCells() {}

    /** The cell as written: an apostrophe first when a spreadsheet would read it as a formula. */
    public static String neutralise(String cell) {
        return needsApostrophe(cell, 0) ? "'" + cell : cell;
    }

    /** A cell as read back: {@link #neutralise} undone. */
    public static String restore(String cell) {
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
}
