package app.dukkan.platform.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The image pipeline on a 12-megapixel JPEG (4000×3000), run by {@code load/image-bench.sh}:
 * warm-up runs, then timed runs; prints every time and the median and p95 in milliseconds.
 * Arguments: runs (default 15), warm-up runs (default 5), optionally a JPEG file to use instead.
 */
public final class ImageBench {

    private ImageBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ImagePipeline pipeline = new ImagePipeline(ImageLimits.defaults());
        if (args.length > 2) {
            measure(pipeline, "file " + args[2], Files.readAllBytes(Path.of(args[2])), runs, warmup);
            return;
        }
        byte[] photo = TestImages.jpeg(4000, 3000);
        measure(pipeline, "upright (EXIF orientation 1)", photo, runs, warmup);
        // as phones store portraits: sideways pixels and orientation 6, turned before scaling
        measure(pipeline, "sideways (EXIF orientation 6)", TestImages.withExif(photo, 6), runs, warmup);
    }

    private static void measure(ImagePipeline pipeline, String label, byte[] file, int runs, int warmup) {
        ImagePipeline.Processed first = pipeline.process(file);
        System.out.printf(
                Locale.ROOT,
                "%s: %d×%d %s, %d bytes; renditions: %s%n",
                label,
                first.width(),
                first.height(),
                first.format(),
                file.length,
                first.renditions().stream()
                        .map(r -> r.width() + "w " + r.jpeg().length / 1024 + "KB")
                        .toList());
        for (int i = 0; i < warmup; i++) {
            pipeline.process(file);
        }
        long[] millis = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            pipeline.process(file);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        System.out.println("  runs (ms): " + Arrays.toString(millis));
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long p95 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
        System.out.printf(
                Locale.ROOT,
                "  median %d ms, p95 %d ms, max %d ms over %d runs (target < 2000 ms): %s%n",
                median,
                p95,
                sorted[sorted.length - 1],
                runs,
                p95 < 2000 ? "PASS" : "FAIL");
    }
}
