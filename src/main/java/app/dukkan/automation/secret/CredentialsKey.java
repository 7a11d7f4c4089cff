package app.dukkan.automation.secret;

import app.dukkan.platform.StartupRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SecretBox} of connector credentials: its key from {@code
 * dukkan.automation.credentials-key}; without one (development, the demo shop) a key generated once
 * into {@code dukkan.automation.credentials-key-file}, with a warning that production must set the
 * variable. The key is never kept in the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CredentialsProperties.class)
class CredentialsKey {

    private static final Logger log = LoggerFactory.getLogger(CredentialsKey.class);

    @Bean
    SecretBox credentialsBox(CredentialsProperties properties) {
        return new SecretBox(key(properties));
    }

    static byte[] key(CredentialsProperties properties) {
        String configured = properties.credentialsKey();
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), "dukkan.automation.credentials-key");
        }
        Path file = Path.of(properties.credentialsKeyFile());
        if (!Files.exists(file)) {
            create(file);
        }
        log.warn(
                "Connector credentials are encrypted with the generated key in {}: production must set"
                        + " DUKKAN_AUTOMATION_CREDENTIALS_KEY (base64 of 32 random bytes, the same on every instance)",
                file.toAbsolutePath());
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the credentials key " + file, e);
        }
    }

    /**
     * Writes the new key to a file of its own, then links it under its name: two processes of this
     * machine starting at once (a web and a worker) never read a file the other is still writing.
     */
    private static void create(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path written = Files.createTempFile(parent, file.getFileName().toString(), ".new");
            try {
                try {
                    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // a file system without POSIX permissions keeps its defaults
                }
                Files.writeString(written, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                Files.createLink(file, written);
            } catch (FileAlreadyExistsException raced) {
                // another process of this machine created it first: use that one
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the credentials key " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new StartupRefusedException(
                    source + " is not base64",
                    "Set DUKKAN_AUTOMATION_CREDENTIALS_KEY to base64 of 32 random bytes, e.g. `openssl rand -base64 32`.");
        }
        if (key.length != 32) {
            throw new StartupRefusedException(
                    source + " holds " + key.length + " bytes; an AES-256 key has 32",
                    "Set DUKKAN_AUTOMATION_CREDENTIALS_KEY to base64 of 32 random bytes, e.g. `openssl rand -base64 32`.");
        }
        return key;
    }
}
