package app.dukkan.privacy.request;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A privacy request's phone and the addresses' phones meet through the same key: the request's in
 * Java, the orders' in the database's {@code phone_key} (V75), which must agree.
 */
@DukkanTest
class PhoneKeyTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRequestAndTheDatabaseReadEveryFormOfAPhoneAlike() {
        List<String> written = List.of(
                "+49 30 1234567",
                "0049 30 1234567",
                "00 49 (30) 123-4567",
                "49301234567",
                "+49.30.1234567",
                "030 1234567",
                "(030) 123 45 67");
        for (String phone : written) {
            String key = jdbc.sql("select phone_key(?)")
                    .param(phone)
                    .query(String.class)
                    .single();
            assertThat(key).as(phone).isEqualTo(PrivacyRequestService.international(phone));
        }
        assertThat(PrivacyRequestService.international("0049 30 1234567")).isEqualTo("+49301234567");
        assertThat(PrivacyRequestService.international("49301234567")).isEqualTo("+49301234567");
        assertThat(PrivacyRequestService.international("(030) 123 45 67")).isEqualTo("0301234567");
        assertThat(jdbc.sql("select phone_key('  ')").query(String.class).optional())
                .isEmpty();
    }
}
