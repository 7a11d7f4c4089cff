package app.dukkan.automation.secret;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Named connector credentials (a Slack incoming-webhook URL, a WhatsApp phone number id and token),
 * stored encrypted. Workflow steps name a credential; its value never leaves the shop through an
 * API or a log.
 */
public interface Credentials {

    /** A credential without its value. */
    record Credential(String name, String connector, Instant createdAt, Instant updatedAt) {}

    /** A credential's value, for the connector that uses it; never returned by an API. */
    record Revealed(String name, String connector, String value) {
        @Override
        public String toString() {
            return "Revealed[name=" + name + ", connector=" + connector + ", value=…]";
        }
    }

    /**
     * Creates the credential, or replaces the connector and value of the one with this name.
     *
     * @throws app.dukkan.platform.ProblemException 400 for a malformed name, an unknown connector or
     *     a value the connector cannot use
     */
    Credential save(String name, String connector, String value);

    /**
     * The credential's value, decrypted; empty when there is none of this name.
     *
     * @throws SecretBox.SealedValueException when the value was stored under another key
     */
    Optional<Revealed> reveal(String name);

    /** Every credential, by name, without values. */
    List<Credential> list();

    /** @return whether there was one */
    boolean delete(String name);
}
