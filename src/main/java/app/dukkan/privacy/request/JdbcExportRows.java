package app.dukkan.privacy.request;

import app.dukkan.privacy.ExportRows;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link ExportRows} by PostgreSQL's own JSON of each row, so jsonb stays JSON and times ISO-8601. */
@Component
class JdbcExportRows implements ExportRows {

    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcExportRows(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<Map<String, Object>> rows(String sql, Map<String, ?> params) {
        String rows = jdbc.sql("select coalesce(jsonb_agg(to_jsonb(r)), '[]')::text from (" + sql + ") r")
                .params(params)
                .query(String.class)
                .single();
        return json.readValue(rows, ROWS);
    }
}
