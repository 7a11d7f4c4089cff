package app.dukkan.testing;

import java.io.InputStream;
import java.util.Arrays;

/** So many bytes of filler, made as they are read: large uploads without holding them in memory. */
public final class Filler extends InputStream {

    private long left;

    public Filler(long size) {
        this.left = size;
    }

    @Override
    public int read() {
        return left-- > 0 ? 'a' : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(length, left);
        Arrays.fill(buffer, offset, offset + n, (byte) 'a');
        left -= n;
        return n;
    }
}
