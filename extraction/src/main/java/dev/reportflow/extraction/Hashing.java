package dev.reportflow.extraction;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The report id: sha256 of the raw bytes, lowercase hex. */
public final class Hashing {
    private Hashing() {}

    /** Cloned per call: cheaper than a provider lookup by name, and a clone is not shared. */
    private static final MessageDigest PROTOTYPE;
    private static final HexFormat HEX = HexFormat.of();

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static String sha256Hex(byte[] raw) {
        MessageDigest md;
        try {
            md = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e2) {
                throw new IllegalStateException("SHA-256 missing from the JDK", e2);
            }
        }
        return HEX.formatHex(md.digest(raw));
    }
}
