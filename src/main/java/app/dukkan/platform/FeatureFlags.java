package app.dukkan.platform;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a feature is on, evaluated at request time through OpenFeature. A switch made on one
 * instance reaches every instance within a second.
 */
public interface FeatureFlags {

    /** A flag as stored: its key, state, what it switches and who switched it last. */
    record Flag(
            String key,
            boolean enabled,
            String description,
            Instant updatedAt,
            @Nullable String updatedBy) {}

    boolean isOn(Feature feature);

    List<Flag> list();

    /**
     * Switches a flag for every instance, recording who did ({@code by}: a sign-in name); answers
     * the flag as stored.
     *
     * @throws ProblemException 404 when no flag has this key
     */
    Flag set(String key, boolean enabled, @Nullable String by);

    /** Forgets who switched flags where it was this sign-in name (an erased operator): {@code [erased]}. */
    void forgetSwitcher(String by);
}
