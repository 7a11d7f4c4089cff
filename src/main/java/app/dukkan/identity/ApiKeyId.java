package app.dukkan.identity;

import java.util.UUID;

/** Identifies an API key (not its secret). */
public record ApiKeyId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
