package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer.ImportView;
import app.dukkan.catalog.CatalogTransfer.RowProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import records ({@code product_imports}): who imported what and when, the progress of a
 * running import and the report of a finished one. A queued import keeps its file here until it
 * ends, so any worker can run it. The progress of its write phase is committed in transactions of
 * its own while the import's transaction is open: the import must not have written its record in
 * that transaction before (it would wait for itself), and finishes it only at the end.
 */
@Repository
class ImportRecords {

    /** What an import reports when it ends; stored as JSON. */
    record Report(
            boolean applied,
            int created,
            int updated,
            int unchanged,
            int rejected,
            int productsCreated,
            int productsUpdated,
            List<RowProblem> problems,
            boolean problemsTruncated,
            @Nullable String error) {

        static Report failure(String error) {
            return new Report(false, 0, 0, 0, 0, 0, 0, List.of(), false, error);
        }
    }

    /** A queued import as its job needs it. */
    record Queued(
            UUID id,
            String status,
            String mode,
            boolean dryRun,
            UUID requestedBy,
            @Nullable UUID sellerScope,
            byte @Nullable [] content) {}

    private static final String COLUMNS = """
            id, status, mode, dry_run, file_name, total_rows, processed_rows, rows_to_write, written_rows,
            report::text as report, requested_by, created_at, started_at, finished_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate separately;

    ImportRecords(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void insert(
            UUID id,
            String status,
            String mode,
            boolean dryRun,
            @Nullable String fileName,
            int totalRows,
            UUID requestedBy,
            @Nullable UUID sellerScope,
            byte @Nullable [] content,
            Instant now) {
        jdbc.sql("""
                        insert into product_imports (id, status, mode, dry_run, file_name, total_rows, requested_by,
                                                     seller_scope, content, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        status,
                        mode,
                        dryRun,
                        fileName,
                        totalRows,
                        requestedBy,
                        sellerScope,
                        content,
                        Timestamp.from(now))
                .update();
    }

    /** A finished import (run during the request): one statement, in the import's transaction. */
    void insertFinished(
            UUID id,
            String status,
            String mode,
            boolean dryRun,
            @Nullable String fileName,
            int totalRows,
            UUID requestedBy,
            @Nullable UUID sellerScope,
            Report report,
            @Nullable Integer written,
            Instant startedAt,
            Instant now) {
        jdbc.sql("""
                        insert into product_imports (id, status, mode, dry_run, file_name, total_rows, processed_rows,
                                                     rows_to_write, written_rows, report, requested_by, seller_scope,
                                                     created_at, started_at, finished_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        status,
                        mode,
                        dryRun,
                        fileName,
                        totalRows,
                        totalRows,
                        written,
                        written == null ? 0 : written,
                        json.writeValueAsString(report),
                        requestedBy,
                        sellerScope,
                        Timestamp.from(startedAt),
                        Timestamp.from(startedAt),
                        Timestamp.from(now))
                .update();
    }

    Optional<Queued> queued(UUID id) {
        return jdbc.sql("""
                        select id, status, mode, dry_run, requested_by, seller_scope, content
                        from product_imports where id = ?""")
                .param(id)
                .query((rs, row) -> new Queued(
                        rs.getObject("id", UUID.class),
                        rs.getString("status"),
                        rs.getString("mode"),
                        rs.getBoolean("dry_run"),
                        rs.getObject("requested_by", UUID.class),
                        rs.getObject("seller_scope", UUID.class),
                        rs.getBytes("content")))
                .optional();
    }

    void started(UUID id, Instant now) {
        jdbc.sql("""
                        update product_imports
                        set status = 'validating', processed_rows = 0, rows_to_write = null, written_rows = 0,
                            started_at = ?
                        where id = ?""").params(Timestamp.from(now), id).update();
    }

    /** Rows read and checked so far. */
    void progress(UUID id, int processed) {
        jdbc.sql("update product_imports set processed_rows = ? where id = ?")
                .params(processed, id)
                .update();
    }

    /** The rows are checked; {@code rows} of them are to be written. Committed at once, separately. */
    void writing(UUID id, int rows) {
        separately.executeWithoutResult(status -> jdbc.sql("""
                        update product_imports set status = 'applying', rows_to_write = ?, written_rows = 0
                        where id = ?""").params(rows, id).update());
    }

    /** Rows written so far (not yet committed: the import's transaction is open). Committed at once, separately. */
    void written(UUID id, int rows) {
        separately.executeWithoutResult(status -> jdbc.sql("update product_imports set written_rows = ? where id = ?")
                .params(rows, id)
                .update());
    }

    /**
     * Ends an import with its report; the file is dropped. {@code written}: the rows it wrote, null
     * when it wrote nothing. False if it had already ended.
     */
    boolean finish(UUID id, String status, int processed, @Nullable Integer written, Report report, Instant now) {
        return jdbc.sql("""
                                update product_imports
                                set status = ?, processed_rows = ?, rows_to_write = ?, written_rows = ?,
                                    report = ?::jsonb, content = null, finished_at = ?
                                where id = ? and finished_at is null""")
                        .params(
                                status,
                                processed,
                                written,
                                written == null ? 0 : written,
                                json.writeValueAsString(report),
                                Timestamp.from(now),
                                id)
                        .update()
                == 1;
    }

    Optional<ImportView> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from product_imports where id = ?")
                .param(id)
                .query((rs, row) -> view(rs, true))
                .optional();
    }

    /** Who may see the import: the requester, and admins. */
    Optional<UUID> requester(UUID id) {
        return jdbc.sql("select requested_by from product_imports where id = ?")
                .param(id)
                .query(UUID.class)
                .optional();
    }

    List<ImportView> latest(@Nullable UUID requestedBy, int limit) {
        return jdbc.sql("select " + COLUMNS + " from product_imports"
                        + " where (cast(:by as uuid) is null or requested_by = :by)"
                        + " order by created_at desc, id desc limit :limit")
                .param("by", requestedBy)
                .param("limit", limit)
                .query((rs, row) -> view(rs, false))
                .list();
    }

    private ImportView view(ResultSet rs, boolean withProblems) throws SQLException {
        String text = rs.getString("report");
        Report report = text == null ? null : json.readValue(text, Report.class);
        Timestamp started = rs.getTimestamp("started_at");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ImportView(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                rs.getString("mode"),
                rs.getBoolean("dry_run"),
                report != null && report.applied(),
                rs.getString("file_name"),
                rs.getInt("total_rows"),
                rs.getInt("processed_rows"),
                rs.getObject("rows_to_write", Integer.class),
                rs.getInt("written_rows"),
                report == null ? 0 : report.created(),
                report == null ? 0 : report.updated(),
                report == null ? 0 : report.unchanged(),
                report == null ? 0 : report.rejected(),
                report == null ? 0 : report.productsCreated(),
                report == null ? 0 : report.productsUpdated(),
                report == null || !withProblems ? List.of() : report.problems(),
                report != null && report.problemsTruncated(),
                report == null ? null : report.error(),
                rs.getObject("requested_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                started == null ? null : started.toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
