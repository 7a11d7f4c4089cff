package app.dukkan.platform.flags;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * OpenFeature provider for boolean flags kept in a table. Evaluation reads an in-memory copy of the
 * table (no query per request); {@link #reload()} replaces the copy and tells OpenFeature which
 * flags changed. Flags of other types are not kept: their evaluation answers the default.
 */
final class TableFlagProvider extends EventProvider {

    private static final Metadata METADATA = () -> "dukkan-table";

    private final Supplier<Map<String, Boolean>> table;
    private volatile Map<String, Boolean> flags = Map.of();

    TableFlagProvider(Supplier<Map<String, Boolean>> table) {
        this.table = table;
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    @Override
    public void initialize(EvaluationContext context) {
        flags = Map.copyOf(table.get());
    }

    /** Reads the table again; flags whose state changed are announced as a configuration change. */
    void reload() {
        Map<String, Boolean> now = Map.copyOf(table.get());
        Map<String, Boolean> before = flags;
        flags = now;
        Set<String> changed = new java.util.TreeSet<>();
        now.forEach((key, on) -> {
            if (!on.equals(before.get(key))) {
                changed.add(key);
            }
        });
        before.keySet().stream().filter(key -> !now.containsKey(key)).forEach(changed::add);
        if (!changed.isEmpty()) {
            emitProviderConfigurationChanged(ProviderEventDetails.builder()
                    .flagsChanged(java.util.List.copyOf(changed))
                    .build());
        }
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(
            String key, Boolean defaultValue, EvaluationContext context) {
        Boolean on = flags.get(key);
        if (on == null) {
            return ProviderEvaluation.<Boolean>builder()
                    .value(defaultValue)
                    .reason(Reason.ERROR.toString())
                    .errorCode(ErrorCode.FLAG_NOT_FOUND)
                    .errorMessage("no flag " + key)
                    .build();
        }
        return ProviderEvaluation.<Boolean>builder()
                .value(on)
                .variant(on ? "on" : "off")
                .reason(Reason.STATIC.toString())
                .build();
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext context) {
        return typeMismatch(defaultValue);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(
            String key, Integer defaultValue, EvaluationContext context) {
        return typeMismatch(defaultValue);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext context) {
        return typeMismatch(defaultValue);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext context) {
        return typeMismatch(defaultValue);
    }

    private static <T> ProviderEvaluation<T> typeMismatch(T defaultValue) {
        return ProviderEvaluation.<T>builder()
                .value(defaultValue)
                .reason(Reason.ERROR.toString())
                .errorCode(ErrorCode.TYPE_MISMATCH)
                .errorMessage("the shop's flags are boolean")
                .build();
    }
}
