package app.dukkan.platform.images;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and outputs of picture uploads (products, avatars, posts) ({@code dukkan.images.*}).
 *
 * @param maxFileSize the largest file taken (the route's body limit, {@code dukkan.web.body-limits},
 *     refuses larger requests before they are read)
 * @param maxSide the longest side in pixels, read from the file's header before decoding
 * @param maxPixels the most pixels (width × height), read from the header: the defence against
 *     decompression bombs, which declare huge pictures in a few bytes
 * @param maxAspectRatio the longest side at most this many times the shortest
 * @param widths the rendition widths, as the pages' {@code srcset} offers them; never wider than the
 *     original
 * @param quality JPEG quality of the renditions, 0 to 1
 * @param concurrent images processed at once on an instance (each holds its decoded pixels); others
 *     wait up to {@code maxWait}
 * @param maxWait how long an upload waits for its turn before 503 {@code busy}
 */
@ConfigurationProperties("dukkan.images")
public record ImageLimits(
        @DefaultValue("20MB") DataSize maxFileSize,
        @DefaultValue("16000") int maxSide,
        @DefaultValue("50000000") long maxPixels,
        @DefaultValue("20") int maxAspectRatio,
        @DefaultValue({"320", "640", "960", "1280", "1600"}) List<Integer> widths,
        @DefaultValue("0.85") float quality,
        @DefaultValue("2") int concurrent,
        @DefaultValue("10s") java.time.Duration maxWait) {

    public ImageLimits {
        widths = widths.stream().sorted().distinct().toList();
        if (widths.isEmpty() || widths.get(0) < 16) {
            throw new IllegalArgumentException("dukkan.images.widths: at least one width of 16 or more");
        }
        if (maxSide > 20_000) {
            throw new IllegalArgumentException("dukkan.images.max-side: at most 20000");
        }
    }

    /** The defaults, for tests and the benchmark. */
    public static ImageLimits defaults() {
        return new ImageLimits(
                DataSize.ofMegabytes(20),
                16000,
                50_000_000L,
                20,
                List.of(320, 640, 960, 1280, 1600),
                0.85f,
                2,
                java.time.Duration.ofSeconds(10));
    }
}
