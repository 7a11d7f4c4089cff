package app.dukkan.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhonesTests {

    @Test
    void writtenFormsOfOneNumberAreOneNumber() {
        for (String written : new String[] {"+49 30 1234567", "0049 30 1234567", "+49 (30) 123-4567", "49301234567"}) {
            assertThat(Phones.normalize(written)).as(written).hasValue("+49301234567");
        }
    }

    @Test
    void whatCannotBeAnInternationalNumberIsNone() {
        for (String written : new String[] {"", "123", "+0 30 1234567", "+49 30 1234567 ext 5", "+1234567890123456"}) {
            assertThat(Phones.normalize(written)).as(written).isEmpty();
        }
        assertThat(Phones.normalize(null)).isEmpty();
    }

    @Test
    void theShortestInternationalNumbersAreNumbers() {
        // Niue: seven digits with its country code, as the WhatsApp inbox and the consent log take them
        assertThat(Phones.normalize("+683 4002")).hasValue("+6834002");
        assertThat(Phones.normalize("6834002")).hasValue("+6834002");
        assertThat(Phones.normalize("+683 400")).isEmpty();
    }
}
