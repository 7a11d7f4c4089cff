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
import org.springframework.stereotype.Service;

/**
 * Runs outside any transaction: the pipeline (a few hundred milliseconds for a 12-megapixel photo)
 * holds no connection. Callers write their rows afterwards and remove the files again if that fails.
 */
@Service
class PictureService implements Pictures {

    private static final Logger log = LoggerFactory.getLogger(PictureService.class);

    private final ImagePipeline pipeline;
    private final FileStore files;
    private final Semaphore processing;
    private final Duration maxWait;

    PictureService(ImagePipeline pipeline, FileStore files) {
        this.pipeline = pipeline;
        this.files = files;
        this.processing = new Semaphore(pipeline.limits().concurrent(), true);
        this.maxWait = pipeline.limits().maxWait();
    }

    @Override
    public long maxFileSize() {
        return pipeline.limits().maxFileSize().toBytes();
    }

    @Override
    public Picture store(String area, long size, InputStreamSource content, Predicate<String> inUse) {
        if (size > maxFileSize()) {
            throw ImageRefusedException.tooLarge(maxFileSize());
        }
        Processed processed = process(read(content));
        List<Rendition> stored = new ArrayList<>();
        try {
            for (ImagePipeline.Rendition rendition : processed.renditions()) {
                String key = area + "/" + processed.sha256().substring(0, 2) + "/" + processed.sha256() + "-"
                        + rendition.width() + ".jpg";
                String url = files.store(key, rendition.jpeg());
                stored.add(new Rendition(rendition.width(), rendition.height(), key, url));
            }
        } catch (RuntimeException e) {
            deleteUnused(processed.sha256(), stored, inUse);
            throw e;
        }
        return new Picture(
                processed.sha256(), processed.format(), processed.width(), processed.height(), List.copyOf(stored));
    }

    @Override
    public void deleteUnused(String sha256, List<Rendition> renditions, Predicate<String> inUse) {
        if (inUse.test(sha256)) {
            return;
        }
        for (Rendition rendition : renditions) {
            try {
                files.delete(rendition.key());
            } catch (RuntimeException e) {
                // the row is gone either way; an orphaned file costs storage, not correctness
                log.warn("Could not delete the image file {}: {}", rendition.key(), e.toString());
            }
        }
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
