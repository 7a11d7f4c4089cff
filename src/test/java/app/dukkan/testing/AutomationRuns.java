package app.dukkan.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows of automation as a finished run leaves them, for tests of what other modules do with them. */
public final class AutomationRuns {

    private AutomationRuns() {}

    /** A succeeded webhook run, with this JSON payload, of a workflow of its own. */
    public static UUID succeeded(JdbcClient jdbc, String payload) {
        UUID workflow = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        insert into automation_workflows (id, key, name, current_version, trigger_type, signing_secret,
                                                          created_at, updated_at)
                        values (?, ?, 'Erasure test', 1, 'webhook', '\\x00'::bytea, ?, ?)""")
                .params(workflow, "erasure-" + workflow.toString().substring(0, 8), now, now)
                .update();
        jdbc.sql("""
                        insert into automation_workflow_versions (workflow_id, version, definition, created_at)
                        values (?, 1, '{}'::jsonb, ?)""").params(workflow, now).update();
        jdbc.sql("""
                        insert into automation_runs (id, workflow_id, version, status, trigger_type, payload, created_at)
                        values (?, ?, 1, 'succeeded', 'webhook', cast(? as jsonb), ?)""").params(run, workflow, payload, now).update();
        return run;
    }
}
