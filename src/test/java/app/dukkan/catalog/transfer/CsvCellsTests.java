package app.dukkan.catalog.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTests {

    @Test
    void neutralisesFormulaCellsAndRestoresEveryCellExactly() {
        String[][] cases = {
            {"=1+2", "'=1+2"},
            {"+49 30 123", "'+49 30 123"},
            {"-5", "'-5"},
            {"@cmd", "'@cmd"},
            {"\tindented", "'\tindented"},
            {"\rreturn", "'\rreturn"},
            {"'=already", "''=already"},
            {"''+twice", "'''+twice"},
            {"'plain apostrophe", "'plain apostrophe"},
            {"plain = text", "plain = text"},
            {"", ""},
            {"'", "'"},
            {"مصباح", "مصباح"},
        };
        for (String[] c : cases) {
            assertThat(CsvCells.neutralise(c[0])).as("written " + c[0]).isEqualTo(c[1]);
            assertThat(CsvCells.restore(c[1])).as("read " + c[1]).isEqualTo(c[0]);
        }
    }
}
