package app.dukkan.automation.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.FileStore;
import app.dukkan.privacy.DataSubject;
import app.dukkan.testing.AutomationRuns;
import app.dukkan.testing.DukkanTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Erasing a person from the automation's runs: their rows rewritten, the documents drawn from them deleted. */
@DukkanTest
class AutomationErasureTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FileStore files;

    @Autowired
    AutomationPersonalData automation;

    @Test
    void anErasureDeletesTheDocumentsOfRunsThatMentionThePersonAndRewritesKeysAndNumbers() {
        String token = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        String email = "erasable-" + token + "@example.com";
        String digits = "49170" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        UUID theirs = AutomationRuns.succeeded(jdbc, """
                {"customer": {"email": "%s"}, "byEmail": {"%s": {"orders": 2}}, "phone": %s}""".formatted(email, email, digits));
        UUID others =
                AutomationRuns.succeeded(jdbc, "{\"customer\": {\"email\": \"someone-" + token + "@example.com\"}}");
        String receipt = stored(theirs, "receipt.pdf");
        String item = stored(theirs, "letters.0.pdf");
        String othersReceipt = stored(others, "receipt.pdf");

        automation.erase(new DataSubject(null, email, "+" + digits, null));

        assertThat(files.read(receipt)).isEmpty();
        assertThat(files.read(item)).isEmpty();
        assertThat(files.read(othersReceipt)).isPresent();
        String payload = jdbc.sql("select cast(payload as text) from automation_runs where id = ?")
                .param(theirs)
                .query(String.class)
                .single();
        assertThat(payload)
                .doesNotContain(email)
                .doesNotContain(digits)
                .contains("\"[erased]\": {\"orders\": 2}")
                .contains("\"phone\": \"[erased]\"");
    }

    /** A document the run's pdf step stored, where the connector keeps it. */
    String stored(UUID run, String name) {
        String key = "private/automation/pdf/" + run + "/" + name;
        files.store(key, "%PDF-1.7 a document".getBytes(StandardCharsets.US_ASCII));
        return key;
    }
}
