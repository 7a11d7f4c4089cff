package app.dukkan.platform.storage;

import app.dukkan.platform.FileStore;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Serves a stored file, private ones included, to whoever holds an unexpired signed URL for it. */
@RestController
@Tag(name = "Files", description = "Stored files behind signed, expiring links")
class SignedFileController {

    private final HmacSignedUrls urls;
    private final FileStore files;
    private final Clock clock;

    SignedFileController(HmacSignedUrls urls, FileStore files, Clock clock) {
        this.urls = urls;
        this.files = files;
        this.clock = clock;
    }

    @GetMapping(HmacSignedUrls.PATH_PREFIX + "{*key}")
    @Operation(
            summary = "Download a file through a signed link",
            description = "The link comes from the API (e.g. an order's receipt). A changed signature is refused"
                    + " with 403, an expired link with 410, a file that is gone with 404.")
    ResponseEntity<byte[]> download(
            @PathVariable String key, @RequestParam long expires, @RequestParam String signature) {
        String path = key.startsWith("/") ? key.substring(1) : key;
        if (!FileKeys.isSafe(path)) {
            throw ProblemException.notFound("file", path);
        }
        switch (urls.verify(path, expires, signature)) {
            case TAMPERED ->
                throw new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "signature-invalid",
                        "Invalid link",
                        "The link's signature does not match; ask for a new link",
                        List.of());
            case EXPIRED ->
                throw new ProblemException(
                        HttpStatus.GONE,
                        "link-expired",
                        "Link expired",
                        "The link has expired; ask for a new one",
                        List.of());
            case VALID -> {}
        }
        byte[] content = files.read(path).orElseThrow(() -> ProblemException.notFound("file", path));
        long secondsLeft = Math.max(0, expires - clock.instant().getEpochSecond());
        return ResponseEntity.ok()
                .contentType(MediaTypeFactory.getMediaType(path).orElse(MediaType.APPLICATION_OCTET_STREAM))
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(Math.min(secondsLeft, 3600)))
                        .cachePrivate())
                .header(
                        "Content-Disposition",
                        ContentDisposition.inline()
                                .filename(path.substring(path.lastIndexOf('/') + 1))
                                .build()
                                .toString())
                .body(content);
    }
}
