package org.prosper.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The HTTP Digest realm of OpenRosa clients and the HA1 = MD5(username:realm:password) stored for it. */
public final class DigestRealm {

    public static final String REALM = "Prosper";

    private DigestRealm() {
    }

    public static String ha1(String username, String password) {
        return md5(username + ":" + REALM + ":" + password);
    }

    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
