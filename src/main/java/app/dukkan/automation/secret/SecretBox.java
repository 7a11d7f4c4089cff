package app.dukkan.automation.secret;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with one key. A sealed value is {@code version (1 byte) · key id (4 bytes) · nonce (12
 * random bytes) · ciphertext and tag}: the key id (the first bytes of the key's SHA-256) tells a
 * value sealed under another key from a damaged one, and the associated data (e.g. the credential's
 * name) binds a value to where it is stored.
 */
public final class SecretBox {

    static final byte VERSION = 1;
    private static final int KEY_ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + KEY_ID_BYTES + NONCE_BYTES;

    /** A value that cannot be opened: sealed under another key, damaged, or of an unknown format. */
    public static final class SealedValueException extends RuntimeException {
        SealedValueException(String message) {
            super(message);
        }

        SealedValueException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SecretKeySpec key;
    private final byte[] keyId;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes */
    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.keyId = keyId(key);
    }

    /** The key's id as written into every sealed value, in hex. */
    public String keyId() {
        return HexFormat.of().formatHex(keyId);
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER + sealed.length)
                    .put(VERSION)
                    .put(keyId)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws SealedValueException when the value was sealed under another key or was changed */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        if (sealed.length < HEADER + TAG_BITS / 8) {
            throw new SealedValueException("not a sealed value: too short");
        }
        if (sealed[0] != VERSION) {
            throw new SealedValueException("unknown sealed value format " + sealed[0]);
        }
        byte[] id = Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_BYTES);
        if (!MessageDigest.isEqual(id, keyId)) {
            throw new SealedValueException("sealed under another key (key id "
                    + HexFormat.of().formatHex(id)
                    + ", this process has "
                    + keyId()
                    + "): is dukkan.automation.credentials-key the one the value was stored with?");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1 + KEY_ID_BYTES, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new SealedValueException("the sealed value was changed or belongs elsewhere", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] keyId(byte[] key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), KEY_ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
