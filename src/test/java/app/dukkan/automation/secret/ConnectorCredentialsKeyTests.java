package app.dukkan.automation.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.platform.StartupRefusedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorCredentialsKeyTests {

    @TempDir
    Path dir;

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheFile() throws Exception {
        Path file = dir.resolve("var/automation-credentials.key");
        CredentialsProperties properties = new CredentialsProperties(null, file.toString());

        byte[] first = CredentialsKey.key(properties);
        byte[] second = CredentialsKey.key(properties);

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aConfiguredKeyWinsAndABadOneRefusesToStart() {
        byte[] key = new byte[32];
        key[31] = 7;
        String configured = Base64.getEncoder().encodeToString(key);
        Path file = dir.resolve("unused.key");

        assertThat(CredentialsKey.key(new CredentialsProperties(configured, file.toString())))
                .isEqualTo(key);
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> CredentialsKey.key(new CredentialsProperties("c2hvcnQ=", file.toString())))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("5 bytes");
        assertThatThrownBy(() -> CredentialsKey.key(new CredentialsProperties("not base64!", file.toString())))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("not base64");
    }

    @Test
    void aSealedValueOpensOnlyWithItsKeyAndItsAssociatedData() {
        byte[] key = new byte[32];
        SecretBox box = new SecretBox(key);
        byte[] aad = "slack-ops".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = box.seal("https://hooks.slack.com/x".getBytes(StandardCharsets.UTF_8), aad);
        byte[] again = box.seal("https://hooks.slack.com/x".getBytes(StandardCharsets.UTF_8), aad);

        assertThat(sealed).isNotEqualTo(again).as("a fresh nonce each time");
        assertThat(new String(box.open(sealed, aad), StandardCharsets.UTF_8)).isEqualTo("https://hooks.slack.com/x");
        assertThatThrownBy(() -> box.open(sealed, "other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecretBox.SealedValueException.class);
        byte[] other = new byte[32];
        other[0] = 9;
        assertThatThrownBy(() -> new SecretBox(other).open(sealed, aad))
                .isInstanceOf(SecretBox.SealedValueException.class)
                .hasMessageContaining("another key");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed, aad)).isInstanceOf(SecretBox.SealedValueException.class);
    }
}
