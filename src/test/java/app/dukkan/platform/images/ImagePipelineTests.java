package app.dukkan.platform.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pipeline alone: orientation, widths, refusals by content and header. */
class ImagePipelineTests {

    private final ImagePipeline pipeline = new ImagePipeline(ImageLimits.defaults());

    /**
     * 800×400: the left half red, the right half blue. Turned or not, its renditions include the
     * original's own width (drawn through a rotation) and 320 (scaled, then turned in memory).
     */
    private static byte[] halves() {
        BufferedImage image = new BufferedImage(800, 400, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 400, 400);
        g.setColor(Color.BLUE);
        g.fillRect(400, 0, 400, 400);
        g.dispose();
        return TestImages.jpeg(image, 0.95f);
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean red(BufferedImage image, double fx, double fy) {
        Color c = new Color(image.getRGB((int) (image.getWidth() * fx), (int) (image.getHeight() * fy)));
        return c.getRed() > 200 && c.getBlue() < 60;
    }

    /** Where the source's red left half shows once turned: quadrant centres at 25 % and 75 %. */
    @ParameterizedTest
    @CsvSource({
        // orientation, width, height, red at (x, y), not red at (x, y)
        "1, 800, 400, 0.25, 0.5, 0.75, 0.5",
        "2, 800, 400, 0.75, 0.5, 0.25, 0.5",
        "3, 800, 400, 0.75, 0.5, 0.25, 0.5",
        "4, 800, 400, 0.25, 0.5, 0.75, 0.5",
        "5, 400, 800, 0.5, 0.25, 0.5, 0.75",
        "6, 400, 800, 0.5, 0.25, 0.5, 0.75",
        "7, 400, 800, 0.5, 0.75, 0.5, 0.25",
        "8, 400, 800, 0.5, 0.75, 0.5, 0.25"
    })
    void exifOrientationIsApplied(int orientation, int width, int height, double rx, double ry, double bx, double by) {
        ImagePipeline.Processed processed = pipeline.process(TestImages.withExif(halves(), orientation));
        assertThat(processed.width()).isEqualTo(width);
        assertThat(processed.height()).isEqualTo(height);
        assertThat(processed.renditions())
                .extracting(ImagePipeline.Rendition::width)
                .contains(320, width);
        for (ImagePipeline.Rendition rendition : processed.renditions()) {
            BufferedImage image = decode(rendition.jpeg());
            assertThat(image.getWidth()).isEqualTo(rendition.width());
            assertThat(image.getHeight()).isEqualTo(rendition.height());
            assertThat(red(image, rx, ry))
                    .as("red at %s,%s in %s", rx, ry, rendition.width())
                    .isTrue();
            assertThat(red(image, bx, by))
                    .as("blue at %s,%s in %s", bx, by, rendition.width())
                    .isFalse();
        }
    }

    @Test
    void widthsNeverExceedTheOriginal() {
        assertThat(pipeline.widthsFor(4000)).containsExactly(320, 640, 960, 1280, 1600);
        assertThat(pipeline.widthsFor(1600)).containsExactly(320, 640, 960, 1280, 1600);
        assertThat(pipeline.widthsFor(1000)).containsExactly(320, 640, 960, 1000);
        assertThat(pipeline.widthsFor(200)).containsExactly(200);
        List<Integer> made = pipeline.process(TestImages.jpeg(3000, 2000)).renditions().stream()
                .map(ImagePipeline.Rendition::width)
                .toList();
        assertThat(made).containsExactly(320, 640, 960, 1280, 1600);
    }

    @Test
    void transparencyIsPutOnWhite() {
        BufferedImage clear = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        ImagePipeline.Processed processed = pipeline.process(TestImages.png(clear));
        BufferedImage image = decode(processed.largest().jpeg());
        assertThat(new Color(image.getRGB(50, 50)).getRed()).isGreaterThan(240);
    }

    @Test
    void theHeaderDecidesBeforeAnyPixelIsDecoded() {
        // 2 GB of pixels declared in a few hundred bytes: refused from the header, fast
        long start = System.nanoTime();
        assertThatThrownBy(() -> pipeline.process(TestImages.pngDeclaring(40_000, 15_000)))
                .isInstanceOfSatisfying(
                        ImageRefusedException.class,
                        e -> assertThat(e.type()).isEqualTo(ImageRefusedException.TOO_MANY_PIXELS));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
        // under the pixel limit, but 16-bit RGBA takes 8 bytes a pixel decoded and 4 more as RGB:
        // 600 MB from a 400 KB file
        assertThatThrownBy(() -> pipeline.process(TestImages.pngDeclaring(7_071, 7_071, 16, 6)))
                .isInstanceOfSatisfying(
                        ImageRefusedException.class,
                        e -> assertThat(e.type()).isEqualTo(ImageRefusedException.TOO_MANY_PIXELS));
        assertThatThrownBy(() -> pipeline.process(TestImages.pngDeclaring(17_000, 2_000)))
                .isInstanceOfSatisfying(
                        ImageRefusedException.class,
                        e -> assertThat(e.type()).isEqualTo(ImageRefusedException.DIMENSIONS));
        assertThatThrownBy(() -> pipeline.process(TestImages.pngDeclaring(2_100, 100)))
                .isInstanceOfSatisfying(
                        ImageRefusedException.class,
                        e -> assertThat(e.type()).isEqualTo(ImageRefusedException.DIMENSIONS));
    }

    @Test
    void theTypeIsToldByTheFirstBytes() {
        assertThat(ImagePipeline.sniff(TestImages.jpeg(8, 8))).isEqualTo("jpeg");
        assertThat(ImagePipeline.sniff(TestImages.png(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))))
                .isEqualTo("png");
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
        assertThatThrownBy(() -> ImagePipeline.sniff(heic))
                .isInstanceOfSatisfying(
                        ImageRefusedException.class,
                        e -> assertThat(e.getMessage()).contains("HEIC"));
        byte[] bmp = new byte[64];
        bmp[0] = 'B';
        bmp[1] = 'M';
        assertThatThrownBy(() -> ImagePipeline.sniff(bmp))
                .isInstanceOfSatisfying(
                        ImageRefusedException.class,
                        e -> assertThat(e.type()).isEqualTo(ImageRefusedException.UNSUPPORTED));
        assertThatThrownBy(() -> ImagePipeline.sniff("%PDF-1.7".getBytes()))
                .isInstanceOfSatisfying(
                        ImageRefusedException.class,
                        e -> assertThat(e.type()).isEqualTo(ImageRefusedException.NOT_AN_IMAGE));
    }
}
