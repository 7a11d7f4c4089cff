package app.dukkan.platform;

import java.util.Optional;
import java.util.UUID;

/**
 * Who acts in the current request, as the module that signs people in knows them: the platform
 * records actions without depending on that module.
 */
public interface Actors {

    /** A signed-in user: id and sign-in name. */
    record Actor(UUID id, String name) {}

    Optional<Actor> current();
}
