package app.dukkan.catalog.transfer;

import app.dukkan.platform.SpreadsheetCells;
import app.dukkan.platform.TextInput;
import org.apache.commons.csv.CSVFormat;

/**
 * The cell rules shared by export and import: the CSV dialect and formula neutralising (the
 * platform's {@link SpreadsheetCells}, shared with other exports) and the text that cells may hold.
 */
final class CsvCells {

    /** Writing: RFC 4180, CRLF, quotes only where needed. */
    static final CSVFormat WRITE = SpreadsheetCells.WRITE;

    private CsvCells() {}

    /**
     * Reading with the given separator: quotes as RFC 4180, cells as written. Blank lines are records
     * (of one empty cell) that the reader skips, so that record numbers stay the rows a spreadsheet
     * shows.
     */
    static CSVFormat read(char delimiter) {
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
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

    /** A value the client sent, quoted and cut for a message. */
    static String quoted(String value) {
        return "'" + cut(value) + "'";
    }

    /** A value the client sent, cut for a message that quotes it. */
    static String cut(String value) {
        return TextInput.abbreviate(value, 40);
    }
}
