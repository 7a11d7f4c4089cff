package app.dukkan.automation.connector;

import app.dukkan.automation.secret.Credentials;
import app.dukkan.automation.secret.SecretBox;

/** A step's named credential, checked to belong to the connector that uses it. */
final class CredentialValues {

    private CredentialValues() {}

    static String reveal(Credentials credentials, String name, String connector) {
        Credentials.Revealed revealed;
        try {
            revealed = credentials
                    .reveal(name)
                    .orElseThrow(() -> new ConnectorException("no credential named '" + name + "'", false));
        } catch (SecretBox.SealedValueException e) {
            throw new ConnectorException("credential '" + name + "' cannot be decrypted: " + e.getMessage(), false, e);
        }
        if (!revealed.connector().equals(connector)) {
            throw new ConnectorException(
                    "credential '" + name + "' is for " + revealed.connector() + ", not " + connector, false);
        }
        return revealed.value();
    }
}
