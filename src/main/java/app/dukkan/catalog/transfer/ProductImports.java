package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer.ImportMode;
import app.dukkan.catalog.CatalogTransfer.ImportRequest;
import app.dukkan.catalog.CatalogTransfer.ImportView;
import app.dukkan.catalog.CatalogTransfer.RowProblem;
import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.transfer.ImportPlanner.Plan;
import app.dukkan.catalog.transfer.ImportPlanner.RowInput;
import app.dukkan.catalog.transfer.ImportPlanner.Scope;
import app.dukkan.catalog.transfer.ImportPlanner.State;
import app.dukkan.catalog.transfer.ImportRecords.Queued;
import app.dukkan.catalog.transfer.ImportRecords.Report;
import app.dukkan.catalog.transfer.TransferRepository.ExistingProduct;
import app.dukkan.catalog.transfer.TransferRepository.ExistingVariant;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.platform.Slugs;
import app.dukkan.platform.TextInput;
import app.dukkan.platform.Uploads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs product imports. A file is read and checked as a whole first (a 413 or 422 refuses it before
 * anything is recorded); small files are then imported during the request, larger ones are stored
 * with their import record and run by the {@code catalog-import} job, which reports its progress in
 * the record. Either way the catalog's changes, the record's result and the audit entries are one
 * transaction: an import is applied whole or not at all. A job's progress (rows read, then rows
 * written) is committed beside that transaction, so that it can be followed while the import runs.
 */
@Service
class ProductImports {

    static final JobType<ImportJob> IMPORT = new JobType<>(
            "catalog-import", ImportJob.class, JobQueue.DEFAULT, RetryPolicy.exponential(3, Duration.ofSeconds(30)));

    /** The job's payload: which import to run. */
    record ImportJob(UUID importId) {}

    static final int MAX_REPORTED_PROBLEMS = 1000;
    private static final int MAX_AUDITED_SLUGS = 20;
    private static final Logger log = LoggerFactory.getLogger(ProductImports.class);

    private final ImportProperties limits;
    private final ImportPlanner planner;
    private final ImportWriter writer;
    private final ImportRecords records;
    private final TransferRepository repository;
    private final Categories categories;
    private final Jobs jobs;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProductImports(
            ImportProperties limits,
            ImportPlanner planner,
            ImportWriter writer,
            ImportRecords records,
            TransferRepository repository,
            Categories categories,
            Jobs jobs,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.limits = limits;
        this.planner = planner;
        this.writer = writer;
        this.records = records;
        this.repository = repository;
        this.categories = categories;
        this.jobs = jobs;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    ImportView start(AuthenticatedUser actor, ImportRequest request) {
        long max = limits.maxFileSize().toBytes();
        if (request.size() > max) {
            throw tooLarge();
        }
        byte[] content;
        try (InputStream in = request.content().getInputStream()) {
            content = in.readNBytes(Math.toIntExact(Math.min(max + 1, Integer.MAX_VALUE - 8)));
        } catch (IOException e) {
            throw ProblemException.invalid("file", "could not be read");
        }
        if (content.length > max) {
            throw tooLarge();
        }
        ImportFile file = ImportFile.read(new ByteArrayInputStream(content), limits.maxRows());
        Scope scope = new Scope(
                actor.id().value(), actor.isAdmin() ? null : actor.id().value());
        String fileName = fileName(request.fileName());
        UUID id = Ids.newId(clock);
        if (file.rows().size() > limits.syncRows()) {
            transactions.executeWithoutResult(status -> {
                records.insert(
                        id,
                        "queued",
                        request.mode().code(),
                        request.dryRun(),
                        fileName,
                        file.rows().size(),
                        scope.actorId(),
                        scope.seller(),
                        content,
                        clock.instant());
                jobs.schedule(IMPORT, id.toString(), new ImportJob(id));
            });
        } else {
            Instant started = clock.instant();
            Map<Integer, List<RowProblem>> problems = new LinkedHashMap<>();
            List<RowInput> inputs = planner.read(file, problems, done -> {});
            try {
                transactions.executeWithoutResult(status -> {
                    Outcome outcome = importRows(id, inputs, problems, scope, request.mode(), request.dryRun(), false);
                    records.insertFinished(
                            id,
                            outcome.status(),
                            request.mode().code(),
                            request.dryRun(),
                            fileName,
                            file.rows().size(),
                            scope.actorId(),
                            scope.seller(),
                            outcome.report(),
                            outcome.written(),
                            started,
                            clock.instant());
                });
            } catch (DuplicateKeyException e) {
                throw ProblemException.conflict("file", concurrentChange());
            }
        }
        return records.find(id).orElseThrow();
    }

    /** Runs a queued import (the job). Runs again after a crash; does nothing once the import ended. */
    void run(UUID id) {
        Queued queued = records.queued(id).orElse(null);
        if (queued == null || !List.of("queued", "validating", "applying").contains(queued.status())) {
            return;
        }
        records.started(id, clock.instant());
        int processed = 0;
        try {
            byte[] content = queued.content();
            if (content == null) {
                throw new IllegalStateException("the import's file is gone");
            }
            ImportFile file = ImportFile.read(new ByteArrayInputStream(content), limits.maxRows());
            long begin = System.nanoTime();
            Map<Integer, List<RowProblem>> problems = new LinkedHashMap<>();
            List<RowInput> inputs = planner.read(file, problems, done -> records.progress(id, done));
            long read = (System.nanoTime() - begin) / 1_000_000;
            processed = inputs.size();
            // every row read; checking them against the catalog is still part of the checking
            records.progress(id, processed);
            int total = processed;
            ImportMode mode = ImportMode.parse("mode", queued.mode());
            Scope scope = new Scope(queued.requestedBy(), queued.sellerScope());
            Outcome outcome = transactions.execute(status -> {
                Outcome result = importRows(id, inputs, problems, scope, mode, queued.dryRun(), true);
                records.finish(id, result.status(), total, result.written(), result.report(), clock.instant());
                return result;
            });
            log.info(
                    "Import {} {} ({} rows, {} rejected): rows read in {} ms; catalog locked and read in {} ms,"
                            + " rows checked in {} ms, written in {} ms; {} ms in all",
                    id,
                    outcome.status(),
                    total,
                    outcome.report().rejected(),
                    read,
                    outcome.stateMillis(),
                    outcome.checkMillis(),
                    outcome.writeMillis(),
                    (System.nanoTime() - begin) / 1_000_000);
        } catch (ProblemException e) {
            records.finish(id, "failed", processed, null, Report.failure(e.getMessage()), clock.instant());
        } catch (DuplicateKeyException e) {
            records.finish(id, "failed", processed, null, Report.failure(concurrentChange()), clock.instant());
        } catch (RuntimeException e) {
            log.error("Import {} failed; nothing was imported", id, e);
            records.finish(
                    id,
                    "failed",
                    processed,
                    null,
                    Report.failure("an unexpected failure stopped the import; nothing was imported"),
                    clock.instant());
        }
    }

    ImportView view(AuthenticatedUser actor, UUID id) {
        ImportView view = records.find(id).orElseThrow(() -> ProblemException.notFound("import", id));
        if (!actor.isAdmin() && !view.requestedBy().equals(actor.id().value())) {
            throw ProblemException.notFound("import", id);
        }
        return view;
    }

    List<ImportView> latest(AuthenticatedUser actor, int limit) {
        if (limit < 1 || limit > 100) {
            throw ProblemException.invalid("limit", "must be between 1 and 100");
        }
        return records.latest(actor.isAdmin() ? null : actor.id().value(), limit);
    }

    /** How an import ended; {@code written} is null when it wrote nothing. */
    private record Outcome(
            String status,
            Report report,
            @Nullable Integer written,
            long stateMillis,
            long checkMillis,
            long writeMillis) {}

    /**
     * Inside the import's transaction: checks the rows against the catalog and writes the plan. A
     * {@code recorded} import (a job's) reports the rows written after each batch in its record.
     */
    private Outcome importRows(
            UUID id,
            List<RowInput> inputs,
            Map<Integer, List<RowProblem>> problems,
            Scope scope,
            ImportMode mode,
            boolean dryRun,
            boolean recorded) {
        long start = System.nanoTime();
        State state = state(inputs);
        long loaded = System.nanoTime();
        Plan plan = planner.plan(inputs, problems, state, scope, mode);
        long checked = System.nanoTime();
        boolean rejected = mode == ImportMode.ALL_OR_NOTHING && plan.hasProblems();
        boolean applied = !dryRun && !rejected;
        if (applied) {
            if (recorded) {
                records.writing(id, plan.rowsToWrite());
                writer.write(plan, written -> records.written(id, written));
            } else {
                writer.write(plan, written -> {});
            }
        }
        long written = System.nanoTime();
        List<RowProblem> listed = plan.problems();
        Report report = new Report(
                applied,
                plan.created(),
                plan.updated(),
                plan.unchanged(),
                plan.rejectedRows(),
                plan.productsCreated(),
                plan.productsUpdated(),
                List.copyOf(listed.subList(0, Math.min(listed.size(), MAX_REPORTED_PROBLEMS))),
                listed.size() > MAX_REPORTED_PROBLEMS,
                null);
        if (plan.otherSellersRows() > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("requested_by", scope.actorId().toString());
            details.put("rows", plan.otherSellersRows());
            details.put("products", plan.otherSellersSlugs().size());
            details.put(
                    "slugs",
                    plan.otherSellersSlugs().stream().limit(MAX_AUDITED_SLUGS).toList());
            audit.record(
                    "products.import-refused",
                    "product-import",
                    id.toString(),
                    "rows name other sellers' products",
                    details);
        }
        if (applied) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("requested_by", scope.actorId().toString());
            details.put("mode", mode.code());
            details.put("rows", inputs.size());
            details.put("created", report.created());
            details.put("updated", report.updated());
            details.put("unchanged", report.unchanged());
            details.put("rejected", report.rejected());
            details.put("products_created", report.productsCreated());
            details.put("products_updated", report.productsUpdated());
            audit.record("products.imported", "product-import", id.toString(), null, details);
        }
        return new Outcome(
                rejected ? "rejected" : "completed",
                report,
                applied ? plan.rowsToWrite() : null,
                (loaded - start) / 1_000_000,
                (checked - loaded) / 1_000_000,
                (written - checked) / 1_000_000);
    }

    /** The catalog the rows name, locked: products by slug, their variants, owners of the SKUs. */
    private State state(List<RowInput> inputs) {
        Set<String> slugs = new LinkedHashSet<>();
        Set<String> skus = new LinkedHashSet<>();
        for (RowInput input : inputs) {
            if (Slugs.isValid(input.slug()) && !input.slug().isEmpty()) {
                slugs.add(input.slug());
            }
            if (!input.sku().isEmpty() && input.sku().length() <= 64) {
                skus.add(input.sku().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, ExistingProduct> products = new HashMap<>();
        repository.lockProductsBySlug(slugs).forEach(p -> products.put(p.slug(), p));
        List<UUID> ids = products.values().stream().map(ExistingProduct::id).toList();
        Map<UUID, List<ExistingVariant>> variants = new HashMap<>();
        repository
                .lockVariantsOf(ids)
                .forEach(v -> variants.computeIfAbsent(v.productId(), p -> new ArrayList<>())
                        .add(v));
        return new State(
                products, variants, repository.productsOfSkus(skus), repository.mediaUrls(ids), categories.tree());
    }

    private ProblemException tooLarge() {
        String limit = limits.maxFileSize().toMegabytes() + "MB";
        return new ProblemException(
                HttpStatus.CONTENT_TOO_LARGE,
                Uploads.TOO_LARGE,
                "File too large",
                "An import file may have at most " + limit + "; split it into several imports",
                List.of(new ProblemException.FieldProblem("file", "must be at most " + limit)));
    }

    private static String concurrentChange() {
        return "a product or SKU of the file was created by someone else meanwhile; nothing was imported, import"
                + " the file again";
    }

    /** The uploaded file's name without its folder, control characters or excess length. */
    private static @Nullable String fileName(@Nullable String name) {
        if (name == null) {
            return null;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        base.codePoints()
                .filter(c -> !Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF))
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.isEmpty()) {
            return null;
        }
        return TextInput.clip(result, 255);
    }
}
