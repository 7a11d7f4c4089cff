package app.dukkan.identity;

import java.io.Serializable;
import java.util.UUID;

/** Identifies a user account. */
public record UserId(UUID value) implements Serializable {

    @Override
    public String toString() {
        return value.toString();
    }
}
