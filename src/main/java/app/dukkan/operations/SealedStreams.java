package app.dukkan.operations;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM over a stream of any length, in segments of 1 MiB, each authenticated on its own
 * (the JDK's GCM holds a whole message in memory to decrypt it). Every file gets its own key,
 * derived from the backup key and a random salt, so segment counters can serve as nonces; the last
 * segment is marked, so a cut-off file is refused rather than restored in part.
 */
final class SealedStreams {

    private static final byte[] MAGIC = "DKBK1".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;
    private static final int SEGMENT = 1 << 20;
    private static final int TAG_BITS = 128;

    private SealedStreams() {}

    /** The backup key from its base64 text: exactly 32 bytes. */
    static byte[] key(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The backup key is not base64 (create one with: openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "The backup key must be 32 bytes, base64-encoded (openssl rand -base64 32); it has " + key.length);
        }
        return key;
    }

    static OutputStream seal(OutputStream target, byte[] key) throws IOException {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        target.write(MAGIC);
        target.write(salt);
        return new SealingStream(target, cipherKey(key, salt), header(salt));
    }

    static InputStream open(InputStream source, byte[] key) throws IOException {
        byte[] magic = source.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not a Dukkan backup (no DKBK1 header)");
        }
        byte[] salt = source.readNBytes(SALT_BYTES);
        if (salt.length != SALT_BYTES) {
            throw new IOException("The backup is cut off in its header");
        }
        return new OpeningStream(source, cipherKey(key, salt), header(salt));
    }

    private static byte[] header(byte[] salt) {
        return ByteBuffer.allocate(MAGIC.length + SALT_BYTES)
                .put(MAGIC)
                .put(salt)
                .array();
    }

    private static SecretKeySpec cipherKey(byte[] key, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update("dukkan-backup-v1".getBytes(StandardCharsets.US_ASCII));
            return new SecretKeySpec(mac.doFinal(salt), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nonce of a segment: its number and whether it is the last. */
    private static byte[] nonceBytes(long segment, boolean last) {
        // the segment's number and a last-flag in 12 bytes, the nonce size GCM is made for
        ByteBuffer nonce = ByteBuffer.allocate(12);
        nonce.put((byte) 0).put((byte) 0).put((byte) 0).putLong(segment).put((byte) (last ? 1 : 0));
        return nonce.array();
    }

    private static Cipher cipher(int mode, SecretKeySpec key, long segment, boolean last, byte[] header) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonceBytes(segment, last)));
            cipher.updateAAD(header);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class SealingStream extends OutputStream {

        private final DataOutputStream target;
        private final SecretKeySpec key;
        private final byte[] header;
        private final byte[] buffer = new byte[SEGMENT];
        private int filled;
        private long segment;
        private boolean closed;

        SealingStream(OutputStream target, SecretKeySpec key, byte[] header) {
            this.target = new DataOutputStream(target);
            this.key = key;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == SEGMENT) {
                    // more follows, so the full segment is not the last
                    emit(false);
                }
                int n = Math.min(length, SEGMENT - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        private void emit(boolean last) throws IOException {
            try {
                byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, segment++, last, header)
                        .doFinal(buffer, 0, filled);
                target.writeInt(sealed.length);
                target.write(sealed);
                filled = 0;
            } catch (GeneralSecurityException e) {
                throw new IOException("Could not encrypt the backup", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                emit(true);
                target.close();
            }
        }
    }

    private static final class OpeningStream extends InputStream {

        private final DataInputStream source;
        private final SecretKeySpec key;
        private final byte[] header;
        private byte[] plain = new byte[0];
        private int position;
        private long segment;
        private boolean last;

        OpeningStream(InputStream source, SecretKeySpec key, byte[] header) {
            this.source = new DataInputStream(source);
            this.key = key;
            this.header = header;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            while (position == plain.length) {
                if (last) {
                    return -1;
                }
                next();
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, bytes, offset, n);
            position += n;
            return n;
        }

        private void next() throws IOException {
            int length;
            try {
                length = source.readInt();
            } catch (EOFException e) {
                throw new IOException("The backup is cut off: its last part is missing");
            }
            if (length < TAG_BITS / 8 || length > SEGMENT + TAG_BITS / 8) {
                throw new IOException("The backup is damaged (a part of " + length + " bytes)");
            }
            byte[] sealed = source.readNBytes(length);
            if (sealed.length != length) {
                throw new IOException("The backup is cut off in its part " + segment);
            }
            byte[] opened = decrypt(sealed, false);
            if (opened == null) {
                opened = decrypt(sealed, true);
                if (opened == null) {
                    throw new IOException("The backup cannot be decrypted: another key, or the file was changed (part "
                            + segment + ")");
                }
                last = true;
                if (source.read() != -1) {
                    throw new IOException("The backup has data after its last part");
                }
            }
            plain = opened;
            position = 0;
            segment++;
        }

        private byte @Nullable [] decrypt(byte[] sealed, boolean lastSegment) throws IOException {
            try {
                return cipher(Cipher.DECRYPT_MODE, key, segment, lastSegment, header)
                        .doFinal(sealed);
            } catch (AEADBadTagException e) {
                return null;
            } catch (GeneralSecurityException e) {
                throw new IOException("Could not decrypt the backup", e);
            }
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
