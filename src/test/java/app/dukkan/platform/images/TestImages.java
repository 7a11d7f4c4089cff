package app.dukkan.platform.images;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Pictures made for tests and the benchmark: photo-like JPEGs, PNGs, bombs and damaged files. */
public final class TestImages {

    private TestImages() {}

    /** A photo-like picture: gradients, shapes and sensor-like noise, so JPEG has work to do. */
    public static BufferedImage photo(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), width, height, new Color(230, 180, 90)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 160));
            int w = 20 + random.nextInt(Math.max(1, width / 4));
            int h = 20 + random.nextInt(Math.max(1, height / 4));
            g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
        }
        g.dispose();
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int value = (pixels[i] & 0xFF) + random.nextInt(17) - 8;
            pixels[i] = (byte) Math.max(0, Math.min(255, value));
        }
        return image;
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] jpeg(int width, int height) {
        return jpeg(photo(width, height, 42), 0.9f);
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A JPEG with an EXIF APP1 segment right after SOI: orientation, a camera make and a GPS
     * latitude reference, so tests can see that all of it is gone from the renditions.
     */
    public static byte[] withExif(byte[] jpeg, int orientation) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        // big-endian TIFF header, IFD0 at offset 8 with three entries
        tiff.writeBytes(new byte[] {'M', 'M', 0, 0x2A, 0, 0, 0, 8});
        tiff.writeBytes(new byte[] {0, 3});
        // Make (0x010F), ASCII, count 4, inline "Cam\0"
        tiff.writeBytes(new byte[] {0x01, 0x0F, 0, 2, 0, 0, 0, 4, 'C', 'a', 'm', 0});
        // Orientation (0x0112), SHORT, count 1, value
        tiff.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0});
        // GPSInfo pointer (0x8825), LONG, count 1, offset 0 (a marker the tests look for)
        tiff.writeBytes(new byte[] {(byte) 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0});
        tiff.writeBytes(new byte[] {0, 0, 0, 0});
        byte[] body = tiff.toByteArray();
        int length = 2 + 6 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A PNG of a few hundred bytes whose header declares {@code width}×{@code height} pixels: what
     * a decompression bomb looks like before it is decoded.
     */
    public static byte[] pngDeclaring(int width, int height) {
        return pngDeclaring(width, height, 8, 2);
    }

    /** {@link #pngDeclaring(int, int)} with the bit depth and colour type (2 RGB, 6 RGB with alpha) given. */
    public static byte[] pngDeclaring(int width, int height, int bitDepth, int colourType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = (byte) bitDepth;
        ihdr[9] = (byte) colourType;
        chunk(out, "IHDR", ihdr);
        // a deflate stream of zeros: a tiny IDAT that would inflate to the whole picture
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        byte[] zeros = new byte[1 << 20];
        deflater.setInput(zeros);
        deflater.finish();
        byte[] compressed = new byte[8192];
        int n = deflater.deflate(compressed);
        chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
