package app.dukkan.platform.storage;

import app.dukkan.platform.FileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps files in an S3 bucket (AWS or an S3-compatible service) when {@code
 * dukkan.storage.s3.bucket} is set. Public files are linked at {@code public-url}/key (a CDN or the
 * bucket's website); private ones only through the shop's signed URLs, which read them from here.
 * Credentials come from the SDK's default chain (environment, profile, instance role).
 */
@Component
@ConditionalOnExpression("!'${dukkan.storage.s3.bucket:}'.isBlank()")
class S3FileStore implements FileStore, DisposableBean {

    /**
     * Files larger than this go up in parts of this size: one PUT takes at most 5 GB, and a backup
     * of a big shop is more. S3 takes parts of 5 MB to 5 GB, at most 10,000 of them (640 GB here).
     */
    static final long PART_SIZE = 64L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String publicUrl;
    private final long partSize;

    @Autowired
    S3FileStore(StorageProperties properties) {
        this(builder(properties.s3()).build(), properties.s3(), PART_SIZE);
    }

    S3FileStore(S3Client s3, StorageProperties.S3 settings, long partSize) {
        this.partSize = partSize;
        if (!settings.configured()) {
            throw new IllegalStateException("dukkan.storage.s3.bucket is not set");
        }
        this.s3 = s3;
        this.bucket = settings.bucket();
        String base = settings.publicUrl() != null && !settings.publicUrl().isBlank()
                ? settings.publicUrl()
                : settings.endpoint() != null && !settings.endpoint().isBlank()
                        ? settings.endpoint() + "/" + bucket
                        : "https://" + bucket + ".s3.amazonaws.com";
        this.publicUrl = base.endsWith("/") ? base : base + "/";
    }

    static S3ClientBuilder builder(StorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .forcePathStyle(settings.pathStyle())
                // checksums only where S3 requires them: S3-compatible services differ in what else they accept
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.region() != null && !settings.region().isBlank()) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder;
    }

    @Override
    public String store(String key, byte[] content) {
        FileKeys.requireSafe(key);
        s3.putObject(
                put -> put.bucket(bucket)
                        .key(key)
                        .contentType(MediaTypeFactory.getMediaType(key)
                                .map(Object::toString)
                                .orElse("application/octet-stream")),
                RequestBody.fromBytes(content));
        return FileStore.isPrivate(key) ? key : publicUrl + key;
    }

    @Override
    public String store(String key, Path file) {
        FileKeys.requireSafe(key);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + key, e);
        }
        if (size <= partSize) {
            s3.putObject(
                    put -> put.bucket(bucket).key(key).contentType("application/octet-stream"),
                    RequestBody.fromFile(file));
        } else {
            storeInParts(key, file, size);
        }
        return FileStore.isPrivate(key) ? key : publicUrl + key;
    }

    /** A multipart upload: completed only when every part is there, aborted (nothing stored) otherwise. */
    private void storeInParts(String key, Path file, long size) {
        String upload = s3.createMultipartUpload(
                        create -> create.bucket(bucket).key(key).contentType("application/octet-stream"))
                .uploadId();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(partSize, size));
            for (int number = 1; (long) (number - 1) * partSize < size; number++) {
                buffer.clear();
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                    // a part is read whole before it goes
                }
                buffer.flip();
                int part = number;
                String etag = s3.uploadPart(
                                request -> request.bucket(bucket)
                                        .key(key)
                                        .uploadId(upload)
                                        .partNumber(part),
                                RequestBody.fromByteBuffer(buffer))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            }
            s3.completeMultipartUpload(complete ->
                    complete.bucket(bucket).key(key).uploadId(upload).multipartUpload(done -> done.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(abort -> abort.bucket(bucket).key(key).uploadId(upload));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e instanceof IOException io
                    ? new UncheckedIOException("Could not store " + key, io)
                    : (RuntimeException) e;
        }
    }

    @Override
    public boolean copyTo(String key, Path file) {
        FileKeys.requireSafe(key);
        try (ResponseInputStream<GetObjectResponse> content =
                s3.getObject(get -> get.bucket(bucket).key(key))) {
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .sorted()
                .toList();
    }

    @Override
    public Optional<byte[]> read(String key) {
        FileKeys.requireSafe(key);
        try {
            return Optional.of(
                    s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * S3 answers a delete of a missing key with success too, so a HEAD first tells whether the
     * file was there.
     */
    @Override
    public boolean delete(String key) {
        FileKeys.requireSafe(key);
        try {
            s3.headObject(head -> head.bucket(bucket).key(key));
        } catch (S3Exception e) {
            // a HEAD answer has no body: a missing key is a bare 404
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
        s3.deleteObject(delete -> delete.bucket(bucket).key(key));
        return true;
    }

    @Override
    public void destroy() {
        s3.close();
    }
}
