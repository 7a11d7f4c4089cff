package app.dukkan.platform.images;

import app.dukkan.platform.FileStore;
import app.dukkan.platform.Pictures;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.images.ImagePipeline.Processed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Processing runs outside any transaction: the pipeline (a few hundred milliseconds for a
 * 12-megapixel photo) holds no connection. Storing and deleting a hash's files take a PostgreSQL
 * advisory lock on the hash, shared by the transactions that store files and write the rows using
 * them, exclusive for the check that no row uses the files before they are deleted: the same file
 * uploaded again while another row with it is deleted keeps its files, on any instance.
 */
@Service
class PictureService implements Pictures {

    private static final Logger log = LoggerFactory.getLogger(PictureService.class);

    private final ImagePipeline pipeline;
    private final FileStore files;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Semaphore processing;
    private final Duration maxWait;

    PictureService(ImagePipeline pipeline, FileStore files, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.pipeline = pipeline;
        this.files = files;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        // called after the commit of another transaction too, whose connection is still bound
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.processing = new Semaphore(pipeline.limits().concurrent(), true);
        this.maxWait = pipeline.limits().maxWait();
    }

    private record PreparedPicture(Processed processed) implements Prepared {

        @Override
        public String sha256() {
            return processed.sha256();
        }
    }

    @Override
    public long maxFileSize() {
        return pipeline.limits().maxFileSize().toBytes();
    }

    @Override
    public Prepared prepare(long size, InputStreamSource content) {
        if (size > maxFileSize()) {
            throw ImageRefusedException.tooLarge(maxFileSize());
        }
        return new PreparedPicture(process(read(content)));
    }

    @Override
    public Picture store(String area, Prepared prepared, Predicate<String> inUse) {
        Assert.state(
                TransactionSynchronizationManager.isActualTransactionActive(),
                "pictures are stored within the transaction that writes their row");
        Processed processed = ((PreparedPicture) prepared).processed();
        String sha256 = processed.sha256();
        List<String> keys = processed.renditions().stream()
                .map(rendition -> area + "/" + sha256.substring(0, 2) + "/" + sha256 + "-" + rendition.width() + ".jpg")
                .toList();
        lock(sha256, "pg_advisory_xact_lock_shared");
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    deleteNowUnused(sha256, keys, inUse);
                }
            }
        });
        List<Rendition> renditions = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ImagePipeline.Rendition rendition = processed.renditions().get(i);
            String url = files.store(keys.get(i), rendition.jpeg());
            renditions.add(new Rendition(rendition.width(), rendition.height(), keys.get(i), url));
        }
        return new Picture(sha256, processed.format(), processed.width(), processed.height(), List.copyOf(renditions));
    }

    @Override
    public void deleteUnused(String sha256, List<Rendition> renditions, Predicate<String> inUse) {
        List<String> keys = renditions.stream().map(Rendition::key).toList();
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // the row that used the files may only be gone once this transaction commits; waiting
            // for the lock inside it could also wait on an upload that waits on this transaction
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleteNowUnused(sha256, keys, inUse);
                }
            });
        } else {
            deleteNowUnused(sha256, keys, inUse);
        }
    }

    private void deleteNowUnused(String sha256, List<String> keys, Predicate<String> inUse) {
        transaction.executeWithoutResult(status -> {
            lock(sha256, "pg_advisory_xact_lock");
            if (inUse.test(sha256)) {
                return;
            }
            for (String key : keys) {
                try {
                    files.delete(key);
                } catch (RuntimeException e) {
                    // the row is gone either way; an orphaned file costs storage, not correctness
                    log.warn("Could not delete the image file {}: {}", key, e.toString());
                }
            }
        });
    }

    private void lock(String sha256, String function) {
        jdbc.sql("select " + function + "(hashtextextended(:key, 0))")
                .param("key", "dukkan.pictures." + sha256)
                .query((rs, row) -> 1)
                .single();
    }

    private byte[] read(InputStreamSource content) {
        try (InputStream in = content.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSize() + 1));
            if (bytes.length > maxFileSize()) {
                throw ImageRefusedException.tooLarge(maxFileSize());
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** At most {@code concurrent} pictures are decoded at once; the others wait their turn. */
    private Processed process(byte[] content) {
        boolean acquired;
        try {
            acquired = processing.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ProblemException.temporary(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "busy",
                    "Busy",
                    "Too many pictures are being processed; try again in a moment",
                    Duration.ofSeconds(1));
        }
        try {
            return pipeline.process(content);
        } finally {
            processing.release();
        }
    }
}
