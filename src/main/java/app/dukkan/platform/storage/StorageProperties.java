package app.dukkan.platform.storage;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * File storage settings.
 *
 * @param directory where the filesystem store keeps files (when S3 is not configured)
 * @param signingSecret the HMAC key of signed file URLs, at least 32 characters, from the
 *     environment ({@code DUKKAN_STORAGE_SIGNING_SECRET}); when unset one is generated once and kept
 *     in the database so that every instance accepts the others' links
 * @param s3 an S3 bucket to keep files in instead of the directory
 */
@ConfigurationProperties("dukkan.storage")
record StorageProperties(
        @DefaultValue("var/files") String directory,
        @Nullable String signingSecret,
        @DefaultValue S3 s3) {

    /**
     * @param bucket the bucket; S3 is used when it is set
     * @param region the bucket's region (else the SDK's default region chain)
     * @param endpoint another S3-compatible endpoint (MinIO, R2, …); else AWS's
     * @param pathStyle address the bucket in the path rather than the host name (MinIO)
     * @param publicUrl where public files are served from (a CDN or the bucket's website); else the
     *     bucket's URL. Credentials come from the SDK's default chain (AWS_ACCESS_KEY_ID, …).
     */
    record S3(
            @Nullable String bucket,
            @Nullable String region,
            @Nullable String endpoint,
            boolean pathStyle,
            @Nullable String publicUrl) {

        boolean configured() {
            return bucket != null && !bucket.isBlank();
        }
    }
}
