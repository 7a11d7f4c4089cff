package app.dukkan.privacy;

import java.util.List;
import java.util.Map;

/**
 * Reads rows for an export as JSON-ready values, for the modules' {@link PersonalData}: each row a
 * map of its columns by name, times in ISO-8601, jsonb columns as the JSON they hold.
 */
public interface ExportRows {

    /** The rows of a query with named parameters ({@code :user}), in its order. */
    List<Map<String, Object>> rows(String sql, Map<String, ?> params);
}
