package app.dukkan.automation.privacy;

import app.dukkan.automation.connector.Connector;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workflow runs whose trigger payload, step results or errors mention the person (an order's email,
 * a customer's name in a message). Runs are the operators' record of what the shop did, so an
 * erasure keeps them, their states and times, and replaces the person's email, phone and name with
 * {@code [erased]}; so it does in the logs that were not redacted when written. The files such a
 * run's steps stored (PDFs drawn from its data) are deleted. Nothing indexes whole payloads (it
 * would tax every run for a rare erasure): these are read through, bounded by the log retention and
 * the shop's number of runs.
 */
@Component
class AutomationPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final ExportRows rows;
    private final List<Connector> connectors;

    AutomationPersonalData(JdbcClient jdbc, ExportRows rows, List<Connector> connectors) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.connectors = connectors;
    }

    @Override
    public String part() {
        return "automation";
    }

    @Override
    public Object export(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", rows.rows("""
                select r.id, w.key as workflow, r.status, r.trigger_type, r.payload, r.created_at
                from automation_runs r join automation_workflows w on w.id = r.workflow_id
                where cast(r.payload as text) ~* :pattern order by r.id""", params));
        out.put("steps", rows.rows("""
                select run_id, step, connector, status, output from automation_step_runs
                where cast(output as text) ~* :pattern order by run_id, step""", params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        Set<UUID> runs = new HashSet<>();
        runs.addAll(jdbc.sql("""
                        update automation_runs
                        set payload = redact_jsonb(payload, :pattern, '[erased]'),
                            error = regexp_replace(error, :pattern, '[erased]', 'gi')
                        where cast(payload as text) ~* :pattern or error ~* :pattern
                        returning id""").params(params).query(UUID.class).list());
        runs.addAll(jdbc.sql("""
                        update automation_step_runs
                        set output = redact_jsonb(output, :pattern, '[erased]'),
                            error = regexp_replace(error, :pattern, '[erased]', 'gi')
                        where cast(output as text) ~* :pattern or error ~* :pattern
                        returning run_id""").params(params).query(UUID.class).list());
        runs.addAll(jdbc.sql("""
                        update automation_logs
                        set message = left(regexp_replace(message, :pattern, '[erased]', 'gi'), 4000),
                            data = redact_jsonb(data, :pattern, '[erased]')
                        where message ~* :pattern or cast(data as text) ~* :pattern
                        returning run_id""").params(params).query(UUID.class).list());
        // a line about the workflow itself has no run
        runs.remove(null);
        // no rewrite reaches into a stored document: those of the runs that mention the person go
        runs.forEach(run -> connectors.forEach(connector -> connector.deleteStored(run)));
    }
}
