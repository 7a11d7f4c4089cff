package app.dukkan.platform.images;

/**
 * Reads the one EXIF value the pipeline applies, the orientation, from a JPEG's APP1 segment
 * without decoding anything else. Anything unexpected reads as 1 (upright).
 */
final class Exif {

    private static final int ORIENTATION_TAG = 0x0112;

    private Exif() {}

    static int jpegOrientation(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return 1;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                i += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1;
            }
            int length = u16(b, i + 2, false);
            if (length < 2) {
                return 1;
            }
            int end = Math.min(b.length, i + 2 + length);
            if (marker == 0xE1 && i + 10 <= end && isExifHeader(b, i + 4)) {
                int orientation = orientation(b, i + 10, end);
                if (orientation > 0) {
                    return orientation;
                }
            }
            i += 2 + length;
        }
        return 1;
    }

    private static boolean isExifHeader(byte[] b, int at) {
        return b[at] == 'E'
                && b[at + 1] == 'x'
                && b[at + 2] == 'i'
                && b[at + 3] == 'f'
                && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** The orientation in the TIFF structure starting at {@code tiff}, 0 when absent or unreadable. */
    private static int orientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 0;
        }
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        long offset = u32(b, tiff + 4, little);
        if (offset < 8 || tiff + offset + 2 > end) {
            return 0;
        }
        int ifd = (int) (tiff + offset);
        int entries = u16(b, ifd, little);
        for (int k = 0; k < entries; k++) {
            int entry = ifd + 2 + 12 * k;
            if (entry + 12 > end) {
                return 0;
            }
            if (u16(b, entry, little) == ORIENTATION_TAG) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return little ? first | second << 8 : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, at + (little ? 2 : 0), little);
        long low = u16(b, at + (little ? 0 : 2), little);
        return high << 16 | low;
    }
}
