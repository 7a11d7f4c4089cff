package app.dukkan.automation.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTests {

    private static String redacted(String text) {
        return PiiRedactor.redact(text).value();
    }

    // emails

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Mail sent to ahmed.ali+shop@example.com.sa.|Mail sent to [email].",
                "<Customer.Name@Example.DE>|<[email]>",
                "mailto:sara_99@mail.co.uk?subject=x|mailto:[email]?subject=x",
                "Kunde müller@beispiel.de benachrichtigt|Kunde [email] benachrichtigt",
                "راسلني على user@example.com شكرا|راسلني على [email] شكرا",
                "a@b.co, c@d.io|[email], [email]"
            })
    void redactsEmailAddresses(String text, String expected) {
        var result = PiiRedactor.redact(text);
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.redacted()).isTrue();
    }

    // phone numbers

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Call +9665 0123 4567 now|Call [phone] now",
                "whatsapp:+966501234567|whatsapp:[phone]",
                "+966 50 123 4567|[phone]",
                "Tel. +49 (0)30 1234567.|Tel. [phone].",
                "+1 (555) 123-4567|[phone]",
                "+44 20 7946 0958|[phone]",
                "+971-4-123-4567|[phone]",
                "00966501234567|[phone]",
                "0501234567|[phone]",
                "Telefon: 030 1234 5678|Telefon: [phone]",
                "(030) 1234567|[phone]",
                "call 555-123-4567 today|call [phone] today",
                "wa_id 966501234567|wa_id [phone]",
                "0501234567 / 0559876543|[phone] / [phone]",
                "0501234567 0559876543|[phone] [phone]",
                "phone=0501234567&x=1|phone=[phone]&x=1"
            })
    void redactsPhoneNumbers(String text, String expected) {
        var result = PiiRedactor.redact(text);
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.redacted()).isTrue();
    }

    @Test
    void redactsArabicIndicDigitsAndKeepsThemAround() {
        var result = PiiRedactor.redact("رقم الجوال ٠٥٠١٢٣٤٥٦٧ والطلب رقم ١٢");
        assertThat(result.value()).isEqualTo("رقم الجوال [phone] والطلب رقم ١٢");
        assertThat(redacted("الهاتف +٩٦٦٥٠١٢٣٤٥٦٧")).isEqualTo("الهاتف [phone]");
        assertThat(redacted("Karte ۴۱۱۱ ۱۱۱۱ ۱۱۱۱ ۱۱۱۱")).isEqualTo("Karte [card]");
    }

    // card numbers

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "card 4111 1111 1111 1111 declined|card [card] declined",
                "4111-1111-1111-1111|[card]",
                "4242424242424242|[card]",
                "Amex 3782 822463 10005|Amex [card]",
                "5555555555554444, exp 12/29|[card], exp 12/29",
                "Bezahlt mit 6011111111111117.|Bezahlt mit [card].",
                "order 42 4111 1111 1111 1111 2029|order 42 [card] 2029"
            })
    void redactsCardNumbersThatPassTheLuhnCheck(String text, String expected) {
        var result = PiiRedactor.redact(text);
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.redacted()).isTrue();
    }

    @Test
    void redactsAnEmailWithADateOrAUuidInIt() {
        assertThat(PiiRedactor.redact("from john.smith.1990-05-12@gmail.com today")
                        .value())
                .isEqualTo("from [email] today");
        assertThat(PiiRedactor.redact("ali.12-05-1990@hotmail.com").value()).isEqualTo("[email]");
        assertThat(PiiRedactor.redact("a1b2c3d4-0000-4000-8000-000000000000@reply.shop.com on 2026-05-14")
                        .value())
                .isEqualTo("[email] on 2026-05-14");
    }

    @Test
    void redactsNumbersListedWithCommasButNotDecimals() {
        assertThat(PiiRedactor.redact("4111111111111111,5500000000000004").value())
                .isEqualTo("[card],[card]");
        assertThat(PiiRedactor.redact("015123456789,015198765432").value()).isEqualTo("[phone],[phone]");
        assertThat(PiiRedactor.redact("total 1,299,000.50 and 3.14159265").redacted())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Jane Doe,+491701234567,jane@example.com|Jane Doe,[phone],[email]",
                "Tel.+49 170 1234567|Tel.[phone]",
                "x,4111111111111111|x,[card]",
                "Nr.0501234567|Nr.[phone]"
            })
    void redactsNumbersAfterACommaOrFullStopThatEndsAWord(String text, String expected) {
        assertThat(redacted(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://erp.example/c?email=jane%2Bx%40example.com|https://erp.example/c?email=[email]",
                "https://erp.example/c?email=jane%2bx%40example.com&n=1|https://erp.example/c?email=[email]&n=1",
                "/c/m%C3%BCller%40beispiel.de/x|/c/[email]/x",
                "?phone=%2B49%20170%201234567&card=4111%201111%201111%201111|?phone=[phone]&card=[card]",
                "?tel=%D9%A0%D9%A5%D9%A0%D9%A1%D9%A2%D9%A3%D9%A4%D9%A5%D9%A6%D9%A7|?tel=[phone]",
                "mail jane%40example.com or sara@example.com|mail [email] or [email]"
            })
    void redactsPercentEncodedPersonalDataWhereItIsEncoded(String text, String expected) {
        var result = PiiRedactor.redact(text);
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.redacted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"100% sure, 50%-off", "order%20DK-100001%20paid", "broken %C3 and %ZZ and %4"})
    void leavesPercentEncodedTextWithoutPersonalDataAlone(String text) {
        var result = PiiRedactor.redact(text);
        assertThat(result.value()).isEqualTo(text);
        assertThat(result.redacted()).isFalse();
    }

    @Test
    void leavesNumbersThatFailTheLuhnCheck() {
        assertThat(PiiRedactor.redact("4111 1111 1111 1112").redacted()).isFalse();
        assertThat(PiiRedactor.redact("1234567812345678").redacted()).isFalse();
    }

    // IBANs

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "IBAN DE89 3704 0044 0532 0130 00 bitte|IBAN [iban] bitte",
                "DE89370400440532013000|[iban]",
                "GB29 NWBK 6016 1331 9268 19|[iban]",
                "nl91abna0417164300|[iban]",
                "الآيبان SA03 8000 0000 6080 1016 7519|الآيبان [iban]",
                "AE07 0331 2345 6789 0123 456.|[iban]."
            })
    void redactsIbansThatPassTheMod97Check(String text, String expected) {
        var result = PiiRedactor.redact(text);
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.redacted()).isTrue();
    }

    @Test
    void leavesIbanLookAlikesWithAWrongCheck() {
        assertThat(PiiRedactor.redact("DE89 3704 0044 0532 0130 01").value())
                .doesNotContain("[iban]")
                .doesNotContain("[card]");
        assertThat(PiiRedactor.redact("AB12 CDEF GHIJ KLMN OP").redacted()).isFalse();
    }

    // innocent look-alikes

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Order DK-100001 paid",
                "Order DK-1000012345 paid",
                "Invoice INV-2026-00012345",
                "SKU ABC-12345678-X",
                "ran at 2026-05-14T10:15:30Z",
                "ran at 2026-05-14T10:15:30.123456789+03:00",
                "ran at 2026-05-14 10:15:30.123+0300",
                "due 2026-05-14",
                "due 05-14-2026 or 14-05-2026",
                "at 10:15:30 on 14.05.2026 or 14/05/2026",
                "run 0190a5b2-7c3e-7def-8abc-123456789012",
                "run 01234567-8901-2345-6789-012345678901",
                "total 1,299.00 SAR",
                "Summe 1.299,00 €",
                "amount 12345678.50",
                "amount_minor 129900",
                "pi 3.14159265358979",
                "qty 3, sizes 38 40 42 44",
                "years 2024 2025",
                "ref abc12345678901 and 12345678901xyz",
                "ticket #123456789012",
                "GET /api/v1/orders/0501234567",
                "version 1.2.3 on 192.168.100.200",
                "epoch 1715690000",
                "short 12345 and 1234567",
                "stock_low_threshold_10000000",
                "Ihre Bestellung DK-100042 vom 14.05.2026 über 1.299,00 € ist unterwegs.",
                "تم الدفع للطلب DK-100001 بمبلغ ١٬٢٩٩٫٠٠ ريال في ٢٠٢٦-٠٥-١٤",
                "الطلب رقم ١٠٠٠٠١ بتاريخ ١٤/٠٥/٢٠٢٦",
                "[email] [phone] [card] [iban]",
                ""
            })
    void leavesInnocentLookAlikesAlone(String text) {
        var result = PiiRedactor.redact(text);
        assertThat(result.value()).isEqualTo(text);
        assertThat(result.redacted()).isFalse();
    }

    @Test
    void redactsEverythingInOneLineAndKeepsTheRest() {
        String line = "Order DK-100001 (1,299.00 SAR) for sara@example.com, +966 50 123 4567,"
                + " card 4111 1111 1111 1111, IBAN SA03 8000 0000 6080 1016 7519 at 2026-05-14T10:15:30Z";
        assertThat(redacted(line))
                .isEqualTo("Order DK-100001 (1,299.00 SAR) for [email], [phone], card [card], IBAN [iban] at"
                        + " 2026-05-14T10:15:30Z");
    }

    // JSON-like values

    @Test
    void redactsJsonLikeValuesRecursivelyAndKeepsKeys() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("email", "sara@example.com");
        customer.put("phone", "+966501234567");
        customer.put("name", "Sara");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", customer);
        data.put("order", "DK-100001");
        data.put("total_minor", 129900);
        data.put("paid", true);
        data.put("note", null);
        data.put("cards", List.of(4111111111111111L, "5555 5555 5555 4444", new BigInteger("6011111111111117")));
        data.put("created", 1715690000000L);
        data.put("ratio", new BigDecimal("4111111111111111.5"));

        var result = PiiRedactor.redactMap(data);

        assertThat(result.redacted()).isTrue();
        Map<String, Object> out = result.value();
        assertThat(out).containsOnlyKeys(data.keySet());
        assertThat(out.get("customer")).isEqualTo(Map.of("email", "[email]", "phone", "[phone]", "name", "Sara"));
        assertThat(out.get("order")).isEqualTo("DK-100001");
        assertThat(out.get("total_minor")).isEqualTo(129900);
        assertThat(out.get("paid")).isEqualTo(true);
        assertThat(out.get("note")).isNull();
        assertThat(out.get("cards")).isEqualTo(List.of("[card]", "[card]", "[card]"));
        assertThat(out.get("created")).isEqualTo(1715690000000L);
        assertThat(out.get("ratio")).isEqualTo(new BigDecimal("4111111111111111.5"));
    }

    @Test
    void redactsNumbersThatArePhoneOrCardNumbersAndKeysThatHoldPersonalData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phone", 491701234567L);
        data.put("us", 15551234567L);
        data.put("card", new BigInteger("4111111111111111"));
        data.put("jane@example.com", Map.of("orders", 2));
        data.put("sara@example.com", Map.of("orders", 1));
        data.put("+966501234567", "wa");
        data.put("createdMillis", 1715690000000L);
        data.put("amount", 129900);

        var result = PiiRedactor.redactMap(data);

        assertThat(result.redacted()).isTrue();
        assertThat(result.value())
                .containsExactly(
                        Map.entry("phone", "[phone]"),
                        Map.entry("us", "[phone]"),
                        Map.entry("card", "[card]"),
                        Map.entry("[email]", Map.of("orders", 2)),
                        Map.entry("[email] (2)", Map.of("orders", 1)),
                        Map.entry("[phone]", "wa"),
                        Map.entry("createdMillis", 1715690000000L),
                        Map.entry("amount", 129900));
    }

    @Test
    void saysNothingWasRedactedWhenNothingWas() {
        var result = PiiRedactor.redactValue(Map.of("order", "DK-100001", "lines", List.of(1, 2, 3)));
        assertThat(result.redacted()).isFalse();
        assertThat(result.value()).isEqualTo(Map.of("order", "DK-100001", "lines", List.of(1, 2, 3)));
    }

    @Test
    void replacesNestingBeyondTheLimitInsteadOfOverflowing() {
        List<Object> deep = new ArrayList<>();
        List<Object> at = deep;
        for (int i = 0; i < 10_000; i++) {
            List<Object> inner = new ArrayList<>();
            at.add(inner);
            at = inner;
        }
        var result = PiiRedactor.redactValue(deep);
        assertThat(result.redacted()).isTrue();
    }

    @Test
    void handlesLongTextInLinearTime() {
        String text = "a".repeat(200_000) + " 1".repeat(50_000) + "x.".repeat(50_000);
        long started = System.nanoTime();
        assertThat(PiiRedactor.redact(text).redacted()).isFalse();
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    }
}
