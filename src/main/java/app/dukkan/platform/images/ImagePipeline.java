package app.dukkan.platform.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an uploaded file into JPEG renditions, or refuses it with an {@link ImageRefusedException}.
 * Nothing here stores anything: the caller stores what it gets.
 *
 * <ol>
 *   <li>The type is told by the first bytes (JPEG, PNG, WebP are taken; GIF, BMP, TIFF, HEIC/AVIF
 *       and SVG are named and refused), never by the file name or the declared content type.
 *   <li>Width and height are read from the header before any pixel is decoded; too many pixels (a
 *       decompression bomb declares a huge picture in a few bytes), a side too long or a strip too
 *       thin are refused without allocating the picture.
 *   <li>The picture is decoded with metadata ignored, turned as its EXIF orientation says, put on
 *       white where it is transparent and scaled down (never up) in halving steps to each width.
 *   <li>Each rendition is encoded as a new JPEG: no EXIF, no GPS position, no comments.
 * </ol>
 */
public final class ImagePipeline {

    /** One encoded rendition. */
    public record Rendition(int width, int height, byte[] jpeg) {}

    /**
     * What the pipeline made of a file.
     *
     * @param format the source's format: jpeg, png or webp
     * @param width the picture's width as shown (after its orientation is applied)
     * @param height its height as shown
     * @param sha256 hex SHA-256 of the uploaded bytes: same file, same renditions, same keys
     * @param renditions narrowest first
     */
    public record Processed(String format, int width, int height, String sha256, List<Rendition> renditions) {

        public Rendition largest() {
            return renditions.get(renditions.size() - 1);
        }
    }

    private final ImageLimits limits;

    public ImagePipeline(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    public Processed process(byte[] content) {
        if (content.length == 0) {
            throw ImageRefusedException.empty();
        }
        if (content.length > limits.maxFileSize().toBytes()) {
            throw ImageRefusedException.tooLarge(limits.maxFileSize().toBytes());
        }
        String format = sniff(content);
        ImageReader reader = reader(format);
        AtomicBoolean truncated = new AtomicBoolean();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(content))) {
            reader.setInput(input, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw ImageRefusedException.corrupt();
            }
            checkDimensions(width, height);
            checkMemory(reader, width, height);
            int orientation = format.equals("jpeg") ? Exif.jpegOrientation(content) : 1;
            reader.addIIOReadWarningListener(warningsOfTruncation(truncated));
            BufferedImage decoded;
            try {
                decoded = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw ImageRefusedException.corrupt();
            }
            if (truncated.get() || decoded == null) {
                throw ImageRefusedException.corrupt();
            }
            // alpha, grey, palettes, 16 bits: RGB on white first; turning waits for the smaller renditions
            BufferedImage source = isPlainRgb(decoded) ? decoded : upright(decoded, 1);
            boolean swapped = orientation >= 5;
            int shownWidth = swapped ? source.getHeight() : source.getWidth();
            int shownHeight = swapped ? source.getWidth() : source.getHeight();
            return new Processed(format, shownWidth, shownHeight, sha256(content), renditions(source, orientation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    /** The format the first bytes show; refuses what is no picture or one of another kind. */
    static String sniff(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "jpeg";
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "png";
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return "webp";
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            throw ImageRefusedException.unsupported("GIF");
        }
        if (ascii(b, 0, "BM") && b.length > 26) {
            throw ImageRefusedException.unsupported("BMP");
        }
        if (startsWith(b, 0, 'I', 'I', 0x2A, 0x00) || startsWith(b, 0, 'M', 'M', 0x00, 0x2A)) {
            throw ImageRefusedException.unsupported("TIFF");
        }
        if (ascii(b, 4, "ftyp")) {
            String brand = b.length >= 12 ? new String(b, 8, 4, StandardCharsets.US_ASCII) : "";
            if (brand.startsWith("avi")) {
                throw ImageRefusedException.unsupported("AVIF");
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                throw ImageRefusedException.unsupported("HEIC");
            }
        }
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1)
                .strip()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
            throw ImageRefusedException.unsupported("SVG");
        }
        throw ImageRefusedException.notAnImage();
    }

    private static ImageReader reader(String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format + " (is the plug-in on the class path?)");
        }
        return readers.next();
    }

    /**
     * The pixel limit assumes 3 bytes a pixel; transparency and 16-bit channels take up to 8 when
     * decoded, and such a picture is copied to RGB (4 more) while the decoded one is still held. A
     * 7,071 × 7,071 16-bit PNG with alpha of 400 KB would take 600 MB: the peak is held to what
     * {@code maxPixels} RGB pictures take with their copy ({@value #BUDGET_BYTES_PER_PIXEL} bytes a
     * pixel), so fewer pixels are taken of such pictures.
     */
    private void checkMemory(ImageReader reader, int width, int height) throws IOException {
        ImageTypeSpecifier type;
        try {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        } catch (IOException | RuntimeException e) {
            throw ImageRefusedException.corrupt();
        }
        if (type == null) {
            throw ImageRefusedException.corrupt();
        }
        SampleModel samples = type.getSampleModel();
        int elementBytes = (DataBuffer.getDataTypeSize(samples.getDataType()) + 7) / 8;
        // component models keep a data element per band; packed ones one per pixel
        int decoded = samples instanceof ComponentSampleModel ? elementBytes * samples.getNumBands() : elementBytes;
        int peak = decoded + (isPlainRgb(type.getBufferedImageType()) ? 0 : 4);
        long budget = limits.maxPixels() * BUDGET_BYTES_PER_PIXEL;
        if ((long) width * height * peak > budget) {
            throw ImageRefusedException.tooManyPixels(width, height, budget / peak);
        }
    }

    /** What a picture of {@code maxPixels} may take decoded: an RGB one and a copy's margin. */
    private static final int BUDGET_BYTES_PER_PIXEL = 4;

    private void checkDimensions(int width, int height) {
        if (width < 1 || height < 1) {
            throw ImageRefusedException.corrupt();
        }
        if ((long) width * height > limits.maxPixels()) {
            throw ImageRefusedException.tooManyPixels(width, height, limits.maxPixels());
        }
        if (Math.max(width, height) > limits.maxSide()) {
            throw ImageRefusedException.dimensions(
                    width, height, "no side may be longer than " + limits.maxSide() + " pixels");
        }
        if (Math.max(width, height) > (long) Math.min(width, height) * limits.maxAspectRatio()) {
            throw ImageRefusedException.dimensions(
                    width,
                    height,
                    "the longer side may be at most " + limits.maxAspectRatio() + " times the shorter one");
        }
    }

    /**
     * The JPEG decoder fills a file that ends too early with grey and only warns; such a picture is
     * refused like any other damaged one.
     */
    private static IIOReadWarningListener warningsOfTruncation(AtomicBoolean truncated) {
        return (source, warning) -> {
            String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (text.contains("premature end") || text.contains("truncated")) {
                truncated.set(true);
            }
        };
    }

    /**
     * The picture turned as its orientation (EXIF values 1 to 8) says, in RGB on white: one copy
     * that also drops any alpha channel and odd colour models (grey, palettes, 16 bits).
     */
    static BufferedImage upright(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        if (orientation == 1 && isPlainRgb(source)) {
            return source;
        }
        if (source.getType() == BufferedImage.TYPE_INT_RGB && orientation >= 2 && orientation <= 8) {
            return turned(source, orientation);
        }
        boolean swapped = orientation >= 5 && orientation <= 8;
        BufferedImage target = new BufferedImage(swapped ? h : w, swapped ? w : h, BufferedImage.TYPE_INT_RGB);
        AffineTransform turn = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        Graphics2D g = target.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, target.getWidth(), target.getHeight());
            g.drawImage(source, turn, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /**
     * An RGB picture turned by moving its pixels in memory: several times faster than drawing it
     * through a rotation (Java2D's general transform loop).
     */
    private static BufferedImage turned(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swapped = orientation >= 5;
        int targetWidth = swapped ? h : w;
        BufferedImage target = new BufferedImage(targetWidth, swapped ? w : h, BufferedImage.TYPE_INT_RGB);
        int[] from = source.getRGB(0, 0, w, h, null, 0, w);
        int[] to = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> {
                        tx = w - 1 - x;
                        ty = y;
                    }
                    case 3 -> {
                        tx = w - 1 - x;
                        ty = h - 1 - y;
                    }
                    case 4 -> {
                        tx = x;
                        ty = h - 1 - y;
                    }
                    case 5 -> {
                        tx = y;
                        ty = x;
                    }
                    case 6 -> {
                        tx = h - 1 - y;
                        ty = x;
                    }
                    case 7 -> {
                        tx = h - 1 - y;
                        ty = w - 1 - x;
                    }
                    default -> {
                        tx = y;
                        ty = w - 1 - x;
                    }
                }
                to[ty * targetWidth + tx] = from[row + x];
            }
        }
        return target;
    }

    private static boolean isPlainRgb(BufferedImage image) {
        return isPlainRgb(image.getType());
    }

    private static boolean isPlainRgb(int bufferedImageType) {
        return bufferedImageType == BufferedImage.TYPE_3BYTE_BGR || bufferedImageType == BufferedImage.TYPE_INT_RGB;
    }

    /** The configured widths below the picture's, and the picture's own when it is narrower than the widest. */
    List<Integer> widthsFor(int width) {
        List<Integer> widths = new ArrayList<>();
        for (int candidate : limits.widths()) {
            if (candidate < width) {
                widths.add(candidate);
            }
        }
        if (widths.size() < limits.widths().size()) {
            widths.add(width);
        }
        return widths;
    }

    /**
     * The renditions, scaled in the source's own orientation and each turned upright afterwards:
     * turning a 1600-pixel rendition costs a fraction of turning the 12-megapixel original.
     */
    private List<Rendition> renditions(BufferedImage source, int orientation) {
        boolean swapped = orientation >= 5;
        int shownWidth = swapped ? source.getHeight() : source.getWidth();
        int shownHeight = swapped ? source.getWidth() : source.getHeight();
        List<Integer> widths = widthsFor(shownWidth);
        Rendition[] made = new Rendition[widths.size()];
        BufferedImage from = source;
        // widest first, each from the previous one: every step scales by at most a half
        for (int i = widths.size() - 1; i >= 0; i--) {
            int width = widths.get(i);
            int height = Math.max(1, (int) Math.round((double) shownHeight * width / shownWidth));
            BufferedImage scaled = swapped ? scaled(from, height, width) : scaled(from, width, height);
            BufferedImage upright = upright(scaled, orientation);
            made[i] = new Rendition(upright.getWidth(), upright.getHeight(), jpeg(upright));
            from = scaled;
        }
        return List.of(made);
    }

    /** Scaled to {@code width}×{@code height} in bilinear steps of at most a half. */
    static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage current = source;
        while (current.getWidth() != width || current.getHeight() != height) {
            boolean halve = current.getWidth() / 2 >= width && current.getHeight() / 2 >= height;
            int nextWidth = halve ? (current.getWidth() + 1) / 2 : width;
            int nextHeight = halve ? (current.getHeight() + 1) / 2 : height;
            BufferedImage step = new BufferedImage(nextWidth, nextHeight, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = step.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, nextWidth, nextHeight, null);
            } finally {
                g.dispose();
            }
            current = step;
        }
        return current;
    }

    private byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(limits.quality());
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.setOutput(out);
            // no metadata given: the file carries a JFIF header and the pixels, nothing else
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String expected) {
        return startsWith(b, offset, expected.chars().toArray());
    }
}
