package app.dukkan.platform.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.FileStore;
import app.dukkan.platform.Pictures;
import app.dukkan.platform.Pictures.Picture;
import app.dukkan.platform.Pictures.Rendition;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files of a picture are shared by every row with the same upload: deleting one row's files
 * must not take the files of a row being written with the same upload, on any instance.
 */
@DukkanTest
class PictureFilesTests {

    private static final String AREA = "tests/pictures";

    @Autowired
    Pictures pictures;

    @Autowired
    FileStore files;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A picture of its own: each test's upload has its own hash. */
    private static Pictures.Prepared prepare(Pictures pictures, long seed) {
        byte[] jpeg = TestImages.jpeg(TestImages.photo(700, 500, seed), 0.85f);
        return pictures.prepare(jpeg.length, new ByteArrayResource(jpeg));
    }

    private List<String> storedKeys(String sha256) {
        return files.list(AREA + "/" + sha256.substring(0, 2) + "/" + sha256);
    }

    @Test
    void aDeleteOfTheSameFileWaitsForTheUploadInFlightAndKeepsItsFiles() throws Exception {
        Pictures.Prepared prepared = prepare(pictures, 31);
        // the earlier row with this file is already gone; the new one is written once the upload resumes
        AtomicBoolean newRowWritten = new AtomicBoolean();
        Predicate<String> inUse = hash -> newRowWritten.get();
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Future<Picture> upload = threads.submit(() -> transaction.execute(status -> {
            Picture picture = pictures.store(AREA, prepared, inUse);
            stored.countDown();
            awaitQuietly(resume);
            newRowWritten.set(true);
            return picture;
        }));
        assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
        List<String> keys = storedKeys(prepared.sha256());
        assertThat(keys).isNotEmpty();
        List<Rendition> earlierRenditions =
                keys.stream().map(key -> new Rendition(0, 0, key, key)).toList();

        Future<?> delete = threads.submit(() -> pictures.deleteUnused(prepared.sha256(), earlierRenditions, inUse));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAPictureLock() > 0);
        assertThat(delete).isNotDone();
        resume.countDown();

        Picture picture = upload.get(30, TimeUnit.SECONDS);
        delete.get(30, TimeUnit.SECONDS);
        assertThat(picture.renditions()).extracting(Rendition::key).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(keys).allSatisfy(key -> assertThat(files.read(key)).isPresent());
    }

    @Test
    void aStoreWhoseTransactionRollsBackRemovesTheFilesUnlessARowUsesThem() {
        Pictures.Prepared unused = prepare(pictures, 32);
        transaction.executeWithoutResult(status -> {
            pictures.store(AREA, unused, hash -> false);
            status.setRollbackOnly();
        });
        assertThat(storedKeys(unused.sha256())).isEmpty();

        Pictures.Prepared used = prepare(pictures, 33);
        transaction.executeWithoutResult(status -> {
            pictures.store(AREA, used, hash -> true);
            status.setRollbackOnly();
        });
        assertThat(storedKeys(used.sha256())).isNotEmpty();
    }

    @Test
    void aDeleteWithinATransactionHappensOnlyOnceItCommits() {
        Pictures.Prepared prepared = prepare(pictures, 34);
        Picture picture = transaction.execute(status -> pictures.store(AREA, prepared, hash -> true));
        transaction.executeWithoutResult(status -> {
            pictures.deleteUnused(picture.sha256(), picture.renditions(), hash -> false);
            assertThat(storedKeys(picture.sha256())).isNotEmpty();
            status.setRollbackOnly();
        });
        assertThat(storedKeys(picture.sha256()))
                .as("rolled back: the row still uses them")
                .isNotEmpty();

        transaction.executeWithoutResult(
                status -> pictures.deleteUnused(picture.sha256(), picture.renditions(), hash -> false));
        assertThat(storedKeys(picture.sha256())).isEmpty();
    }

    private int waitingForAPictureLock() {
        return jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                .query(Integer.class)
                .single();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
