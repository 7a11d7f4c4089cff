package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer;
import app.dukkan.catalog.ImportFileRefused;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file read for an import: its columns and its rows, cells as the export wrote them (with
 * the formula apostrophe taken off). Problems with the file as a whole (not UTF-8, not CSV, missing
 * or unknown columns, no rows, too many rows) are a 422 before anything else happens.
 */
final class ImportFile {

    /** The columns of the CSV. */
    enum Column {
        SLUG,
        NAME,
        DESCRIPTION,
        CATEGORY,
        STATUS,
        ATTRIBUTES,
        SKU,
        VARIANT_NAME,
        VARIANT_ATTRIBUTES,
        PRICE,
        STOCK,
        IMAGES;

        String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
    record Row(int number, String[] cells) {}

    private final Map<Column, Integer> columns;
    private final int width;
    private final List<Row> rows;

    private ImportFile(Map<Column, Integer> columns, int width, List<Row> rows) {
        this.columns = columns;
        this.width = width;
        this.rows = rows;
    }

    /** How many cells the header has: every row should have as many. */
    int width() {
        return width;
    }

    List<Row> rows() {
        return rows;
    }

    boolean has(Column column) {
        return columns.containsKey(column);
    }

    /** The row's cell in that column; "" when the file has no such column. */
    String cell(Row row, Column column) {
        Integer index = columns.get(column);
        return index == null || index >= row.cells().length ? "" : row.cells()[index];
    }

    /**
     * Reads the whole file.
     *
     * @throws ImportFileRefused 422 for a file that cannot be imported at all
     */
    static ImportFile read(InputStream in, int maxRows) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        CSVParser parser = null;
        try {
            skipByteOrderMark(reader);
            char delimiter = delimiter(reader);
            parser = CSVParser.builder()
                    .setReader(reader)
                    .setFormat(CsvCells.read(delimiter))
                    .get();
            var records = parser.iterator();
            CSVRecord headerRecord = null;
            while (records.hasNext() && headerRecord == null) {
                CSVRecord record = records.next();
                headerRecord = blank(record.values()) ? null : record;
            }
            if (headerRecord == null) {
                throw unreadable(ImportProblem.FILE_EMPTY.of("file"));
            }
            Map<Column, Integer> columns = columns(headerRecord);
            List<Row> rows = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                String[] cells = record.values();
                if (blank(cells)) {
                    continue;
                }
                if (rows.size() >= maxRows) {
                    throw new ImportFileRefused(
                            "Too many rows",
                            "The file has more than " + maxRows + " rows; split it into several imports",
                            List.of(ImportProblem.FILE_TOO_MANY_ROWS.of("file", maxRows)));
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = CsvCells.restore(cells[i]);
                }
                rows.add(new Row(Math.toIntExact(record.getRecordNumber()), cells));
            }
            if (rows.isEmpty()) {
                throw unreadable(ImportProblem.FILE_NO_ROWS.of("file"));
            }
            return new ImportFile(columns, headerRecord.size(), rows);
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8();
            }
            throw notCsv(parser, e.getCause());
        } catch (IOException e) {
            throw notCsv(parser, e);
        } catch (IllegalStateException e) {
            throw notCsv(parser, e);
        }
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /** Comma, or semicolon when the first line has semicolons and no commas (spreadsheets in many languages). */
    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(64 * 1024);
        StringBuilder line = new StringBuilder();
        for (int c = reader.read();
                c >= 0 && c != '\n' && c != '\r' && line.length() < 64 * 1024 - 1;
                c = reader.read()) {
            line.append((char) c);
        }
        reader.reset();
        return line.indexOf(",") < 0 && line.indexOf(";") >= 0 ? ';' : ',';
    }

    private static Map<Column, Integer> columns(CSVRecord header) {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            Column column = byHeader(name);
            if (column == null) {
                if (!name.isEmpty() || i < header.size() - 1) {
                    unknown.add(CsvCells.quoted(name));
                }
            } else if (columns.putIfAbsent(column, i) != null) {
                twice.add(name);
            }
        }
        List<ImportFileRefused.Problem> problems = new ArrayList<>();
        List<String> missing = CatalogTransfer.REQUIRED_COLUMNS.stream()
                .filter(name -> !columns.containsKey(byHeader(name)))
                .toList();
        if (!missing.isEmpty()) {
            problems.add(ImportProblem.COLUMNS_MISSING.of("header", String.join(", ", missing)));
        }
        if (!unknown.isEmpty()) {
            problems.add(ImportProblem.COLUMNS_UNKNOWN.of(
                    "header", String.join(", ", unknown), String.join(", ", CatalogTransfer.COLUMNS)));
        }
        if (!twice.isEmpty()) {
            problems.add(ImportProblem.COLUMNS_TWICE.of("header", String.join(", ", twice)));
        }
        if (!problems.isEmpty()) {
            throw new ImportFileRefused(
                    "The file's columns are not right",
                    "The first row must name the columns: " + String.join(", ", CatalogTransfer.COLUMNS)
                            + " (required: " + String.join(", ", CatalogTransfer.REQUIRED_COLUMNS) + ")",
                    problems);
        }
        return columns;
    }

    private static @Nullable Column byHeader(String name) {
        for (Column column : Column.values()) {
            if (column.header().equals(name)) {
                return column;
            }
        }
        return null;
    }

    private static boolean blank(String[] cells) {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static ImportFileRefused unreadable(ImportFileRefused.Problem problem) {
        return new ImportFileRefused(
                "The file cannot be imported", problem.field() + ": " + problem.message(), List.of(problem));
    }

    private static ImportFileRefused notUtf8() {
        return unreadable(ImportProblem.FILE_NOT_UTF8.of("file"));
    }

    /** Not CSV, near a line: the first, when the file failed before its rows were parsed. */
    private static ImportFileRefused notCsv(@Nullable CSVParser parser, @Nullable Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        ImportProblem what;
        if (message.contains("EOF reached before encapsulated token finished")) {
            what = ImportProblem.FILE_QUOTE_OPEN;
        } else if (message.contains("invalid char between encapsulated token and delimiter")) {
            what = ImportProblem.FILE_QUOTE_TRAILING;
        } else {
            what = ImportProblem.FILE_NOT_CSV;
        }
        long line = parser == null ? 1 : parser.getCurrentLineNumber();
        return unreadable(what.of("file", line));
    }
}
